/**
 * Query options read through their specs (options.ts): each kind has one reader, so every
 * operation validates a bucket, a key, a number or a choice the same way, before any request.
 */
import { dispositionHeader, headerText, jsonObject } from '../../bodies/properties.js';
import {
  assertTextLength,
  integerInRange,
  invalidField,
  isUnset,
  oneOf,
  optionalString,
  optionalTrimmed,
  RawOptions,
  requiredString,
  toggle,
} from '../../validation.js';
import { Failure, shown } from '../../errors/failure.js';
import { LIMITS } from '../../limits.js';
import { bucketName, checkedKey, folderPrefix, newBucketName } from './names.js';
import { OptionSpec } from './option-spec.js';
import { parseKeyList } from './batch-delete.js';
import { parseCompletedParts, parsePartNumbers } from './part-lists.js';
import { headerList, methodList, originList } from './text-lists.js';
import { versionIdOption } from './version-id.js';

export type Values = Record<string, unknown>;

function byteRange(options: RawOptions, field: string): string | undefined {
  const range = optionalTrimmed(options, field);
  if (range === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(range);
  if (
    !match ||
    (match[1] === '' && match[2] === '') ||
    (match[1] !== '' && match[2] !== '' && Number(match[1]) > Number(match[2]))
  ) {
    throw invalidField(
      field,
      `must be a byte range such as bytes=0-1023, bytes=1024- or bytes=-500 (got '${shown(range)}')`,
    );
  }
  return range;
}

function regionName(options: RawOptions, field: string): string | undefined {
  const region = optionalTrimmed(options, field);
  if (region !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(region))
    throw invalidField(field, `must be a region code such as eu-west-1 (got '${shown(region)}')`);
  return region;
}

function filename(options: RawOptions, field: string): string | undefined {
  const name = optionalTrimmed(options, field);
  // eslint-disable-next-line no-control-regex
  if (name !== undefined && /[\u0000-\u001f\u007f]/.test(name))
    throw invalidField(field, 'must not contain control characters');
  return name;
}

/** An UploadId as S3 hands it out: printable ASCII, never typed by hand. */
function uploadId(options: RawOptions, field: string): string {
  const id = requiredString(options, field, 'the UploadId create_multipart_upload returned').trim();
  if (!/^[\x21-\x7e]{1,1024}$/.test(id))
    throw invalidField(field, `must be the UploadId create_multipart_upload returned (got '${shown(id)}')`);
  return id;
}

/** The start of a media type the uploader's Content-Type must have: image/ or application/pdf. */
function mediaTypePrefix(options: RawOptions, field: string): string | undefined {
  const prefix = optionalTrimmed(options, field);
  if (prefix !== undefined && !/^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]*$/.test(prefix))
    throw invalidField(
      field,
      `must be a media type or its start with the slash, such as image/ or application/pdf (got '${shown(prefix)}')`,
    );
  return prefix;
}

const TEXT = LIMITS.optionCharacters;

/** The longest text an option takes, by kind; undefined where the kind's own reader caps it (data is the file itself). */
export function textCap(spec: OptionSpec): number | undefined {
  switch (spec.kind) {
    case 'bucket':
    case 'newBucket':
      return TEXT.bucket;
    case 'key':
    case 'folder':
    case 'text':
    case 'uploadId':
    case 'versionId':
      return TEXT.text;
    case 'header':
    case 'mediaType':
    case 'disposition':
    case 'filename':
      return TEXT.header;
    case 'json':
      return TEXT.json;
    case 'originList':
    case 'methodList':
    case 'allowedHeaders':
    case 'exposeHeaders':
      return TEXT.list;
    case 'keyList':
      return LIMITS.keyListCharacters;
    case 'partNumbers':
      return LIMITS.partNumbersCharacters;
    case 'partList':
      return LIMITS.completedPartsCharacters;
    case 'range':
    case 'region':
    case 'mediaTypePrefix':
    case 'integer':
    case 'toggle':
    case 'choice':
      return TEXT.short;
    case 'data':
      return undefined;
  }
}

async function read(spec: OptionSpec, options: RawOptions): Promise<unknown> {
  const { key: field } = spec;
  const cap = textCap(spec);
  if (cap !== undefined) assertTextLength(field, options[field], cap);
  switch (spec.kind) {
    case 'bucket':
      return spec.required || !isUnset(options[field]) ? bucketName(options, field) : undefined;
    case 'newBucket':
      return newBucketName(options);
    case 'key':
      return spec.required || !isUnset(options[field])
        ? checkedKey(field, requiredString(options, field, 'the object key (its path in the bucket)'))
        : undefined;
    case 'text':
      return optionalString(options, field);
    case 'folder':
      return folderPrefix(options, field);
    case 'region':
      return regionName(options, field);
    case 'data':
      return options[field];
    case 'keyList':
      return parseKeyList(options);
    case 'json':
      return jsonObject(options, field);
    // Any header text, as S3 takes it: the app builder's plugin sent `json` or `*/*` as given.
    case 'header':
    case 'mediaType':
      return headerText(options, field);
    case 'disposition':
      return dispositionHeader(options, field);
    case 'range':
      return byteRange(options, field);
    case 'filename':
      return filename(options, field);
    case 'uploadId':
      return uploadId(options, field);
    case 'partNumbers':
      return parsePartNumbers(options, field);
    case 'partList':
      return parseCompletedParts(options, field);
    case 'mediaTypePrefix':
      return mediaTypePrefix(options, field);
    case 'versionId':
      return versionIdOption(options, field, spec.required === true);
    case 'originList': {
      const origins = originList(options, field);
      if (!origins && spec.required)
        throw new Failure('MissingOption', `'${field}' is required: enter at least one origin, or * for any.`, {
          field,
        });
      return origins;
    }
    case 'methodList':
      return methodList(options, field);
    case 'allowedHeaders':
      return headerList(options, field, true);
    case 'exposeHeaders':
      return headerList(options, field, false);
    case 'integer':
      return integerInRange(options, field, {
        min: spec.min,
        max: spec.max,
        defaultValue: spec.default,
        floorFractions: spec.fractions === 'floor',
        zeroMeansDefault: spec.zeroMeansDefault,
      });
    case 'toggle':
      return isUnset(options[field]) ? spec.default : toggle(options, field);
    case 'choice': {
      const allowed = spec.choices.map((choice) => choice.value).filter(Boolean);
      const value = oneOf(options, field, allowed, spec.default);
      return value === '' ? undefined : value;
    }
  }
}

/**
 * Every option of the specs, read and checked; undefined for those not set (or their defaults).
 * Async because long lists (100,000 keys) are checked a slice at a time.
 */
export async function readOptions(specs: readonly OptionSpec[], options: RawOptions): Promise<Values> {
  const values: Values = {};
  for (const spec of specs) values[spec.key] = await read(spec, options);
  return values;
}
