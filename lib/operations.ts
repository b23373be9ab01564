/**
 * The query operations, one entry each: `parse` validates the form values (no network),
 * `run` maps them to one SDK command. Operation names and option keys are the app builder's.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { decodeBody, encodeUploadBody, isBase64DataUrl, UPLOAD_ENCODINGS } from './body';
import { resolveContentType } from './content-type';
import { readBodyBytes } from './read-body';
import { integerInRange, oneOf, optionalString, RawOptions, requiredString, optionalTrimmed } from './validation';
import { bucketName } from './names';

/** What the error translator needs to word a failure. */
export interface Target {
  bucket?: string;
  key?: string;
}

export interface Operation<Input extends Target> {
  parse(options: RawOptions): Input;
  run(client: S3Client, input: Input): Promise<object>;
}

const define = <Input extends Target>(operation: Operation<Input>): Operation<Input> => operation;

const objectKey = (options: RawOptions): string =>
  requiredString(options, 'key', 'the object key (its path in the bucket)');
const expiresIn = (options: RawOptions): number =>
  integerInRange(options, 'expiresIn', { min: 1, max: 604800, defaultValue: 3600 });
const expiryDate = (seconds: number): string => new Date(Date.now() + seconds * 1000).toISOString();

export const OPERATIONS = {
  get_object: define({
    parse: (options) => ({ bucket: bucketName(options), key: objectKey(options) }),
    async run(client, { bucket, key }) {
      const { Body, ...metadata } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const bytes = await readBodyBytes(Body, metadata.ContentLength);
      return { ...metadata, ...decodeBody(bytes) };
    },
  }),

  upload_object: define({
    parse(options) {
      const data = options.data;
      const defaultEncoding = isBase64DataUrl(data) ? 'base64' : 'utf8';
      const encoding = oneOf(options, 'encoding', UPLOAD_ENCODINGS, defaultEncoding);
      const key = objectKey(options);
      const body = encodeUploadBody(data, encoding);
      const contentType = resolveContentType(optionalTrimmed(options, 'contentType'), body, key, encoding);
      return { bucket: bucketName(options), key, body: body.bytes, contentType };
    },
    async run(client, { bucket, key, body, contentType }) {
      const output = await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          ContentLength: body.length,
        }),
      );
      return { ...output, Bucket: bucket, Key: key, ContentType: contentType, ContentLength: body.length };
    },
  }),

  list_buckets: define({
    parse: () => ({}),
    run: (client) => client.send(new ListBucketsCommand({})),
  }),

  list_objects: define({
    parse: (options) => ({
      bucket: bucketName(options),
      prefix: optionalString(options, 'prefix'),
      maxKeys: integerInRange(options, 'maxKeys', { min: 1, max: 1000, defaultValue: 1000 }),
      startAfter: optionalString(options, 'offset'),
      continuationToken: optionalTrimmed(options, 'continuationToken'),
    }),
    run: (client, input) =>
      client.send(
        new ListObjectsV2Command({
          Bucket: input.bucket,
          Prefix: input.prefix,
          MaxKeys: input.maxKeys,
          StartAfter: input.startAfter,
          ContinuationToken: input.continuationToken,
        }),
      ),
  }),

  signed_url_for_get: define({
    parse: (options) => ({ bucket: bucketName(options), key: objectKey(options), expiresIn: expiresIn(options) }),
    async run(client, { bucket, key, expiresIn }) {
      const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn });
      return { url, method: 'GET', expiresIn, expiresAt: expiryDate(expiresIn) };
    },
  }),

  signed_url_for_put: define({
    parse: (options) => ({
      bucket: bucketName(options),
      key: objectKey(options),
      expiresIn: expiresIn(options),
      contentType: optionalTrimmed(options, 'contentType'),
    }),
    async run(client, { bucket, key, expiresIn, contentType }) {
      const command = new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType });
      // Sign Content-Type only when one is declared, so the uploader must send exactly that type.
      const url = await getSignedUrl(client, command, {
        expiresIn,
        signableHeaders: contentType ? new Set(['content-type']) : undefined,
      });
      const headers = contentType ? { 'Content-Type': contentType } : {};
      return { url, method: 'PUT', headers, expiresIn, expiresAt: expiryDate(expiresIn) };
    },
  }),

  remove_object: define({
    parse: (options) => ({ bucket: bucketName(options), key: objectKey(options) }),
    async run(client, { bucket, key }) {
      const output = await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      return { ...output, Bucket: bucket, Key: key };
    },
  }),
};

export type OperationName = keyof typeof OPERATIONS;
export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];

/** The table entry for a name; inputs differ per operation, so the caller sees the common shape. */
export function operationNamed(name: OperationName): Operation<Target> {
  return OPERATIONS[name] as unknown as Operation<Target>;
}
