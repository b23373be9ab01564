/** The options of the object operations: read, inspect, upload, remove, copy and move one object (or remove many). */
import { ENCODING_NAMES } from '../../bodies/upload-encoding.js';
import { DECODE_AS } from '../../bodies/read-decoding.js';
import { count, LIMITS } from '../../limits.js';
import {
  bucket,
  destinationBucket,
  key,
  objectPropertyOptions,
  readConditionOptions,
  versionId,
  writeConditionOptions,
} from '../shared/common-options.js';
import { Choice, choices, OperationForm, OptionSpec } from '../shared/option-spec.js';

function encodingChoices(): Choice[] {
  const main = choices(['', 'utf8', 'base64', 'hex', 'binary', 'utf16le'], {
    '': 'Auto (base64 for a data URL, else UTF-8)',
    utf8: 'UTF-8 text',
    base64: 'Base64 (file pickers, data URLs)',
    hex: 'Hex',
    binary: 'Binary string (latin1, one byte per character)',
    utf16le: 'UTF-16LE',
  });
  const aliases = Object.entries(ENCODING_NAMES)
    .filter(([name]) => !main.some((choice) => choice.value === name))
    .map(([name, encoding]) => ({ value: name, name: `${name} (as ${main.find((c) => c.value === encoding)?.name})` }));
  return [...main, ...aliases];
}

/** copy_object and move_object take the same options. */
const copyOptions = [
  {
    key: 'sourceBucket',
    label: 'Source bucket',
    kind: 'bucket',
    required: true,
    help: 'Bucket of the object to copy',
    placeholder: 'my-bucket',
  },
  {
    key: 'sourceKey',
    label: 'Source key',
    kind: 'key',
    required: true,
    help: 'Key of the object to copy',
    placeholder: 'inbox/report.pdf',
  },
  destinationBucket,
  {
    key: 'destinationKey',
    label: 'Destination key',
    kind: 'key',
    required: true,
    help: 'Key of the copy',
    placeholder: 'archive/report.pdf',
  },
  {
    key: 'metadataDirective',
    label: 'Metadata directive',
    kind: 'choice',
    choices: [
      { value: 'COPY', name: "Keep the source's (COPY)" },
      { value: 'REPLACE', name: 'Replace with the fields below (REPLACE)' },
    ],
    default: 'COPY',
    help: "COPY keeps the source's content type and metadata; REPLACE stores the fields below instead",
  },
  {
    key: 'contentType',
    label: 'Content type',
    kind: 'mediaType',
    help: "With REPLACE: the copy's content type",
    placeholder: 'application/pdf',
  },
  ...objectPropertyOptions,
] as const satisfies readonly OptionSpec[];

export const GET_OBJECT = {
  name: 'Read object',
  options: [
    bucket,
    key,
    {
      key: 'range',
      label: 'Range',
      kind: 'range',
      help: 'Read part of the object: bytes=0-499 (the first 500), bytes=500- or bytes=-500 (the last 500)',
      placeholder: 'bytes=0-499',
    },
    {
      key: 'decodeAs',
      label: 'Decode as',
      kind: 'choice',
      choices: choices(DECODE_AS, {
        auto: 'Auto (text when UTF-8, else base64)',
        text: 'Text (UTF-8)',
        base64: 'Base64',
        json: 'JSON (parsed)',
      }),
      default: 'auto',
      help: 'How the body is returned: Body with BodyEncoding says which',
    },
    versionId,
    ...readConditionOptions,
  ],
} as const satisfies OperationForm;

export const HEAD_OBJECT = {
  name: 'Read object metadata',
  options: [bucket, key, versionId, ...readConditionOptions],
} as const satisfies OperationForm;

export const UPLOAD_OBJECT = {
  name: 'Upload object',
  options: [
    bucket,
    key,
    {
      key: 'contentType',
      label: 'Content type',
      kind: 'mediaType',
      help: "Guessed from a data URL or the key's extension when empty",
      placeholder: 'image/png',
    },
    {
      key: 'data',
      label: 'Upload data',
      kind: 'data',
      help: "Text, a JSON object or array, or base64 (a file picker's data URL works as is)",
      placeholder: '{{components.filepicker1.file[0].base64Data}}',
    },
    {
      key: 'encoding',
      label: 'Encoding',
      kind: 'choice',
      // Every name Node's Buffer takes, as the app builder's plugin did (ascii, latin1, ucs2, …):
      // listed, so a query saved with one shows it in the dropdown.
      choices: encodingChoices(),
      default: '',
      help: 'How Upload data is turned into bytes',
    },
    ...objectPropertyOptions,
    ...writeConditionOptions,
  ],
} as const satisfies OperationForm;

export const REMOVE_OBJECT = {
  name: 'Remove object',
  options: [
    bucket,
    key,
    {
      ...versionId,
      help: 'Deletes this version for good: no delete marker, no undo. When empty, the object is removed as usual (in a versioned bucket: a delete marker hides it, its versions stay)',
    },
  ],
} as const satisfies OperationForm;

export const REMOVE_OBJECTS = {
  name: 'Remove objects',
  options: [
    bucket,
    {
      key: 'keys',
      label: 'Keys',
      kind: 'keyList',
      required: true,
      help: `A JSON array of keys, or one key per line (up to ${count(LIMITS.keysPerDelete)}; sent ${count(LIMITS.keysPerPage)} at a time)`,
      placeholder: '["old/a.txt", "old/b.txt"]',
    },
  ],
} as const satisfies OperationForm;

export const COPY_OBJECT = { name: 'Copy object', options: copyOptions } as const satisfies OperationForm;

export const MOVE_OBJECT = { name: 'Move object', options: copyOptions } as const satisfies OperationForm;
