/**
 * Browser-direct multipart uploads: the server starts, signs, completes, aborts and lists; the
 * file's parts go from the user's browser straight to S3.
 */
import { conditionally, writeCondition } from '../shared/conditional-write.js';
import { objectProperties } from '../../bodies/properties.js';
import { operation } from '../shared/operation.js';
import {
  abortUpload,
  completeUpload,
  createUpload,
  listUploadedParts,
  listUploads,
  signPartUrls,
} from './browser-multipart.js';
import {
  ABORT_MULTIPART_UPLOAD,
  COMPLETE_MULTIPART_UPLOAD,
  CREATE_MULTIPART_UPLOAD,
  LIST_MULTIPART_UPLOADS,
  LIST_UPLOAD_PARTS,
  SIGNED_URLS_FOR_PARTS,
} from './options.js';

export const MULTIPART = {
  create_multipart_upload: operation(CREATE_MULTIPART_UPLOAD, {
    parse: (values) => ({
      bucket: values.bucket,
      key: values.key,
      contentType: values.contentType,
      properties: objectProperties(values),
      fileSize: values.fileSize,
      partSize: values.partSizeBytes,
    }),
    run: (client, request) => createUpload(client, request),
  }),

  signed_urls_for_parts: operation(SIGNED_URLS_FOR_PARTS, {
    parse: ({ bucket, key, uploadId, partNumbers, expiresIn }) => ({ bucket, key, uploadId, partNumbers, expiresIn }),
    run: (client, request) => signPartUrls(client, request, request.partNumbers, request.expiresIn),
  }),

  complete_multipart_upload: operation(COMPLETE_MULTIPART_UPLOAD, {
    parse: ({ bucket, key, uploadId, parts, ifNoneMatch, ifMatch }) => ({
      bucket,
      key,
      uploadId,
      parts,
      condition: writeCondition(ifNoneMatch, ifMatch),
    }),
    run: (client, request) =>
      conditionally(client, request, request.condition, (sent) => completeUpload(client, request, request.parts, sent)),
  }),

  abort_multipart_upload: operation(ABORT_MULTIPART_UPLOAD, {
    parse: ({ bucket, key, uploadId }) => ({ bucket, key, uploadId }),
    run: (client, request) => abortUpload(client, request),
  }),

  list_upload_parts: operation(LIST_UPLOAD_PARTS, {
    parse: ({ bucket, key, uploadId }) => ({ bucket, key, uploadId }),
    run: (client, request) => listUploadedParts(client, request),
  }),

  list_multipart_uploads: operation(LIST_MULTIPART_UPLOADS, {
    parse: ({ bucket, prefix, maxUploads, keyMarker, uploadIdMarker, olderThanHours }) => ({
      bucket,
      prefix,
      maxUploads,
      keyMarker,
      uploadIdMarker,
      olderThanHours,
    }),
    run: (client, request) => listUploads(client, request),
  }),
};
