/** The options of the bucket operations. */
import { LIMITS } from '../../limits.js';
import { bucket } from '../shared/common-options.js';
import { OperationForm } from '../shared/option-spec.js';

export const CREATE_BUCKET = {
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
} as const satisfies OperationForm;

export const DELETE_BUCKET = {
  name: 'Delete bucket',
  options: [
    bucket,
    {
      key: 'emptyFirst',
      label: 'Empty it first',
      kind: 'toggle',
      default: false,
      help: 'Delete every object, every old version and delete marker, and every incomplete upload, then the bucket: no undo. Needs the name repeated below',
    },
    {
      key: 'confirmBucketName',
      label: "Confirm: the bucket's name",
      kind: 'text',
      help: "With emptyFirst: the bucket's name typed again, to confirm that everything in it is deleted",
      placeholder: 'my-bucket',
    },
  ],
} as const satisfies OperationForm;
