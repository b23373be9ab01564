/** Deleting many keys: DeleteObjects in batches of 1000 (S3's limit), reporting each key's outcome. */
import { DeleteObjectsCommand, S3Client } from '@aws-sdk/client-s3';
import { notS3 } from '../../connection/response-checks.js';
import { shown } from '../../errors/failure.js';
import { invalidField, isJsonList, jsonList, RawOptions, requiredList } from '../../validation.js';
import { count, LIMITS } from '../../limits.js';
import { checkedKey } from './names.js';
import { mapInSlices, TimeSlices } from '../../time-slices.js';

const BATCH_SIZE = LIMITS.keysPerPage;
const MAX_KEYS_PER_QUERY = LIMITS.keysPerDelete;

const KEY_LIST = { characters: LIMITS.keyListCharacters, entries: MAX_KEYS_PER_QUERY, noun: 'keys' };

/** One key per line (blank lines skipped), split a slice at a time and refused past the most a query takes. */
async function keyLines(text: string): Promise<string[]> {
  const slices = new TimeSlices();
  const lines: string[] = [];
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, text[end - 1] === '\r' ? end - 1 : end);
    if (line.trim() !== '') lines.push(line);
    if (lines.length > MAX_KEYS_PER_QUERY)
      throw invalidField('keys', `may name at most ${count(MAX_KEYS_PER_QUERY)} keys per query`);
    start = end + 1;
    if (slices.due()) await slices.yield();
  }
  return lines;
}

/** `keys` as a JSON array (text or value) or as one key per line; duplicates dropped. */
export async function parseKeyList(options: RawOptions): Promise<string[]> {
  const what = 'a JSON array of keys, or one key per line';
  const raw = requiredList(options, 'keys', what, KEY_LIST);
  const keys =
    typeof raw === 'string' && !isJsonList(raw) ? await keyLines(raw) : await jsonList('keys', raw, what, KEY_LIST);

  // One pass, a slice at a time: each key is checked (its length first) before it is hashed into the set.
  const unique = new Set<string>();
  await mapInSlices(keys, (entry, index) => {
    const key = typeof entry === 'object' && entry !== null && 'Key' in entry ? (entry as { Key: unknown }).Key : entry;
    if (typeof key !== 'string' || key === '')
      throw invalidField(
        'keys',
        `entry ${index + 1} must be a non-empty key (got ${key === '' ? 'an empty key' : key === null ? 'null' : typeof key})`,
      );
    unique.add(checkedKey(`keys (entry ${index + 1})`, key));
  });
  if (unique.size === 0) throw invalidField('keys', 'must name at least one key');
  return [...unique];
}

export interface DeleteReport {
  Deleted: Array<{ Key: string; VersionId?: string }>;
  Errors: Array<{ Key: string; Code?: string; Message?: string }>;
  DeletedCount: number;
  ErrorCount: number;
}

export async function deleteKeys(client: S3Client, bucket: string, keys: string[]): Promise<DeleteReport> {
  const report: DeleteReport = { Deleted: [], Errors: [], DeletedCount: 0, ErrorCount: 0 };
  for (let start = 0; start < keys.length; start += BATCH_SIZE) {
    const batch = keys.slice(start, start + BATCH_SIZE);
    const output = await client.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: false } }),
    );
    for (const deleted of output.Deleted ?? [])
      report.Deleted.push({ Key: deleted.Key ?? '', VersionId: deleted.VersionId });
    for (const error of output.Errors ?? [])
      report.Errors.push({ Key: error.Key ?? '', Code: error.Code, Message: error.Message });
    // S3 reports every key of a non-quiet request; one that says nothing of some did not delete them.
    const reported = new Set([...(output.Deleted ?? []), ...(output.Errors ?? [])].map((entry) => entry.Key));
    const silent = batch.filter((key) => !reported.has(key));
    if (silent.length)
      throw notS3(`it reported nothing about ${silent.length} of the ${batch.length} keys it was asked to delete`, {
        unreported: silent.slice(0, 10).map((key) => shown(key)),
        deletedBefore: report.Deleted.length,
      });
  }
  report.DeletedCount = report.Deleted.length;
  report.ErrorCount = report.Errors.length;
  return report;
}
