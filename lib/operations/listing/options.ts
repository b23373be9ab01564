/** The options of the listings of buckets and of a bucket's objects. */
import { count, LIMITS } from '../../limits.js';
import { bucket, expiresIn, keyPrefix, pageMarker } from '../shared/common-options.js';
import { OperationForm } from '../shared/option-spec.js';

export const LIST_BUCKETS = { name: 'List buckets', options: [] } as const satisfies OperationForm;

export const LIST_OBJECTS = {
  name: 'List objects in a bucket',
  options: [
    bucket,
    keyPrefix,
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
      ...pageMarker('continuationToken', 'Next continuation token', 'NextContinuationToken', 'list1'),
      property: 'NextContinuationToken',
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
} as const satisfies OperationForm;
