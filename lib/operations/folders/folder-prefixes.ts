/**
 * Folders as S3 has them: a key prefix ending in `/`. Typed without the slash, `reports` would
 * also take `reports-old/…`, so the slash is added; an empty prefix is the whole bucket, which a
 * query reaches only when `confirmWholeBucket` says so.
 */
import { shown } from '../../errors/failure.js';
import { invalidField } from '../../validation.js';

/** Refuses the bucket root unless the query confirmed it. */
export function assertFolderOrConfirmed(
  field: string,
  prefix: string,
  bucket: string,
  confirmed: boolean,
  what: string,
): void {
  if (prefix === '' && !confirmed)
    throw invalidField(
      field,
      `is empty, which means the whole bucket '${shown(bucket)}': enter a folder such as reports/, or turn on confirmWholeBucket to ${what}`,
    );
}

export interface FolderPair {
  bucket: string;
  prefix: string;
  destinationBucket: string;
  destinationPrefix: string;
}

/**
 * In one bucket the two folders must not overlap. A destination inside the source would have its
 * copies listed and copied again; a source inside the destination maps some keys back into the
 * source (moving `a/b/` to `a/` writes `a/b/b/x` to `a/b/x`, over an object not yet moved).
 */
export function assertFoldersApart(pair: FolderPair): void {
  if (pair.destinationBucket !== pair.bucket) return;
  const { prefix, destinationPrefix } = pair;
  const folder = (value: string) =>
    value ? `the folder '${shown(value)}'` : `the root of bucket '${shown(pair.bucket)}'`;
  if (destinationPrefix === prefix)
    throw invalidField('destinationPrefix', 'is the source folder itself: choose another folder or another bucket');
  if (destinationPrefix.startsWith(prefix))
    throw invalidField(
      'destinationPrefix',
      `'${shown(destinationPrefix)}' is inside the source, ${folder(prefix)}: the copies would be copied again; choose a folder outside it or another bucket`,
    );
  if (prefix.startsWith(destinationPrefix))
    throw invalidField(
      'destinationPrefix',
      `${folder(destinationPrefix)} holds the source folder '${shown(prefix)}': some copies would land inside the source, over objects not yet copied; choose a folder beside it or another bucket`,
    );
}
