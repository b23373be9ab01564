/** The options of the listings of buckets and of a bucket's objects. */
import { count, LIMITS } from '../../limits.js';
import { bucket, expiresIn, keyPrefix, pageMarker } from '../shared/common-options.js';
import { choices, OperationForm } from '../shared/option-spec.js';

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
      help: 'With Fetch all pages: the most objects listed (filters may keep fewer of them)',
    },
    {
      key: 'includeSignedUrls',
      label: 'Include signed URLs',
      kind: 'toggle',
      default: false,
      help: 'Add a ready download URL (SignedUrl) to every listed object',
    },
    { ...expiresIn, help: 'With Include signed URLs: seconds the URLs stay valid' },
    {
      key: 'suffix',
      label: 'Key ends with',
      kind: 'text',
      help: `Keep objects whose key ends with this; up to ${LIMITS.listSuffixes} endings, comma-separated. Filters apply to each page listed: the result has ScannedCount and MatchedCount`,
      placeholder: '.jpg,.png',
    },
    {
      key: 'contains',
      label: 'Key contains',
      kind: 'text',
      help: 'Keep objects whose key (folder path included) contains this text',
      placeholder: 'invoice',
    },
    {
      key: 'ignoreCase',
      label: 'Ignore case',
      kind: 'toggle',
      default: false,
      help: 'Match Key ends with and Key contains in any case (.jpg also finds .JPG)',
    },
    {
      key: 'modifiedAfter',
      label: 'Modified after',
      kind: 'date',
      help: 'Keep objects last modified after this date',
      placeholder: '2026-01-01T00:00:00Z',
    },
    {
      key: 'modifiedBefore',
      label: 'Modified before',
      kind: 'date',
      help: 'Keep objects last modified before this date',
      placeholder: '{{new Date().toISOString()}}',
    },
    {
      key: 'minSize',
      label: 'Min size',
      kind: 'byteSize',
      help: 'Keep objects of at least this size',
      placeholder: '1 MB',
    },
    {
      key: 'maxSize',
      label: 'Max size',
      kind: 'byteSize',
      help: 'Keep objects of at most this size',
      placeholder: '100 MB',
    },
    {
      key: 'sortBy',
      label: 'Sort by',
      kind: 'choice',
      choices: choices(['', 'key', 'lastModified', 'size'], {
        '': "S3's order (by key)",
        key: 'Key',
        lastModified: 'Last modified',
        size: 'Size',
      }),
      default: '',
      help: 'Sort every object listed: needs Fetch all pages (sorting one page would order only that page)',
    },
    {
      key: 'sortOrder',
      label: 'Sort order',
      kind: 'choice',
      choices: choices(['asc', 'desc'], {
        asc: 'Ascending (oldest, smallest, A to Z first)',
        desc: 'Descending (newest, largest, Z to A first)',
      }),
      default: 'asc',
      help: 'With Sort by: ties stay in key order',
    },
  ],
} as const satisfies OperationForm;
