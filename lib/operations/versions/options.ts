/** The options of object versions and the bucket's versioning switch. */
import { LIMITS } from '../../limits.js';
import { bucket, key, keyPrefix, pageMarker, versionId } from '../shared/common-options.js';
import { OperationForm } from '../shared/option-spec.js';

export const LIST_OBJECT_VERSIONS = {
  name: 'List object versions',
  options: [
    bucket,
    keyPrefix,
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
    pageMarker('keyMarker', 'Key marker', 'NextKeyMarker', 'versions1'),
    pageMarker('versionIdMarker', 'Version ID marker', 'NextVersionIdMarker', 'versions1', 'Key marker'),
  ],
} as const satisfies OperationForm;

export const RESTORE_OBJECT_VERSION = {
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
} as const satisfies OperationForm;

export const GET_BUCKET_VERSIONING = {
  name: 'Read bucket versioning',
  options: [bucket],
} as const satisfies OperationForm;

export const PUT_BUCKET_VERSIONING = {
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
} as const satisfies OperationForm;
