/**
 * Browser-direct multipart uploads: the server starts, signs, completes, aborts and lists; the
 * file's parts go from the user's browser straight to S3.
 */
import { objectProperties } from '../../bodies/properties.js';
import { operation, Target } from '../shared/operation.js';
import { Values } from '../shared/option-values.js';
import { CompletedPart } from '../shared/part-lists.js';
import {
  abortUpload,
  completeUpload,
  createUpload,
  listUploadedParts,
  listUploads,
  signPartUrls,
  UploadTarget,
} from './browser-multipart.js';
import {
  ABORT_MULTIPART_UPLOAD,
  COMPLETE_MULTIPART_UPLOAD,
  CREATE_MULTIPART_UPLOAD,
  LIST_MULTIPART_UPLOADS,
  LIST_UPLOAD_PARTS,
  SIGNED_URLS_FOR_PARTS,
} from './options.js';

/** The multipart upload an operation continues. */
const uploadTarget = (values: Values): UploadTarget & Target => ({
  bucket: values.bucket as string,
  key: values.key as string,
  uploadId: values.uploadId as string,
});

export const MULTIPART = {
  create_multipart_upload: operation(CREATE_MULTIPART_UPLOAD, {
    parse: (values) => ({
      bucket: values.bucket as string,
      key: values.key as string,
      contentType: values.contentType as string | undefined,
      properties: objectProperties(values),
      fileSize: values.fileSize as number,
      partSize: values.partSizeBytes as number,
    }),
    run: (client, request) => createUpload(client, request),
  }),

  signed_urls_for_parts: operation(SIGNED_URLS_FOR_PARTS, {
    parse: (values) => ({
      ...uploadTarget(values),
      partNumbers: values.partNumbers as number[],
      expiresIn: values.expiresIn as number,
    }),
    run: (client, request) => signPartUrls(client, request, request.partNumbers, request.expiresIn),
  }),

  complete_multipart_upload: operation(COMPLETE_MULTIPART_UPLOAD, {
    parse: (values) => ({ ...uploadTarget(values), parts: values.parts as CompletedPart[] }),
    run: (client, request) => completeUpload(client, request, request.parts),
  }),

  abort_multipart_upload: operation(ABORT_MULTIPART_UPLOAD, {
    parse: uploadTarget,
    run: (client, request) => abortUpload(client, request),
  }),

  list_upload_parts: operation(LIST_UPLOAD_PARTS, {
    parse: uploadTarget,
    run: (client, request) => listUploadedParts(client, request),
  }),

  list_multipart_uploads: operation(LIST_MULTIPART_UPLOADS, {
    parse: (values) => ({
      bucket: values.bucket as string,
      prefix: values.prefix as string | undefined,
      maxUploads: values.maxUploads as number,
      keyMarker: values.keyMarker as string | undefined,
      uploadIdMarker: values.uploadIdMarker as string | undefined,
      olderThanHours: values.olderThanHours as number,
    }),
    run: (client, request) => listUploads(client, request),
  }),
};
