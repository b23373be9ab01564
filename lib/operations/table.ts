/**
 * The query operations, one entry each: `parse` reads the form values through the operation's
 * option specs (options.ts) and checks them (no network), `run` maps them to the SDK. Operation
 * names and option keys are the app builder's.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { resolveContentType } from '../bodies/content-type.js';
import { readObjectBody } from '../bodies/object-read.js';
import { objectProperties } from '../bodies/properties.js';
import { DecodeAs } from '../bodies/read-decoding.js';
import { encodeUploadBody, ENCODING_NAMES, isBase64DataUrl } from '../bodies/upload-encoding.js';
import { Failure } from '../errors/failure.js';
import { invalidField, RawOptions } from '../validation.js';
import { copyFolder, FolderCopyRequest } from './folders/folder-copy.js';
import { deleteFolder } from './folders/folder-delete.js';
import { assertFoldersApart, assertFolderOrConfirmed } from './folders/folder-prefixes.js';
import { DescribeFailure } from './shared/failure-report.js';
import { deleteKeys } from './shared/batch-delete.js';
import { copyObject, CopyRequest } from './shared/copy.js';
import { BROWSER_UPLOADS, deleteBucketCors, getBucketCors, putBucketCors } from './cors/cors-rules.js';
import { createBucket } from './buckets/create-bucket.js';
import { listObjects } from './listing/list-objects.js';
import { moveObject } from './objects/move.js';
import { readOptions, Values } from './shared/option-values.js';
import { OPERATION_SPECS, OperationName, OptionSpec } from './options.js';
import { defined } from './shared/sdk-input.js';
import { signedGetUrl, signedPutUrl } from './signed/signed-urls.js';
import { FILENAME_VARIABLE, postKeyPrefix, signedPost } from './signed/signed-post.js';
import {
  abortUpload,
  completeUpload,
  createUpload,
  listUploadedParts,
  listUploads,
  signPartUrls,
  UploadTarget,
} from './multipart/browser-multipart.js';
import { CompletedPart } from './shared/part-lists.js';
import { uploadBody } from './objects/upload.js';
import { checkServedVersion } from './shared/version-id.js';
import {
  getBucketVersioning,
  listObjectVersions,
  putBucketVersioning,
  removeVersion,
  restoreVersion,
} from './versions/versions.js';

/** What the error translator needs to word a failure (for copies: the source). */
export interface Target {
  bucket?: string;
  key?: string;
  versionId?: string;
}

/** Per-data-source settings an operation may need. */
export interface RunContext {
  region: string;
  maxReadBytes: number;
  /** A failure that does not end the query (one key of a folder) in the user's words, secrets redacted. */
  describeFailure: DescribeFailure;
}

export interface Operation<Input extends Target> {
  /** May be async: long input (a 300 MB upload) is checked a slice at a time. */
  parse(options: RawOptions): Input | Promise<Input>;
  run(client: S3Client, input: Input, context: RunContext): Promise<object>;
}

const define = <Input extends Target>(operation: Operation<Input>): Operation<Input> => operation;

/** An operation's options, read and checked through its specs. */
async function optionsOf(operation: OperationName, options: RawOptions): Promise<Values> {
  const spec = OPERATION_SPECS.find((entry) => entry.value === operation);
  return readOptions((spec?.options ?? []) as readonly OptionSpec[], options);
}

async function copyRequest(
  operation: 'copy_object' | 'move_object',
  options: RawOptions,
): Promise<CopyRequest & Target> {
  const values = await optionsOf(operation, options);
  const sourceBucket = values.sourceBucket as string;
  const sourceKey = values.sourceKey as string;
  const metadataDirective = values.metadataDirective as 'COPY' | 'REPLACE';
  const properties = objectProperties(values);
  const contentType = values.contentType as string | undefined;
  if (metadataDirective === 'COPY' && (contentType || Object.keys(properties).length)) {
    throw invalidField(
      'metadataDirective',
      "must be REPLACE to store a new contentType, metadata or other properties (COPY keeps the source's)",
    );
  }
  const request: CopyRequest & Target = {
    sourceBucket,
    sourceKey,
    destinationBucket: (values.destinationBucket as string | undefined) ?? sourceBucket,
    destinationKey: values.destinationKey as string,
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

async function folderCopyRequest(
  operation: 'copy_folder' | 'move_folder',
  options: RawOptions,
): Promise<FolderCopyRequest & Target> {
  const values = await optionsOf(operation, options);
  const bucket = values.bucket as string;
  const pair = {
    bucket,
    prefix: values.sourcePrefix as string,
    destinationBucket: (values.destinationBucket as string | undefined) ?? bucket,
    destinationPrefix: values.destinationPrefix as string,
  };
  const confirmed = values.confirmWholeBucket as boolean;
  const verb = operation === 'copy_folder' ? 'copy' : 'move';
  assertFolderOrConfirmed('sourcePrefix', pair.prefix, bucket, confirmed, `${verb} every object in it`);
  assertFolderOrConfirmed(
    'destinationPrefix',
    pair.destinationPrefix,
    pair.destinationBucket,
    confirmed,
    `${verb} the objects to its root`,
  );
  assertFoldersApart(pair);
  return {
    ...pair,
    move: operation === 'move_folder',
    dryRun: values.dryRun as boolean,
    concurrency: values.concurrency as number,
  };
}

/** The bucket and key most operations address. */
const target = (values: Values) => ({ bucket: values.bucket as string, key: values.key as string });

/** The multipart upload an operation continues. */
const uploadTarget = (values: Values): UploadTarget & Target => ({
  ...target(values),
  uploadId: values.uploadId as string,
});
/** The bucket, key and (optional) version of get, head and remove. */
const versionTarget = (values: Values) => ({ ...target(values), versionId: values.versionId as string | undefined });

/** put_bucket_cors's rule: the preset's methods and headers, or the fields'. */
function corsRule(values: Values) {
  const preset = values.preset === 'browser-uploads' ? BROWSER_UPLOADS : undefined;
  const methods = values.allowedMethods as string[] | undefined;
  if (preset && methods)
    throw invalidField('allowedMethods', "must be empty with the preset 'browser-uploads' (it sets the methods)");
  if (!preset && !methods)
    throw new Failure(
      'MissingOption',
      "'allowedMethods' is required: list methods (GET, PUT, POST, DELETE, HEAD), or choose the preset 'browser-uploads'.",
      { field: 'allowedMethods' },
    );
  return {
    AllowedOrigins: values.allowedOrigins as string[],
    AllowedMethods: preset?.AllowedMethods ?? (methods as string[]),
    AllowedHeaders: (values.allowedHeaders as string[] | undefined) ?? ['*'],
    // The preset's headers stay exposed whatever else is listed: a page needs ETag to confirm an upload.
    ExposeHeaders: preset
      ? [...new Set([...preset.ExposeHeaders, ...((values.exposeHeaders as string[] | undefined) ?? [])])]
      : ((values.exposeHeaders as string[] | undefined) ?? ['ETag']),
    MaxAgeSeconds: values.maxAgeSeconds as number,
  };
}

export const OPERATIONS = {
  get_object: define({
    async parse(options) {
      const values = await optionsOf('get_object', options);
      return {
        bucket: values.bucket as string,
        key: values.key as string,
        range: values.range as string | undefined,
        decodeAs: values.decodeAs as DecodeAs,
        versionId: values.versionId as string | undefined,
      };
    },
    async run(client, input, context) {
      const { Body, ...metadata } = await client.send(
        new GetObjectCommand(
          defined({ Bucket: input.bucket, Key: input.key, Range: input.range, VersionId: input.versionId }),
        ),
      );
      try {
        checkServedVersion(input.versionId, metadata.VersionId, input);
      } catch (error) {
        (Body as { destroy?: () => void } | undefined)?.destroy?.();
        throw error;
      }
      const limits = { maxReadBytes: context.maxReadBytes, bucket: input.bucket, key: input.key };
      return { ...metadata, ...(await readObjectBody(Body, metadata.ContentLength, input.decodeAs, limits)) };
    },
  }),

  head_object: define({
    parse: async (options) => versionTarget(await optionsOf('head_object', options)),
    async run(client, { bucket, key, versionId }) {
      const output = await client.send(
        new HeadObjectCommand(defined({ Bucket: bucket, Key: key, VersionId: versionId })),
      );
      checkServedVersion(versionId, output.VersionId, { bucket, key });
      // S3 omits the storage class header for STANDARD objects.
      return { ...output, StorageClass: output.StorageClass ?? 'STANDARD', Bucket: bucket, Key: key };
    },
  }),

  upload_object: define({
    async parse(options) {
      const values = await optionsOf('upload_object', options);
      const { bucket, key } = target(values);
      // Left empty, the encoding is base64 for a data URL (a file picker's), else UTF-8.
      const named = (values.encoding as string | undefined) ?? (isBase64DataUrl(values.data) ? 'base64' : 'utf8');
      const encoding = ENCODING_NAMES[named.toLowerCase()];
      const body = await encodeUploadBody(values.data, encoding, values.contentType as string | undefined);
      const contentType = resolveContentType(values.contentType as string | undefined, body, key, encoding);
      return { bucket, key, body, contentType, properties: objectProperties(values) };
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
    parse: async (options) => versionTarget(await optionsOf('remove_object', options)),
    async run(client, { bucket, key, versionId }) {
      if (versionId) return removeVersion(client, bucket, key, versionId);
      const output = await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      return { ...output, Bucket: bucket, Key: key };
    },
  }),

  remove_objects: define({
    async parse(options) {
      const values = await optionsOf('remove_objects', options);
      return { bucket: values.bucket as string, keys: values.keys as string[] };
    },
    run: (client, { bucket, keys }) => deleteKeys(client, bucket, keys),
  }),

  copy_object: define({
    parse: (options) => copyRequest('copy_object', options),
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
    parse: (options) => copyRequest('move_object', options),
    run: (client, request) => moveObject(client, request),
  }),

  copy_folder: define({
    parse: (options) => folderCopyRequest('copy_folder', options),
    run: (client, request, context) => copyFolder(client, request, context.describeFailure),
  }),

  move_folder: define({
    parse: (options) => folderCopyRequest('move_folder', options),
    run: (client, request, context) => copyFolder(client, request, context.describeFailure),
  }),

  delete_folder: define({
    async parse(options) {
      const values = await optionsOf('delete_folder', options);
      const bucket = values.bucket as string;
      const prefix = values.prefix as string;
      assertFolderOrConfirmed(
        'prefix',
        prefix,
        bucket,
        values.confirmWholeBucket as boolean,
        'delete every object in it',
      );
      return { bucket, prefix, dryRun: values.dryRun as boolean };
    },
    run: (client, request, context) => deleteFolder(client, request, context.describeFailure),
  }),

  list_buckets: define({
    parse: () => ({}),
    run: (client) => client.send(new ListBucketsCommand({})),
  }),

  list_objects: define({
    async parse(options) {
      const values = await optionsOf('list_objects', options);
      return {
        bucket: values.bucket as string,
        prefix: values.prefix as string | undefined,
        delimiter: values.delimiter as string | undefined,
        maxKeys: values.maxKeys as number,
        startAfter: values.offset as string | undefined,
        continuationToken: (values.continuationToken as string | undefined)?.trim() || undefined,
        fetchAll: values.fetchAll as boolean,
        maxTotalKeys: values.maxTotalKeys as number,
        signedUrlSeconds: values.includeSignedUrls ? (values.expiresIn as number) : undefined,
      };
    },
    run: (client, request) => listObjects(client, request),
  }),

  create_bucket: define({
    async parse(options) {
      const values = await optionsOf('create_bucket', options);
      return { bucket: values.bucket as string, region: values.region as string | undefined };
    },
    run: (client, { bucket, region }, context) => createBucket(client, bucket, region ?? context.region),
  }),

  signed_url_for_get: define({
    async parse(options) {
      const values = await optionsOf('signed_url_for_get', options);
      return {
        ...target(values),
        expiresIn: values.expiresIn as number,
        downloadFilename: values.downloadFilename as string | undefined,
        responseContentType: values.responseContentType as string | undefined,
      };
    },
    run: (client, request) => signedGetUrl(client, request),
  }),

  signed_url_for_put: define({
    async parse(options) {
      const values = await optionsOf('signed_url_for_put', options);
      return {
        ...target(values),
        expiresIn: values.expiresIn as number,
        contentType: values.contentType as string | undefined,
      };
    },
    run: (client, request) => signedPutUrl(client, request),
  }),

  signed_post_for_upload: define({
    async parse(options) {
      const values = await optionsOf('signed_post_for_upload', options);
      const key = values.key as string | undefined;
      const keyPrefix = postKeyPrefix(values.keyPrefix as string | undefined);
      if (key === undefined && keyPrefix === undefined)
        throw new Failure(
          'MissingOption',
          "'key' or 'keyPrefix' is required: a key stores the file under it, a key prefix under the prefix and the file's own name.",
          { field: 'key' },
        );
      if (key !== undefined && keyPrefix !== undefined)
        throw invalidField(
          'keyPrefix',
          'must be empty when a key is given: give either a key or a keyPrefix, not both',
        );
      // The signer turns a key ending in ${filename} into a prefix condition: a fixed key must be fixed.
      if (key?.includes(FILENAME_VARIABLE))
        throw invalidField(
          'key',
          `must not contain ${FILENAME_VARIABLE}: use keyPrefix to store files under their own name`,
        );
      return {
        bucket: values.bucket as string,
        key,
        keyPrefix,
        maxSizeBytes: values.maxSizeBytes as number,
        contentTypePrefix: values.contentTypePrefix as string | undefined,
        allowInline: values.allowInline as boolean,
        metadata: objectProperties({ metadata: values.metadata }).Metadata,
        expiresIn: values.expiresIn as number,
      };
    },
    run: (client, request) => signedPost(client, request),
  }),

  create_multipart_upload: define({
    async parse(options) {
      const values = await optionsOf('create_multipart_upload', options);
      return {
        ...target(values),
        contentType: values.contentType as string | undefined,
        properties: objectProperties(values),
        fileSize: values.fileSize as number,
        partSize: values.partSizeBytes as number,
      };
    },
    run: (client, request) => createUpload(client, request),
  }),

  signed_urls_for_parts: define({
    async parse(options) {
      const values = await optionsOf('signed_urls_for_parts', options);
      return {
        ...uploadTarget(values),
        partNumbers: values.partNumbers as number[],
        expiresIn: values.expiresIn as number,
      };
    },
    run: (client, request) => signPartUrls(client, request, request.partNumbers, request.expiresIn),
  }),

  complete_multipart_upload: define({
    async parse(options) {
      const values = await optionsOf('complete_multipart_upload', options);
      return { ...uploadTarget(values), parts: values.parts as CompletedPart[] };
    },
    run: (client, request) => completeUpload(client, request, request.parts),
  }),

  abort_multipart_upload: define({
    parse: async (options) => uploadTarget(await optionsOf('abort_multipart_upload', options)),
    run: (client, request) => abortUpload(client, request),
  }),

  list_upload_parts: define({
    parse: async (options) => uploadTarget(await optionsOf('list_upload_parts', options)),
    run: (client, request) => listUploadedParts(client, request),
  }),

  list_multipart_uploads: define({
    async parse(options) {
      const values = await optionsOf('list_multipart_uploads', options);
      return {
        bucket: values.bucket as string,
        prefix: values.prefix as string | undefined,
        maxUploads: values.maxUploads as number,
        keyMarker: values.keyMarker as string | undefined,
        uploadIdMarker: values.uploadIdMarker as string | undefined,
        olderThanHours: values.olderThanHours as number,
      };
    },
    run: (client, request) => listUploads(client, request),
  }),

  list_object_versions: define({
    async parse(options) {
      const values = await optionsOf('list_object_versions', options);
      const prefix = values.prefix as string | undefined;
      const key = values.key as string | undefined;
      if (prefix !== undefined && key !== undefined)
        throw invalidField('key', 'must be empty when a prefix is given (key lists one key, prefix many)');
      const keyMarker = values.keyMarker as string | undefined;
      const versionIdMarker = (values.versionIdMarker as string | undefined)?.trim() || undefined;
      if (versionIdMarker && keyMarker === undefined)
        throw invalidField(
          'versionIdMarker',
          'needs keyMarker too (pass NextKeyMarker and NextVersionIdMarker together)',
        );
      return {
        bucket: values.bucket as string,
        prefix,
        key,
        maxKeys: values.maxKeys as number,
        keyMarker,
        versionIdMarker,
      };
    },
    run: (client, request) => listObjectVersions(client, request),
  }),

  restore_object_version: define({
    parse: async (options) => versionTarget(await optionsOf('restore_object_version', options)),
    run: (client, { bucket, key, versionId }) => restoreVersion(client, bucket, key, versionId as string),
  }),

  get_bucket_versioning: define({
    parse: async (options) => ({ bucket: (await optionsOf('get_bucket_versioning', options)).bucket as string }),
    run: (client, { bucket }) => getBucketVersioning(client, bucket),
  }),

  put_bucket_versioning: define({
    async parse(options) {
      const values = await optionsOf('put_bucket_versioning', options);
      const status = values.status as 'Enabled' | 'Suspended' | undefined;
      if (!status)
        throw new Failure('MissingOption', "'status' is required: choose Enabled or Suspended.", { field: 'status' });
      return { bucket: values.bucket as string, status };
    },
    run: (client, { bucket, status }) => putBucketVersioning(client, bucket, status),
  }),

  get_bucket_cors: define({
    parse: async (options) => ({ bucket: (await optionsOf('get_bucket_cors', options)).bucket as string }),
    run: (client, { bucket }) => getBucketCors(client, bucket),
  }),

  put_bucket_cors: define({
    async parse(options) {
      const values = await optionsOf('put_bucket_cors', options);
      return { bucket: values.bucket as string, rule: corsRule(values), mode: values.mode as 'replace' | 'append' };
    },
    run: (client, request) => putBucketCors(client, request),
  }),

  delete_bucket_cors: define({
    parse: async (options) => ({ bucket: (await optionsOf('delete_bucket_cors', options)).bucket as string }),
    run: (client, { bucket }) => deleteBucketCors(client, bucket),
  }),
} satisfies Record<OperationName, object>;

/** What each operation returns: the typed shape of `data` in its query result. */
export type OperationResults = {
  [Name in OperationName]: Awaited<ReturnType<(typeof OPERATIONS)[Name]['run']>>;
};

export const OPERATION_NAMES = OPERATION_SPECS.map((spec) => spec.value) as OperationName[];
export type { OperationName };

/** The table entry for a name; inputs differ per operation, so the caller sees the common shape. */
export function operationNamed(name: OperationName): Operation<Target> {
  return OPERATIONS[name] as unknown as Operation<Target>;
}
