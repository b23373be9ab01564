/** The options of the folder operations: copy, move (rename) and delete every object under a key prefix. */
import { LIMITS } from '../../limits.js';
import { bucket, destinationBucket } from '../shared/common-options.js';
import { OperationForm, OptionSpec } from '../shared/option-spec.js';

const dryRun = {
  key: 'dryRun',
  label: 'Dry run',
  kind: 'toggle',
  default: false,
  help: 'Only count the objects and bytes the query would touch; change nothing',
} as const satisfies OptionSpec;
const confirmWholeBucket = {
  key: 'confirmWholeBucket',
  label: 'Whole bucket',
  kind: 'toggle',
  default: false,
  help: 'Allow an empty folder, which means the whole bucket (every object in it, or its root as the destination)',
} as const satisfies OptionSpec;

/** copy_folder and move_folder take the same options. */
const folderCopyOptions = [
  { ...bucket, label: 'Source bucket', help: 'Bucket of the folder' },
  {
    key: 'sourcePrefix',
    label: 'Source folder',
    kind: 'folder',
    help: 'The folder (key prefix) whose objects are copied; a trailing / is added. Empty is the whole bucket',
    placeholder: 'reports/2026/',
  },
  destinationBucket,
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
] as const satisfies readonly OptionSpec[];

export const COPY_FOLDER = { name: 'Copy folder', options: folderCopyOptions } as const satisfies OperationForm;

export const MOVE_FOLDER = {
  name: 'Move (rename) folder',
  options: folderCopyOptions,
} as const satisfies OperationForm;

export const DELETE_FOLDER = {
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
} as const satisfies OperationForm;

export const CREATE_FOLDER = {
  name: 'Create folder',
  options: [
    bucket,
    {
      key: 'prefix',
      label: 'Folder',
      kind: 'folder',
      help: 'The folder to create (the empty object `folder/` the S3 console makes); a trailing / is added',
      placeholder: 'reports/2026/',
    },
    {
      key: 'keepExisting',
      label: 'Keep existing',
      kind: 'toggle',
      default: false,
      help: 'When the folder already exists (or an object has its name), keep what is there and succeed instead of refusing; the folder is made only where it is missing',
    },
  ],
} as const satisfies OperationForm;
