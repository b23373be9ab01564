/** The options of the bucket operations. */
import { LIMITS } from '../../limits.js';
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
