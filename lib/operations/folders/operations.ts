/** Folder operations: copy, move (rename) and delete every object under a key prefix. */
import { operation, Target } from '../shared/operation.js';
import { Values } from '../shared/option-values.js';
import { copyFolder, FolderCopyRequest } from './folder-copy.js';
import { deleteFolder } from './folder-delete.js';
import { assertFoldersApart, assertFolderOrConfirmed } from './folder-prefixes.js';
import { COPY_FOLDER, DELETE_FOLDER, MOVE_FOLDER } from './options.js';

function folderCopyRequest(values: Values, move: boolean): FolderCopyRequest & Target {
  const bucket = values.bucket as string;
  const pair = {
    bucket,
    prefix: values.sourcePrefix as string,
    destinationBucket: (values.destinationBucket as string | undefined) ?? bucket,
    destinationPrefix: values.destinationPrefix as string,
  };
  const confirmed = values.confirmWholeBucket as boolean;
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
  return { ...pair, move, dryRun: values.dryRun as boolean, concurrency: values.concurrency as number };
}

export const FOLDERS = {
  copy_folder: operation(COPY_FOLDER, {
    parse: (values) => folderCopyRequest(values, false),
    run: (client, request, context) => copyFolder(client, request, context.describeFailure),
  }),

  move_folder: operation(MOVE_FOLDER, {
    parse: (values) => folderCopyRequest(values, true),
    run: (client, request, context) => copyFolder(client, request, context.describeFailure),
  }),

  delete_folder: operation(DELETE_FOLDER, {
    parse(values) {
      const bucket = values.bucket as string;
      const prefix = values.prefix as string;
      assertFolderOrConfirmed(
        'prefix',
        prefix,
        bucket,
        values.confirmWholeBucket as boolean,
        'delete every object in it',
      );
      return { bucket, prefix, dryRun: values.dryRun as boolean };
    },
    run: (client, request, context) => deleteFolder(client, request, context.describeFailure),
  }),
};
