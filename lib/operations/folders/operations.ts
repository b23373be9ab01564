/** Folder operations: copy, move (rename) and delete every object under a key prefix. */
import { operation, Target } from '../shared/operation.js';
import { Values } from '../shared/option-spec.js';
import { copyFolder, FolderCopyRequest } from './folder-copy.js';
import { createFolder } from './folder-create.js';
import { deleteFolder } from './folder-delete.js';
import { assertFoldersApart, assertFolderOrConfirmed } from './folder-prefixes.js';
import { COPY_FOLDER, CREATE_FOLDER, DELETE_FOLDER, MOVE_FOLDER } from './options.js';
import { invalidField } from '../../validation.js';

/** copy_folder's and move_folder's request, checked: the bucket root only when confirmed, the folders apart. */
function folderCopyRequest(values: Values<typeof COPY_FOLDER.options>, move: boolean): FolderCopyRequest & Target {
  const { bucket, confirmWholeBucket: confirmed } = values;
  const pair = {
    bucket,
    prefix: values.sourcePrefix,
    destinationBucket: values.destinationBucket ?? bucket,
    destinationPrefix: values.destinationPrefix,
  };
  const verb = move ? 'move' : 'copy';
  assertFolderOrConfirmed('sourcePrefix', pair.prefix, bucket, confirmed, `${verb} every object in it`);
  assertFolderOrConfirmed(
    'destinationPrefix',
    pair.destinationPrefix,
    pair.destinationBucket,
    confirmed,
    `${verb} the objects to its root`,
  );
  assertFoldersApart(pair);
  return { ...pair, move, dryRun: values.dryRun, concurrency: values.concurrency };
}

export const FOLDERS = {
  create_folder: operation(CREATE_FOLDER, {
    parse({ bucket, prefix, keepExisting }) {
      // '/' alone would make an object named '/', beside every key rather than above any.
      if (prefix === '' || prefix === '/')
        throw invalidField('prefix', 'is empty: enter the folder to create, such as reports/2026/');
      return { bucket, prefix, keepExisting, key: prefix };
    },
    run: (client, request) => createFolder(client, request),
  }),

  copy_folder: operation(COPY_FOLDER, {
    parse: (values) => folderCopyRequest(values, false),
    run: (client, request, context) => copyFolder(client, request, context.describeFailure),
  }),

  move_folder: operation(MOVE_FOLDER, {
    parse: (values) => folderCopyRequest(values, true),
    run: (client, request, context) => copyFolder(client, request, context.describeFailure),
  }),

  delete_folder: operation(DELETE_FOLDER, {
    parse({ bucket, prefix, dryRun, confirmWholeBucket }) {
      assertFolderOrConfirmed('prefix', prefix, bucket, confirmWholeBucket, 'delete every object in it');
      return { bucket, prefix, dryRun };
    },
    run: (client, request, context) => deleteFolder(client, request, context.describeFailure),
  }),
};
