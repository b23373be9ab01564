/** Object operations: read, inspect, upload, remove, copy and move one object (or remove many). */
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { resolveContentType } from '../../bodies/content-type.js';
import { readObjectBody } from '../../bodies/object-read.js';
import type { DecodeAs } from '../../bodies/read-decoding.js';
import { objectProperties } from '../../bodies/properties.js';
import { encodeUploadBody, ENCODING_NAMES, isBase64DataUrl } from '../../bodies/upload-encoding.js';
import { invalidField } from '../../validation.js';
import { deleteKeys } from '../shared/batch-delete.js';
import { conditionally, writeCondition } from '../shared/conditional-write.js';
import { copyObject, CopyRequest } from '../shared/copy.js';
import { operation, RunContext, Target } from '../shared/operation.js';
import { Values } from '../shared/option-spec.js';
import { s3Fields } from '../shared/s3-fields.js';
import { defined } from '../shared/sdk-input.js';
import { checkServedVersion } from '../shared/version-id.js';
import { ReadCondition, readCondition, unlessNotModified } from './conditional-read.js';
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
import { removeVersion } from './remove-version.js';
import { uploadBody } from './upload.js';

/** copy_object's and move_object's request, checked: REPLACE to store new properties, never the source onto itself. */
function copyRequest(
  values: Values<typeof COPY_OBJECT.options>,
  operation: 'copy_object' | 'move_object',
): CopyRequest & Target {
  const { sourceBucket, sourceKey, destinationKey, metadataDirective, contentType } = values;
  const properties = objectProperties(values);
  if (metadataDirective === 'COPY' && (contentType || Object.keys(properties).length)) {
    throw invalidField(
      'metadataDirective',
      "must be REPLACE to store a new contentType, metadata or other properties (COPY keeps the source's)",
    );
  }
  const destinationBucket = values.destinationBucket ?? sourceBucket;
  // A copy onto itself may replace the metadata; a move onto itself would then delete what it copied.
  const move = operation === 'move_object';
  if (destinationBucket === sourceBucket && destinationKey === sourceKey && (metadataDirective === 'COPY' || move)) {
    throw invalidField(
      'destinationKey',
      `is the source itself: choose another key or bucket${move ? ' (a move deletes its source)' : ' (or REPLACE the metadata)'}`,
    );
  }
  const request = { sourceBucket, sourceKey, destinationBucket, destinationKey, metadataDirective, contentType };
  return { ...request, properties, bucket: sourceBucket, key: sourceKey };
}

/** get_object's read: the body decoded as asked, after the served version is checked. */
async function readObject(
  client: S3Client,
  input: {
    bucket: string;
    key: string;
    range?: string;
    decodeAs: DecodeAs;
    versionId?: string;
    condition: ReadCondition;
  },
  context: RunContext,
) {
  const output = await client.send(
    new GetObjectCommand(
      defined({
        Bucket: input.bucket,
        Key: input.key,
        Range: input.range,
        VersionId: input.versionId,
        ...input.condition,
      }),
    ),
  );
  try {
    checkServedVersion(input.versionId, output.VersionId, input);
  } catch (error) {
    (output.Body as { destroy?: () => void } | undefined)?.destroy?.();
    throw error;
  }
  const limits = { maxReadBytes: context.maxReadBytes, bucket: input.bucket, key: input.key };
  const { Body, ...fields } = output;
  // One copy of the SDK's twenty-odd fields, the decoded body set on it (after them, as results
  // have always shown it), not a second copy spread from it.
  return Object.assign(fields, await readObjectBody(Body, output.ContentLength, input.decodeAs, limits));
}

export const OBJECTS = {
  get_object: operation(GET_OBJECT, {
    parse: ({ bucket, key, range, decodeAs, versionId, ifNoneMatch, ifModifiedSince }) => ({
      bucket,
      key,
      range,
      decodeAs,
      versionId,
      condition: readCondition(ifNoneMatch, ifModifiedSince),
    }),
    run: (client, input, context) => unlessNotModified(() => readObject(client, input, context), input, true),
  }),

  head_object: operation(HEAD_OBJECT, {
    parse: ({ bucket, key, versionId, ifNoneMatch, ifModifiedSince }) => ({
      bucket,
      key,
      versionId,
      condition: readCondition(ifNoneMatch, ifModifiedSince),
    }),
    async run(client, { bucket, key, versionId, condition }) {
      return unlessNotModified(
        async () => {
          const output = await client.send(
            new HeadObjectCommand(defined({ Bucket: bucket, Key: key, VersionId: versionId, ...condition })),
          );
          checkServedVersion(versionId, output.VersionId, { bucket, key });
          const fields = s3Fields(output);
          // S3 omits the storage class header for STANDARD objects.
          fields.StorageClass ??= 'STANDARD';
          return Object.assign(fields, { Bucket: bucket, Key: key });
        },
        { bucket, key },
        false,
      );
    },
  }),

  upload_object: operation(UPLOAD_OBJECT, {
    async parse(values) {
      const { bucket, key, data } = values;
      // Left empty, the encoding is base64 for a data URL (a file picker's), else UTF-8.
      const named = values.encoding ?? (isBase64DataUrl(data) ? 'base64' : 'utf8');
      const encoding = ENCODING_NAMES[named.toLowerCase()];
      const body = await encodeUploadBody(data, encoding, values.contentType);
      const contentType = resolveContentType(values.contentType, body, key, encoding);
      const condition = writeCondition(values.ifNoneMatch, values.ifMatch);
      return { bucket, key, body, contentType, properties: objectProperties(values), condition };
    },
    async run(client, { bucket, key, body, contentType, properties, condition }) {
      // A multipart upload carries the condition on its completion (lib-storage sends the params there too).
      const params = { Bucket: bucket, Key: key, ContentType: contentType, ...properties };
      const output = await conditionally(client, { bucket, key }, condition, (sent) =>
        uploadBody(client, { ...params, ...sent }, body),
      );
      return { ...output, Bucket: bucket, Key: key, ContentType: contentType, ContentLength: body.size };
    },
  }),

  remove_object: operation(REMOVE_OBJECT, {
    parse: ({ bucket, key, versionId }) => ({ bucket, key, versionId }),
    async run(client, { bucket, key, versionId }) {
      if (versionId) return removeVersion(client, bucket, key, versionId);
      const output = await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      return { ...output, Bucket: bucket, Key: key };
    },
  }),

  remove_objects: operation(REMOVE_OBJECTS, {
    parse: ({ bucket, keys }) => ({ bucket, keys }),
    run: (client, { bucket, keys }) => deleteKeys(client, bucket, keys),
  }),

  copy_object: operation(COPY_OBJECT, {
    parse: (values) => copyRequest(values, 'copy_object'),
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
    parse: (values) => copyRequest(values, 'move_object'),
    run: (client, request) => moveObject(client, request),
  }),
};
