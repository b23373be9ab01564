/** Options several families take: the bucket, the key, a version, a signed URL's lifetime, the properties stored with an object. */
import { SSE_MODES, STORAGE_CLASSES } from '../../bodies/properties.js';
import { LIMITS } from '../../limits.js';
import { choices, OptionSpec } from './option-spec.js';

export const bucket = {
  key: 'bucket',
  label: 'Bucket',
  kind: 'bucket',
  required: true,
  help: 'The bucket name',
  placeholder: 'my-bucket',
} as const satisfies OptionSpec;
export const key = {
  key: 'key',
  label: 'Key',
  kind: 'key',
  required: true,
  help: "The object's key: its path in the bucket",
  placeholder: 'folder/report.pdf',
} as const satisfies OptionSpec;
export const expiresIn = {
  key: 'expiresIn',
  label: 'Expires in (s)',
  kind: 'integer',
  min: 1,
  max: LIMITS.signedUrlSeconds,
  default: 3600,
  fractions: 'floor',
  zeroMeansDefault: true,
  help: 'Seconds the URL stays valid (S3 allows at most 7 days)',
} as const satisfies OptionSpec;

/** Where a copy goes; the source's bucket when empty. */
export const destinationBucket = {
  key: 'destinationBucket',
  label: 'Destination bucket',
  kind: 'bucket',
  help: 'Defaults to the source bucket',
  placeholder: 'archive-bucket',
} as const satisfies OptionSpec;

/** The listings' filter by the start of the key. */
export const keyPrefix = {
  key: 'prefix',
  label: 'Prefix',
  kind: 'text',
  help: 'Only keys that start with this text',
  placeholder: 'folder/',
} as const satisfies OptionSpec;

/**
 * A paged listing's marker: the previous page's `next` field passed back for the next page (the
 * example reads it from the query named `query`); `alongside`, the marker it goes with.
 */
export function pageMarker<const Key extends string>(
  key: Key,
  label: string,
  next: string,
  query: string,
  alongside?: string,
) {
  return {
    key,
    label,
    kind: 'text',
    help: `The previous page's ${next}, ${alongside ? `with ${alongside}` : 'to list the next page'}`,
    placeholder: `{{queries.${query}.data.${next}}}`,
  } as const satisfies OptionSpec;
}

export const versionId = {
  key: 'versionId',
  label: 'Version ID',
  kind: 'versionId',
  help: 'A version of the object (a VersionId from List object versions); the current version when empty',
  placeholder: '{{queries.versions1.data.Versions[1].VersionId}}',
} as const satisfies OptionSpec;

/** What an upload stores with the object (upload_object, a REPLACE copy, create_multipart_upload). */
export const objectPropertyOptions = [
  {
    key: 'cacheControl',
    label: 'Cache control',
    kind: 'header',
    help: 'Cache-Control stored with the object',
    placeholder: 'max-age=3600',
  },
  {
    key: 'contentDisposition',
    label: 'Content disposition',
    kind: 'disposition',
    help: 'attachment makes browsers download instead of display; a non-ASCII filename is encoded for you',
    placeholder: 'attachment; filename="report.pdf"',
  },
  {
    key: 'storageClass',
    label: 'Storage class',
    kind: 'choice',
    choices: [{ value: '', name: 'Bucket default (STANDARD)' }, ...choices(STORAGE_CLASSES)],
    default: '',
    help: 'S3 storage class of the object',
  },
  {
    key: 'serverSideEncryption',
    label: 'Server-side encryption',
    kind: 'choice',
    choices: [{ value: '', name: 'Bucket default' }, ...choices(SSE_MODES)],
    default: '',
    help: 'Encrypt at rest with S3-managed keys (AES256) or KMS keys (aws:kms)',
  },
  {
    key: 'kmsKeyId',
    label: 'KMS key ID',
    kind: 'header',
    help: "With aws:kms: the key's ID or ARN",
    placeholder: 'arn:aws:kms:…',
  },
  {
    key: 'metadata',
    label: 'Metadata',
    kind: 'json',
    help: `JSON object of user metadata (ASCII text values, ${LIMITS.metadataBytes / 1024} KB in all)`,
    placeholder: '{"department": "finance"}',
  },
  {
    key: 'tags',
    label: 'Tags',
    kind: 'json',
    help: `JSON object of up to ${LIMITS.tagsPerObject} tags (keys up to ${LIMITS.tagKeyCharacters}, values up to ${LIMITS.tagValueCharacters} characters)`,
    placeholder: '{"project": "q3"}',
  },
] as const satisfies readonly OptionSpec[];

/** A write's condition (upload_object, complete_multipart_upload): create only, or replace only the version read. */
export const writeConditionOptions = [
  {
    key: 'ifNoneMatch',
    label: 'Only if new',
    kind: 'header',
    help: '* to create the object only if no object has this key (never overwrite); refused, writing nothing, if one exists',
    placeholder: '*',
  },
  {
    key: 'ifMatch',
    label: 'Only if unchanged (ETag)',
    kind: 'header',
    help: 'The ETag you read: replace the object only if it is still that version; refused, writing nothing, if someone saved since',
    placeholder: '{{queries.read1.data.ETag}}',
  },
] as const satisfies readonly OptionSpec[];

/** A read's condition (get_object, head_object): answer "not modified", with no body, when nothing changed. */
export const readConditionOptions = [
  {
    key: 'ifNoneMatch',
    label: 'Unless ETag is',
    kind: 'header',
    help: 'The ETag you last read: when the object still has it, the answer is NotModified: true, with no body',
    placeholder: '{{queries.read1.data.ETag}}',
  },
  {
    key: 'ifModifiedSince',
    label: 'Only if modified since',
    kind: 'date',
    help: 'A date (2026-01-31T12:00:00Z, or the LastModified you read): when the object is not newer, the answer is NotModified: true, with no body',
    placeholder: '{{queries.read1.data.LastModified}}',
  },
] as const satisfies readonly OptionSpec[];
