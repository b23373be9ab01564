/**
 * Folders as S3 has them: a key prefix ending in `/`. Typed without the slash, `reports` would
 * also take `reports-old/…`, so the slash is added; an empty prefix is the whole bucket, which a
 * query reaches only when `confirmWholeBucket` says so.
 */
import { shown } from '../errors/failure.js';
import { invalidField, optionalString, RawOptions } from '../validation.js';
import { checkedKey } from './names.js';

/** A folder option: '' for the bucket root, else the prefix with a trailing `/`, checked as a key. */
export function folderPrefix(options: RawOptions, field: string): string {
  const typed = optionalString(options, field);
  if (typed === undefined) return '';
  return checkedKey(field, typed.endsWith('/') ? typed : `${typed}/`);
}

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

/** A copy into its own source would list and copy its copies, so the destination must lie outside it. */
export function assertDestinationOutsideSource(pair: FolderPair): void {
  if (pair.destinationBucket !== pair.bucket || !pair.destinationPrefix.startsWith(pair.prefix)) return;
  const where = pair.prefix ? `the folder '${shown(pair.prefix)}'` : `the bucket '${shown(pair.bucket)}'`;
  throw invalidField(
    'destinationPrefix',
    pair.destinationPrefix === pair.prefix
      ? `is the source folder itself: choose another folder or another bucket`
      : `'${shown(pair.destinationPrefix)}' is inside the source, ${where}: the copies would be copied again; choose a folder outside it or another bucket`,
  );
}
