/**
 * The query operations, one entry each: `parse` validates the form values (no network),
 * `run` maps them to the SDK. Operation names and option keys are the app builder's.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { deleteKeys, parseKeyList } from './batch-delete.js';
import { encodeUploadBody, isBase64DataUrl, UPLOAD_ENCODINGS } from '../bodies/upload-encoding.js';
import { resolveContentType } from '../bodies/content-type.js';
import { copyObject, CopyRequest } from './copy.js';
import { createBucket } from './create-bucket.js';
import { listObjects } from './listing.js';
import { moveObject } from './move.js';
import { bucketName, checkedKey, newBucketName } from './names.js';
import { DECODE_AS, readObjectBody } from '../bodies/object-read.js';
import { defined } from './sdk-input.js';
import { signedGetUrl, signedPutUrl } from './signed-urls.js';
import { uploadBody } from './upload.js';
import { headerText, parseObjectProperties } from '../bodies/properties.js';
import {
  integerInRange,
  invalidField,
  oneOf,
  optionalString,
  optionalTrimmed,
  RawOptions,
  requiredString,
  toggle,
} from '../validation.js';

/** What the error translator needs to word a failure (for copies: the source). */
export interface Target {
  bucket?: string;
  key?: string;
}

/** Per-data-source settings an operation may need. */
export interface RunContext {
  region: string;
  maxReadBytes: number;
}

export interface Operation<Input extends Target> {
  parse(options: RawOptions): Input;
  run(client: S3Client, input: Input, context: RunContext): Promise<object>;
}

const define = <Input extends Target>(operation: Operation<Input>): Operation<Input> => operation;

const objectKey = (options: RawOptions, field = 'key'): string =>
  checkedKey(field, requiredString(options, field, 'the object key (its path in the bucket)'));
const expiresIn = (options: RawOptions): number =>
  integerInRange(options, 'expiresIn', { min: 1, max: 604800, defaultValue: 3600 });

function byteRange(options: RawOptions): string | undefined {
  const range = optionalTrimmed(options, 'range');
  if (range === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(range);
  if (
    !match ||
    (match[1] === '' && match[2] === '') ||
    (match[1] !== '' && match[2] !== '' && Number(match[1]) > Number(match[2]))
  ) {
    throw invalidField(
      'range',
      `must be a byte range such as bytes=0-1023, bytes=1024- or bytes=-500 (got '${range}')`,
    );
  }
  return range;
}

function downloadFilename(options: RawOptions): string | undefined {
  const name = optionalTrimmed(options, 'downloadFilename');
  // eslint-disable-next-line no-control-regex
  if (name !== undefined && /[\u0000-\u001f\u007f]/.test(name))
    throw invalidField('downloadFilename', 'must not contain control characters');
  return name;
}

function mediaType(options: RawOptions, field: string): string | undefined {
  const type = headerText(options, field);
  if (type !== undefined && !/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(type)) {
    throw invalidField(field, `must be a media type such as text/csv or image/png (got '${type}')`);
  }
  return type;
}

function copyRequest(options: RawOptions): CopyRequest & Target {
  const sourceBucket = bucketName(options, 'sourceBucket');
  const sourceKey = objectKey(options, 'sourceKey');
  const metadataDirective = oneOf(options, 'metadataDirective', ['COPY', 'REPLACE'] as const, 'COPY');
  const properties = parseObjectProperties(options);
  const contentType = mediaType(options, 'contentType');
  if (metadataDirective === 'COPY' && (contentType || Object.keys(properties).length)) {
    throw invalidField(
      'metadataDirective',
      "must be REPLACE to store a new contentType, metadata or other properties (COPY keeps the source's)",
    );
  }
  const request: CopyRequest & Target = {
    sourceBucket,
    sourceKey,
    destinationBucket: optionalTrimmed(options, 'destinationBucket')
      ? bucketName(options, 'destinationBucket')
      : sourceBucket,
    destinationKey: objectKey(options, 'destinationKey'),
    metadataDirective,
    contentType,
    properties,
    bucket: sourceBucket,
    key: sourceKey,
  };
  if (
    request.destinationBucket === sourceBucket &&
    request.destinationKey === sourceKey &&
    metadataDirective === 'COPY'
  ) {
    throw invalidField(
      'destinationKey',
      'is the source itself: choose another key or bucket (or REPLACE the metadata)',
    );
  }
  return request;
}

export const OPERATIONS = {
  get_object: define({
    parse: (options) => ({
      bucket: bucketName(options),
      key: objectKey(options),
      range: byteRange(options),
      decodeAs: oneOf(options, 'decodeAs', DECODE_AS, 'auto'),
    }),
    async run(client, input, context) {
      const { Body, ...metadata } = await client.send(
        new GetObjectCommand(defined({ Bucket: input.bucket, Key: input.key, Range: input.range })),
      );
      const limits = { maxReadBytes: context.maxReadBytes, bucket: input.bucket, key: input.key };
      return { ...metadata, ...(await readObjectBody(Body, metadata.ContentLength, input.decodeAs, limits)) };
    },
  }),

  head_object: define({
    parse: (options) => ({ bucket: bucketName(options), key: objectKey(options) }),
    async run(client, { bucket, key }) {
      const output = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      // S3 omits the storage class header for STANDARD objects.
      return { ...output, StorageClass: output.StorageClass ?? 'STANDARD', Bucket: bucket, Key: key };
    },
  }),

  upload_object: define({
    parse(options) {
      const data = options.data;
      const encoding = oneOf(options, 'encoding', UPLOAD_ENCODINGS, isBase64DataUrl(data) ? 'base64' : 'utf8');
      const key = objectKey(options);
      const body = encodeUploadBody(data, encoding);
      const contentType = resolveContentType(mediaType(options, 'contentType'), body, key, encoding);
      return {
        bucket: bucketName(options),
        key,
        body,
        contentType,
        properties: parseObjectProperties(options),
      };
    },
    async run(client, { bucket, key, body, contentType, properties }) {
      const output = await uploadBody(
        client,
        { Bucket: bucket, Key: key, ContentType: contentType, ...properties },
        body,
      );
      return { ...output, Bucket: bucket, Key: key, ContentType: contentType, ContentLength: body.size };
    },
  }),

  remove_object: define({
    parse: (options) => ({ bucket: bucketName(options), key: objectKey(options) }),
    async run(client, { bucket, key }) {
      const output = await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      return { ...output, Bucket: bucket, Key: key };
    },
  }),

  remove_objects: define({
    parse: (options) => ({
      bucket: bucketName(options),
      keys: parseKeyList(options),
    }),
    run: (client, { bucket, keys }) => deleteKeys(client, bucket, keys),
  }),

  copy_object: define({
    parse: (options) => copyRequest(options),
    async run(client, request) {
      const output = await copyObject(client, request);
      return {
        ...output,
        Source: { Bucket: request.sourceBucket, Key: request.sourceKey },
        Destination: { Bucket: request.destinationBucket, Key: request.destinationKey },
      };
    },
  }),

  move_object: define({
    parse: (options) => copyRequest(options),
    run: (client, request) => moveObject(client, request),
  }),

  list_buckets: define({
    parse: () => ({}),
    run: (client) => client.send(new ListBucketsCommand({})),
  }),

  list_objects: define({
    parse(options) {
      const includeSignedUrls = toggle(options, 'includeSignedUrls');
      return {
        bucket: bucketName(options),
        prefix: optionalString(options, 'prefix'),
        delimiter: optionalString(options, 'delimiter'),
        maxKeys: integerInRange(options, 'maxKeys', { min: 1, max: 1000, defaultValue: 1000 }),
        startAfter: optionalString(options, 'offset'),
        continuationToken: optionalTrimmed(options, 'continuationToken'),
        fetchAll: toggle(options, 'fetchAll'),
        maxTotalKeys: integerInRange(options, 'maxTotalKeys', { min: 1, max: 1_000_000, defaultValue: 10_000 }),
        signedUrlSeconds: includeSignedUrls ? expiresIn(options) : undefined,
      };
    },
    run: (client, request) => listObjects(client, request),
  }),

  create_bucket: define({
    parse: (options) => ({ bucket: newBucketName(options), region: optionalTrimmed(options, 'region') }),
    run: (client, { bucket, region }, context) => createBucket(client, bucket, region ?? context.region),
  }),

  signed_url_for_get: define({
    parse: (options) => ({
      bucket: bucketName(options),
      key: objectKey(options),
      expiresIn: expiresIn(options),
      downloadFilename: downloadFilename(options),
      responseContentType: mediaType(options, 'responseContentType'),
    }),
    run: (client, request) => signedGetUrl(client, request),
  }),

  signed_url_for_put: define({
    parse: (options) => ({
      bucket: bucketName(options),
      key: objectKey(options),
      expiresIn: expiresIn(options),
      contentType: mediaType(options, 'contentType'),
    }),
    run: (client, request) => signedPutUrl(client, request),
  }),
};

export type OperationName = keyof typeof OPERATIONS;
export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];

/** The table entry for a name; inputs differ per operation, so the caller sees the common shape. */
export function operationNamed(name: OperationName): Operation<Target> {
  return OPERATIONS[name] as unknown as Operation<Target>;
}
