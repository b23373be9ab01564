/** The options of signed URLs (download, upload) and signed upload forms (POST). */
import { LIMITS } from '../../limits.js';
import { bucket, expiresIn, key } from '../shared/common-options.js';
import { OperationForm } from '../shared/option-spec.js';

export const SIGNED_URL_FOR_GET = {
  name: 'Signed url for download',
  options: [
    bucket,
    key,
    expiresIn,
    {
      key: 'downloadFilename',
      label: 'Download file name',
      kind: 'filename',
      help: 'The browser saves the file under this name',
      placeholder: 'Q3 report.pdf',
    },
    {
      key: 'responseContentType',
      label: 'Response content type',
      kind: 'mediaType',
      help: 'The Content-Type the download is served with',
      placeholder: 'application/pdf',
    },
  ],
} as const satisfies OperationForm;

export const SIGNED_URL_FOR_PUT = {
  name: 'Signed url for upload',
  options: [
    bucket,
    key,
    expiresIn,
    {
      key: 'contentType',
      label: 'Content type',
      kind: 'mediaType',
      help: 'When given, the uploader must send exactly this Content-Type',
      placeholder: 'image/png',
    },
  ],
} as const satisfies OperationForm;

export const SIGNED_POST_FOR_UPLOAD = {
  name: 'Signed form for upload (POST, with limits)',
  options: [
    bucket,
    { ...key, required: false, help: 'The key the file is stored under; or leave empty and give a key prefix' },
    {
      key: 'keyPrefix',
      label: 'Key prefix',
      kind: 'key',
      help: 'Instead of a key: the file is stored under this folder and its own name (a / is added at the end). The uploader may pick any key in the folder, so give each user or upload a folder of its own',
      placeholder: 'uploads/',
    },
    {
      key: 'maxSizeBytes',
      label: 'Max size (bytes)',
      kind: 'integer',
      min: 1,
      max: LIMITS.postUploadBytes,
      default: LIMITS.postUploadDefaultBytes,
      help: 'S3 refuses a larger file',
    },
    {
      key: 'contentTypePrefix',
      label: 'Content type',
      kind: 'mediaTypePrefix',
      help: 'S3 refuses a file whose Content-Type does not start with this: image/ for any image, or one type such as application/pdf',
      placeholder: 'image/',
    },
    {
      key: 'allowInline',
      label: 'Allow inline display',
      kind: 'toggle',
      default: false,
      help: "Off: the form must send Content-Disposition: attachment (it is in the form's fields), so browsers download the file instead of showing it. On: no such condition; an uploaded HTML or SVG file then runs its scripts when opened from the bucket's address",
    },
    {
      key: 'metadata',
      label: 'Metadata',
      kind: 'json',
      help: 'JSON object of user metadata the form carries (signed: the uploader cannot change it)',
      placeholder: '{"uploaded-by": "{{globals.currentUser.email}}"}',
    },
    { ...expiresIn, help: 'Seconds the form stays valid (S3 allows at most 7 days)' },
  ],
} as const satisfies OperationForm;
