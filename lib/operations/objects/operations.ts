/** Object operations: read, inspect, upload, remove, copy and move one object (or remove many). */
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { resolveContentType } from '../../bodies/content-type.js';
import { readObjectBody } from '../../bodies/object-read.js';
import { objectProperties } from '../../bodies/properties.js';
import { DecodeAs } from '../../bodies/read-decoding.js';
import { encodeUploadBody, ENCODING_NAMES, isBase64DataUrl } from '../../bodies/upload-encoding.js';
import { invalidField } from '../../validation.js';
import { deleteKeys } from '../shared/batch-delete.js';
import { copyObject, CopyRequest } from '../shared/copy.js';
import { operation, Target } from '../shared/operation.js';
import { Values } from '../shared/option-values.js';
import { defined } from '../shared/sdk-input.js';
import { checkServedVersion } from '../shared/version-id.js';
import { removeVersion } from './remove-version.js';
import { moveObject } from './move.js';
import {
  COPY_OBJECT,
  GET_OBJECT,
  HEAD_OBJECT,
  MOVE_OBJECT,
  REMOVE_OBJECT,
  REMOVE_OBJECTS,
  UPLOAD_OBJECT,
} from './options.js';
import { uploadBody } from './upload.js';

/** The bucket and key most operations address. */
const target = (values: Values) => ({ bucket: values.bucket as string, key: values.key as string });

/** The bucket, key and (optional) version of get, head and remove. */
const versionTarget = (values: Values) => ({ ...target(values), versionId: values.versionId as string | undefined });

function copyRequest(values: Values): CopyRequest & Target {
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

export const OBJECTS = {
  get_object: operation(GET_OBJECT, {
    parse: (values) => ({
      bucket: values.bucket as string,
      key: values.key as string,
      range: values.range as string | undefined,
      decodeAs: values.decodeAs as DecodeAs,
      versionId: values.versionId as string | undefined,
    }),
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

  head_object: operation(HEAD_OBJECT, {
    parse: versionTarget,
    async run(client, { bucket, key, versionId }) {
      const output = await client.send(
        new HeadObjectCommand(defined({ Bucket: bucket, Key: key, VersionId: versionId })),
      );
      checkServedVersion(versionId, output.VersionId, { bucket, key });
      // S3 omits the storage class header for STANDARD objects.
      return { ...output, StorageClass: output.StorageClass ?? 'STANDARD', Bucket: bucket, Key: key };
    },
  }),

  upload_object: operation(UPLOAD_OBJECT, {
    async parse(values) {
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

  remove_object: operation(REMOVE_OBJECT, {
    parse: versionTarget,
    async run(client, { bucket, key, versionId }) {
      if (versionId) return removeVersion(client, bucket, key, versionId);
      const output = await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      return { ...output, Bucket: bucket, Key: key };
    },
  }),

  remove_objects: operation(REMOVE_OBJECTS, {
    parse: (values) => ({ bucket: values.bucket as string, keys: values.keys as string[] }),
    run: (client, { bucket, keys }) => deleteKeys(client, bucket, keys),
  }),

  copy_object: operation(COPY_OBJECT, {
    parse: copyRequest,
    async run(client, request) {
      const output = await copyObject(client, request);
      return {
        ...output,
        Source: { Bucket: request.sourceBucket, Key: request.sourceKey },
        Destination: { Bucket: request.destinationBucket, Key: request.destinationKey },
      };
    },
  }),

  move_object: operation(MOVE_OBJECT, {
    parse: copyRequest,
    run: (client, request) => moveObject(client, request),
  }),
};
