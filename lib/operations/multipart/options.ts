/** The options of browser-direct multipart uploads. */
import { LIMITS } from '../../limits.js';
import {
  bucket,
  expiresIn,
  key,
  objectPropertyOptions,
  pageMarker,
  writeConditionOptions,
} from '../shared/common-options.js';
import { OperationForm, OptionSpec } from '../shared/option-spec.js';

/** The upload a browser-direct multipart operation addresses. */
const upload = [
  bucket,
  key,
  {
    key: 'uploadId',
    label: 'Upload ID',
    kind: 'uploadId',
    required: true,
    help: 'The UploadId create_multipart_upload returned',
    placeholder: '{{queries.startUpload.data.UploadId}}',
  },
] as const satisfies readonly OptionSpec[];

export const CREATE_MULTIPART_UPLOAD = {
  name: 'Start a browser multipart upload',
  options: [
    bucket,
    key,
    {
      key: 'contentType',
      label: 'Content type',
      kind: 'mediaType',
      help: 'Content-Type stored with the object',
      placeholder: '{{components.filepicker1.file[0].type}}',
    },
    {
      key: 'fileSize',
      label: 'File size (bytes)',
      kind: 'integer',
      min: 0,
      max: LIMITS.objectBytes,
      default: 0,
      help: 'The file size in bytes: the result then has a part plan (byte ranges per part)',
    },
    {
      key: 'partSizeBytes',
      label: 'Part size (bytes)',
      kind: 'integer',
      min: LIMITS.partBytes.min,
      max: LIMITS.partBytes.max,
      default: LIMITS.partDefaultBytes,
      help: "Bytes per part in the plan; raised when a file would need more than S3's part limit",
    },
    ...objectPropertyOptions,
  ],
} as const satisfies OperationForm;

export const SIGNED_URLS_FOR_PARTS = {
  name: 'Signed URLs for upload parts',
  options: [
    ...upload,
    {
      key: 'partNumbers',
      label: 'Part numbers',
      kind: 'partNumbers',
      required: true,
      help: 'Which parts to sign: ranges such as 1-40 or 1,3,5-9, or a JSON array',
      placeholder: '1-{{queries.startUpload.data.PartCount}}',
    },
    { ...expiresIn, help: 'Seconds the URLs stay valid (S3 allows at most 7 days)' },
  ],
} as const satisfies OperationForm;

export const COMPLETE_MULTIPART_UPLOAD = {
  name: 'Complete a multipart upload',
  options: [
    ...upload,
    {
      key: 'parts',
      label: 'Parts',
      kind: 'partList',
      required: true,
      help: 'JSON array of every uploaded part: its PartNumber and the ETag header its PUT returned',
      placeholder: '[{"PartNumber": 1, "ETag": "\\"a54357aff0632cce46d942af68356b38\\""}]',
    },
    ...writeConditionOptions,
  ],
} as const satisfies OperationForm;

export const ABORT_MULTIPART_UPLOAD = {
  name: 'Abort a multipart upload',
  options: upload,
} as const satisfies OperationForm;

export const LIST_UPLOAD_PARTS = {
  name: 'List parts of a multipart upload',
  options: upload,
} as const satisfies OperationForm;

export const LIST_MULTIPART_UPLOADS = {
  name: 'List incomplete multipart uploads',
  options: [
    bucket,
    {
      key: 'prefix',
      label: 'Prefix',
      kind: 'text',
      help: 'Only uploads whose key starts with this text',
      placeholder: 'uploads/',
    },
    {
      key: 'olderThanHours',
      label: 'Older than (hours)',
      kind: 'integer',
      min: 0,
      max: 100_000,
      default: 0,
      help: 'Only uploads started at least this many hours ago (to clean up abandoned ones)',
    },
    {
      key: 'maxUploads',
      label: 'Max uploads',
      kind: 'integer',
      min: 1,
      max: LIMITS.uploadsPerPage,
      default: LIMITS.uploadsPerPage,
      help: 'Uploads per page',
    },
    pageMarker('keyMarker', 'Key marker', 'NextKeyMarker', 'uploads'),
    pageMarker('uploadIdMarker', 'Upload ID marker', 'NextUploadIdMarker', 'uploads', 'Key marker'),
  ],
} as const satisfies OperationForm;
