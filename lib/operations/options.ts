/**
 * The query options of every operation, stated once: key, kind, whether required, range,
 * default, allowed values, label and help. Parsing reads options through these specs, and
 * operations.json is generated from them (`npm run forms`; a test fails when it is stale), so a
 * range or a default is never written twice.
 */
import { ENCODING_NAMES } from '../bodies/upload-encoding.js';
import { DECODE_AS } from '../bodies/read-decoding.js';
import { SSE_MODES, STORAGE_CLASSES } from '../bodies/properties.js';
import { count, integerRange, LIMITS } from '../limits.js';

export interface Choice {
  value: string;
  name: string;
}

interface Common {
  /** The saved option key. */
  key: string;
  /** Its property name in operations.json, where the app builder's plugin used another. */
  property?: string;
  label: string;
  /** Shown as the label's tooltip: what the option does (ranges and defaults are added from the spec). */
  help: string;
  /** An example shown in the empty field. */
  placeholder?: string;
  required?: boolean;
}

export type OptionSpec = Common &
  (
    | { kind: 'text' | 'key' | 'bucket' | 'newBucket' | 'data' | 'keyList' | 'json' | 'header' | 'mediaType' }
    /** A key prefix ending in `/` (added when missing); empty for the bucket root. */
    | { kind: 'folder' }
    | { kind: 'range' | 'filename' | 'region' | 'disposition' }
    | { kind: 'uploadId' | 'partNumbers' | 'partList' | 'mediaTypePrefix' }
    | { kind: 'versionId' | 'originList' | 'methodList' | 'allowedHeaders' | 'exposeHeaders' }
    | {
        kind: 'integer';
        min: number;
        max: number;
        default: number;
        /** Fractions the app builder's plugin took (3600.5) are rounded down instead of refused. */
        fractions?: 'floor';
        /** 0 reads as the default, as the app builder's plugin read it. */
        zeroMeansDefault?: boolean;
        /** What one result holds at most, however large the value: the rest is left for the next query. */
        cap?: number;
      }
    | { kind: 'toggle'; default: boolean }
    | { kind: 'choice'; choices: readonly Choice[]; default: string }
  );

const choices = (values: readonly string[], names: Record<string, string> = {}): Choice[] =>
  values.map((value) => ({ value, name: names[value] ?? value }));

function encodingChoices(): Choice[] {
  const main = choices(['', 'utf8', 'base64', 'hex', 'binary', 'utf16le'], {
    '': 'Auto (base64 for a data URL, else UTF-8)',
    utf8: 'UTF-8 text',
    base64: 'Base64 (file pickers, data URLs)',
    hex: 'Hex',
    binary: 'Binary string (latin1, one byte per character)',
    utf16le: 'UTF-16LE',
  });
  const aliases = Object.entries(ENCODING_NAMES)
    .filter(([name]) => !main.some((choice) => choice.value === name))
    .map(([name, encoding]) => ({ value: name, name: `${name} (as ${main.find((c) => c.value === encoding)?.name})` }));
  return [...main, ...aliases];
}

const bucket: OptionSpec = {
  key: 'bucket',
  label: 'Bucket',
  kind: 'bucket',
  required: true,
  help: 'The bucket name',
  placeholder: 'my-bucket',
};
const key: OptionSpec = {
  key: 'key',
  label: 'Key',
  kind: 'key',
  required: true,
  help: "The object's key: its path in the bucket",
  placeholder: 'folder/report.pdf',
};
const expiresIn: OptionSpec = {
  key: 'expiresIn',
  label: 'Expires in (s)',
  kind: 'integer',
  min: 1,
  max: LIMITS.signedUrlSeconds,
  default: 3600,
  fractions: 'floor',
  zeroMeansDefault: true,
  help: 'Seconds the URL stays valid (S3 allows at most 7 days)',
};

const versionId: OptionSpec = {
  key: 'versionId',
  label: 'Version ID',
  kind: 'versionId',
  help: 'A version of the object (a VersionId from List object versions); the current version when empty',
  placeholder: '{{queries.versions1.data.Versions[1].VersionId}}',
};

const properties: OptionSpec[] = [
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
];

/** copy_object and move_object take the same options. */
const copyOptions: OptionSpec[] = [
  {
    key: 'sourceBucket',
    label: 'Source bucket',
    kind: 'bucket',
    required: true,
    help: 'Bucket of the object to copy',
    placeholder: 'my-bucket',
  },
  {
    key: 'sourceKey',
    label: 'Source key',
    kind: 'key',
    required: true,
    help: 'Key of the object to copy',
    placeholder: 'inbox/report.pdf',
  },
  {
    key: 'destinationBucket',
    label: 'Destination bucket',
    kind: 'bucket',
    help: 'Defaults to the source bucket',
    placeholder: 'archive-bucket',
  },
  {
    key: 'destinationKey',
    label: 'Destination key',
    kind: 'key',
    required: true,
    help: 'Key of the copy',
    placeholder: 'archive/report.pdf',
  },
  {
    key: 'metadataDirective',
    label: 'Metadata directive',
    kind: 'choice',
    choices: [
      { value: 'COPY', name: "Keep the source's (COPY)" },
      { value: 'REPLACE', name: 'Replace with the fields below (REPLACE)' },
    ],
    default: 'COPY',
    help: "COPY keeps the source's content type and metadata; REPLACE stores the fields below instead",
  },
  {
    key: 'contentType',
    label: 'Content type',
    kind: 'mediaType',
    help: "With REPLACE: the copy's content type",
    placeholder: 'application/pdf',
  },
  ...properties,
];

/** The upload a browser-direct multipart operation addresses. */
const upload: OptionSpec[] = [
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
];

const dryRun: OptionSpec = {
  key: 'dryRun',
  label: 'Dry run',
  kind: 'toggle',
  default: false,
  help: 'Only count the objects and bytes the query would touch; change nothing',
};
const confirmWholeBucket: OptionSpec = {
  key: 'confirmWholeBucket',
  label: 'Whole bucket',
  kind: 'toggle',
  default: false,
  help: 'Allow an empty folder, which means the whole bucket (every object in it, or its root as the destination)',
};

/** copy_folder and move_folder take the same options. */
const folderCopyOptions: OptionSpec[] = [
  { ...bucket, label: 'Source bucket', help: 'Bucket of the folder' },
  {
    key: 'sourcePrefix',
    label: 'Source folder',
    kind: 'folder',
    help: 'The folder (key prefix) whose objects are copied; a trailing / is added. Empty is the whole bucket',
    placeholder: 'reports/2026/',
  },
  {
    key: 'destinationBucket',
    label: 'Destination bucket',
    kind: 'bucket',
    help: 'Defaults to the source bucket',
    placeholder: 'archive-bucket',
  },
  {
    key: 'destinationPrefix',
    label: 'Destination folder',
    kind: 'folder',
    help: 'Where the objects go, keeping their paths below the source folder; a trailing / is added. Empty is the bucket root',
    placeholder: 'archive/2026/',
  },
  {
    key: 'concurrency',
    label: 'Concurrency',
    kind: 'integer',
    min: LIMITS.folderConcurrency.min,
    max: LIMITS.folderConcurrency.max,
    default: LIMITS.folderConcurrency.default,
    help: 'Objects copied at the same time',
  },
  dryRun,
  confirmWholeBucket,
];

export interface OperationSpec {
  value: string;
  name: string;
  options: OptionSpec[];
}

export const OPERATION_SPECS = [
  {
    value: 'get_object',
    name: 'Read object',
    options: [
      bucket,
      key,
      {
        key: 'range',
        label: 'Range',
        kind: 'range',
        help: 'Read part of the object: bytes=0-499 (the first 500), bytes=500- or bytes=-500 (the last 500)',
        placeholder: 'bytes=0-499',
      },
      {
        key: 'decodeAs',
        label: 'Decode as',
        kind: 'choice',
        choices: choices(DECODE_AS, {
          auto: 'Auto (text when UTF-8, else base64)',
          text: 'Text (UTF-8)',
          base64: 'Base64',
          json: 'JSON (parsed)',
        }),
        default: 'auto',
        help: 'How the body is returned: Body with BodyEncoding says which',
      },
      versionId,
    ],
  },
  { value: 'head_object', name: 'Read object metadata', options: [bucket, key, versionId] },
  {
    value: 'upload_object',
    name: 'Upload object',
    options: [
      bucket,
      key,
      {
        key: 'contentType',
        label: 'Content type',
        kind: 'mediaType',
        help: "Guessed from a data URL or the key's extension when empty",
        placeholder: 'image/png',
      },
      {
        key: 'data',
        label: 'Upload data',
        kind: 'data',
        help: "Text, a JSON object or array, or base64 (a file picker's data URL works as is)",
        placeholder: '{{components.filepicker1.file[0].base64Data}}',
      },
      {
        key: 'encoding',
        label: 'Encoding',
        kind: 'choice',
        // Every name Node's Buffer takes, as the app builder's plugin did (ascii, latin1, ucs2, …):
        // listed, so a query saved with one shows it in the dropdown.
        choices: encodingChoices(),
        default: '',
        help: 'How Upload data is turned into bytes',
      },
      ...properties,
    ],
  },
  {
    value: 'remove_object',
    name: 'Remove object',
    options: [
      bucket,
      key,
      {
        ...versionId,
        help: 'Deletes this version for good: no delete marker, no undo. When empty, the object is removed as usual (in a versioned bucket: a delete marker hides it, its versions stay)',
      },
    ],
  },
  {
    value: 'remove_objects',
    name: 'Remove objects',
    options: [
      bucket,
      {
        key: 'keys',
        label: 'Keys',
        kind: 'keyList',
        required: true,
        help: `A JSON array of keys, or one key per line (up to ${count(LIMITS.keysPerDelete)}; sent ${count(LIMITS.keysPerPage)} at a time)`,
        placeholder: '["old/a.txt", "old/b.txt"]',
      },
    ],
  },
  { value: 'copy_object', name: 'Copy object', options: copyOptions },
  { value: 'move_object', name: 'Move object', options: copyOptions },
  { value: 'copy_folder', name: 'Copy folder', options: folderCopyOptions },
  { value: 'move_folder', name: 'Move (rename) folder', options: folderCopyOptions },
  {
    value: 'delete_folder',
    name: 'Delete folder',
    options: [
      bucket,
      {
        key: 'prefix',
        label: 'Folder',
        kind: 'folder',
        help: 'The folder (key prefix) whose objects are all deleted; a trailing / is added. Empty is the whole bucket',
        placeholder: 'old-reports/',
      },
      dryRun,
      confirmWholeBucket,
    ],
  },
  { value: 'list_buckets', name: 'List buckets', options: [] },
  {
    value: 'list_objects',
    name: 'List objects in a bucket',
    options: [
      bucket,
      {
        key: 'prefix',
        label: 'Prefix',
        kind: 'text',
        help: 'Only keys that start with this text',
        placeholder: 'folder/',
      },
      {
        key: 'delimiter',
        label: 'Delimiter',
        kind: 'text',
        help: '/ lists one folder level: sub-folders come back as CommonPrefixes',
        placeholder: '/',
      },
      {
        key: 'maxKeys',
        label: 'Max keys',
        kind: 'integer',
        // S3 takes a page of 0 keys; the app builder's plugin passed every value on.
        min: 0,
        max: LIMITS.maxKeysValue,
        cap: LIMITS.keysPerResult,
        default: LIMITS.keysPerPage,
        help: `Objects per result: S3 sends at most ${count(LIMITS.keysPerPage)} a page, so more are fetched page by page`,
      },
      {
        key: 'offset',
        label: 'Offset',
        kind: 'text',
        help: 'Start after this key (StartAfter)',
        placeholder: 'folder/last-key-seen',
      },
      {
        key: 'continuationToken',
        property: 'NextContinuationToken',
        label: 'Next continuation token',
        kind: 'text',
        help: "The previous page's NextContinuationToken, to list the next page",
        placeholder: '{{queries.list1.data.NextContinuationToken}}',
      },
      {
        key: 'fetchAll',
        label: 'Fetch all pages',
        kind: 'toggle',
        default: false,
        help: 'Follow continuation tokens and return every object, up to Max total keys',
      },
      {
        key: 'maxTotalKeys',
        label: 'Max total keys',
        kind: 'integer',
        min: 1,
        max: LIMITS.keysPerResult,
        default: 10_000,
        help: 'With Fetch all pages: the most objects returned',
      },
      {
        key: 'includeSignedUrls',
        label: 'Include signed URLs',
        kind: 'toggle',
        default: false,
        help: 'Add a ready download URL (SignedUrl) to every listed object',
      },
      { ...expiresIn, help: 'With Include signed URLs: seconds the URLs stay valid' },
    ],
  },
  {
    value: 'create_bucket',
    name: 'Create bucket',
    options: [
      {
        key: 'bucket',
        label: 'Bucket',
        kind: 'newBucket',
        required: true,
        help: `Name of the new bucket: ${LIMITS.newBucketCharacters.min} to ${LIMITS.newBucketCharacters.max} lower-case letters, digits, dots and hyphens`,
        placeholder: 'my-new-bucket',
      },
      {
        key: 'region',
        label: 'Region',
        kind: 'region',
        help: "Region of the new bucket; the data source's when empty",
        placeholder: 'eu-west-1',
      },
    ],
  },
  {
    value: 'signed_url_for_get',
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
  },
  {
    value: 'signed_url_for_put',
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
  },
  {
    value: 'signed_post_for_upload',
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
  },
  {
    value: 'create_multipart_upload',
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
      ...properties,
    ],
  },
  {
    value: 'signed_urls_for_parts',
    name: 'Signed URLs for upload parts',
    options: [
      ...upload,
      {
        key: 'partNumbers',
        label: 'Part numbers',
        kind: 'partNumbers',
        required: true,
        help: 'Which parts to sign: ranges such as 1-40 or 1,3,5-9, or a JSON array',
        placeholder: '1-{{queries.startUpload.data.partCount}}',
      },
      { ...expiresIn, help: 'Seconds the URLs stay valid (S3 allows at most 7 days)' },
    ],
  },
  {
    value: 'complete_multipart_upload',
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
    ],
  },
  { value: 'abort_multipart_upload', name: 'Abort a multipart upload', options: upload },
  { value: 'list_upload_parts', name: 'List parts of a multipart upload', options: upload },
  {
    value: 'list_multipart_uploads',
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
      {
        key: 'keyMarker',
        label: 'Key marker',
        kind: 'text',
        help: "The previous page's NextKeyMarker, to list the next page",
        placeholder: '{{queries.uploads.data.NextKeyMarker}}',
      },
      {
        key: 'uploadIdMarker',
        label: 'Upload ID marker',
        kind: 'text',
        help: "The previous page's NextUploadIdMarker, with Key marker",
        placeholder: '{{queries.uploads.data.NextUploadIdMarker}}',
      },
    ],
  },
  {
    value: 'list_object_versions',
    name: 'List object versions',
    options: [
      bucket,
      {
        key: 'prefix',
        label: 'Prefix',
        kind: 'text',
        help: 'Only keys that start with this text',
        placeholder: 'folder/',
      },
      {
        key: 'key',
        label: 'Key',
        kind: 'key',
        help: "Only this key's versions (instead of a prefix)",
        placeholder: 'folder/report.pdf',
      },
      {
        key: 'maxKeys',
        label: 'Max keys',
        kind: 'integer',
        min: 1,
        max: LIMITS.keysPerPage,
        default: LIMITS.keysPerPage,
        help: 'Versions and delete markers per page',
      },
      {
        key: 'keyMarker',
        label: 'Key marker',
        kind: 'text',
        help: "The previous page's NextKeyMarker, to list the next page",
        placeholder: '{{queries.versions1.data.NextKeyMarker}}',
      },
      {
        key: 'versionIdMarker',
        label: 'Version ID marker',
        kind: 'text',
        help: "The previous page's NextVersionIdMarker, with Key marker",
        placeholder: '{{queries.versions1.data.NextVersionIdMarker}}',
      },
    ],
  },
  {
    value: 'restore_object_version',
    name: 'Restore object version',
    options: [
      bucket,
      key,
      {
        ...versionId,
        required: true,
        help: 'The version to restore: it is copied over the current one and becomes the newest version (older versions stay)',
      },
    ],
  },
  { value: 'get_bucket_versioning', name: 'Read bucket versioning', options: [bucket] },
  {
    value: 'put_bucket_versioning',
    name: 'Set bucket versioning',
    options: [
      bucket,
      {
        key: 'status',
        label: 'Versioning',
        kind: 'choice',
        choices: [
          { value: '', name: 'Choose…' },
          { value: 'Enabled', name: 'Enabled: keep every version' },
          { value: 'Suspended', name: 'Suspended: stop keeping new versions' },
        ],
        default: '',
        help: 'Once enabled, versioning can only be suspended, never turned off (an S3 rule); existing versions stay either way',
      },
    ],
  },
  { value: 'get_bucket_cors', name: 'Read bucket CORS rules', options: [bucket] },
  {
    value: 'put_bucket_cors',
    name: 'Write bucket CORS rules',
    options: [
      bucket,
      {
        key: 'preset',
        label: 'Preset',
        kind: 'choice',
        choices: [
          { value: '', name: 'Custom: the fields below' },
          { value: 'browser-uploads', name: 'Browser uploads from these origins (GET, PUT, POST, HEAD; ETag exposed)' },
        ],
        default: '',
        help: 'Browser uploads allows signed uploads and downloads from a web page on the origins given',
      },
      {
        key: 'allowedOrigins',
        label: 'Allowed origins',
        kind: 'originList',
        required: true,
        help: "Origins of the app's pages: a JSON array or one per line; * for any",
        placeholder: 'https://apps.example.com',
      },
      {
        key: 'allowedMethods',
        label: 'Allowed methods',
        kind: 'methodList',
        help: 'GET, PUT, POST, DELETE or HEAD: a JSON array or one per line (required unless a preset is chosen)',
        placeholder: '["GET", "PUT"]',
      },
      {
        key: 'allowedHeaders',
        label: 'Allowed headers',
        kind: 'allowedHeaders',
        help: 'Request headers a page may send; * (any) when empty',
        placeholder: '*',
      },
      {
        key: 'exposeHeaders',
        label: 'Expose headers',
        kind: 'exposeHeaders',
        help: 'Response headers a page may read; ETag when empty (a page needs it to confirm an upload)',
        placeholder: 'ETag',
      },
      {
        key: 'maxAgeSeconds',
        label: 'Max age (s)',
        kind: 'integer',
        min: 0,
        max: LIMITS.corsMaxAgeSeconds,
        default: 3000,
        help: 'Seconds a browser may cache the answer to its preflight request',
      },
      {
        key: 'mode',
        label: 'Mode',
        kind: 'choice',
        choices: [
          { value: 'replace', name: "Replace the bucket's rules with this one" },
          { value: 'append', name: "Add this rule to the bucket's rules" },
        ],
        default: 'replace',
        help: "S3 replaces a bucket's whole CORS configuration on every write; append reads the current rules and adds this one",
      },
    ],
  },
  { value: 'delete_bucket_cors', name: 'Delete bucket CORS rules', options: [bucket] },
] as const satisfies readonly OperationSpec[];

export type OperationName = (typeof OPERATION_SPECS)[number]['value'];

/** The help a form shows: the spec's text, with its range, default and required-ness added. */
export function helpText(spec: OptionSpec): string {
  const parts = [spec.help];
  if (spec.kind === 'integer') {
    const zero = spec.zeroMeansDefault ? '; 0 for the default' : '';
    const cap = spec.cap ? `; one result holds at most ${count(spec.cap)}` : '';
    parts.push(`${integerRange(spec)}, default ${count(spec.default)}${zero}${cap}`);
  }
  if (spec.kind === 'choice' && spec.default) parts.push(`default ${spec.default}`);
  if (spec.required) parts.push('required');
  return parts.length === 1 ? spec.help : `${parts[0]} (${parts.slice(1).join('; ')})`;
}
