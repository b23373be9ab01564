/**
 * Conditional writes: `ifNoneMatch: *` creates only, `ifMatch: <ETag>` replaces only the version
 * read. S3 refuses a write whose condition fails with 412 PreconditionFailed and writes nothing;
 * that refusal is reworded here, with the object's current ETag read back, so an app can tell
 * "someone else saved first" from a failure. A server that ignores the headers writes anyway:
 * nothing here can tell (docs/operations.md says which).
 */
import { S3Client } from '@aws-sdk/client-s3';
import { Failure, shown } from '../../errors/failure.js';
import { LIMITS } from '../../limits.js';
import { invalidField } from '../../validation.js';
import { quoted, readBack } from './etag.js';

export interface WriteCondition {
  IfNoneMatch?: '*';
  IfMatch?: string;
}

/** The condition of a write's options, checked: `*` is the only If-None-Match a write takes, never with ifMatch. */
export function writeCondition(ifNoneMatch: string | undefined, ifMatch: string | undefined): WriteCondition {
  if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*')
    throw invalidField(
      'ifNoneMatch',
      `must be * (create only, never overwrite) on a write (got '${shown(ifNoneMatch)}')`,
    );
  if (ifNoneMatch && ifMatch)
    throw invalidField(
      'ifMatch',
      "cannot go with ifNoneMatch '*': one asks that the object exist, the other that it not",
    );
  if (ifMatch === undefined) return ifNoneMatch ? { IfNoneMatch: '*' } : {};
  return { IfMatch: etagOption('ifMatch', ifMatch) };
}

/** An ETag an option names (with or without its quotes), quoted as S3 sends it. */
export function etagOption(field: string, value: string): string {
  const etag = quoted(value.trim());
  if (!etag || etag.length > LIMITS.etagCharacters || etag.slice(1, -1).includes('"'))
    throw invalidField(
      field,
      `must be an ETag as a read returned it, such as "d41d8cd98f00b204e9800998ecf8427e" (got '${shown(value)}')`,
    );
  return etag;
}

const currentEtag = async (client: S3Client, target: { bucket: string; key: string }) =>
  quoted((await readBack(client, { Bucket: target.bucket, Key: target.key })).head?.ETag);

const isPreconditionFailed = (error: unknown): boolean => {
  const failed = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return failed?.name === 'PreconditionFailed' || failed?.$metadata?.httpStatusCode === 412;
};

/**
 * Runs a conditional write; its 412 becomes a plain refusal naming the object's current ETag.
 * Ceph RGW 16 compares If-Match with the ETag unquoted, so refuses the quoted ETag of the very
 * version it holds: when the object still has that ETag, the write is retried once with it
 * unquoted (still conditional, so nothing saved in between is overwritten).
 */
export async function conditionally<Output>(
  client: S3Client,
  target: { bucket: string; key: string },
  condition: WriteCondition,
  write: (condition: WriteCondition) => Promise<Output>,
): Promise<Output> {
  try {
    return await write(condition);
  } catch (error) {
    if (!isPreconditionFailed(error) || !(condition.IfMatch || condition.IfNoneMatch)) throw error;
    let current = await currentEtag(client, target);
    if (condition.IfMatch && current === condition.IfMatch) {
      try {
        return await write({ IfMatch: condition.IfMatch.slice(1, -1) });
      } catch (retried) {
        if (!isPreconditionFailed(retried)) throw retried;
        current = await currentEtag(client, target);
      }
    }
    const named = `'${shown(target.key)}' in bucket '${shown(target.bucket)}'`;
    const now = current ? `it is now ${shown(current)}` : 'it no longer exists';
    const message = condition.IfMatch
      ? `${named} changed since you read it (ETag ${shown(condition.IfMatch)}; ${now}); read it again and retry. Nothing was written.`
      : `${named} already exists${current ? ` (ETag ${shown(current)})` : ''}: ifNoneMatch '*' only creates. Nothing was written.`;
    const sent = (error as { $metadata?: { requestId?: string } }).$metadata;
    throw new Failure('PreconditionFailed', message, {
      bucket: target.bucket,
      key: target.key,
      httpStatus: 412,
      ...(sent?.requestId ? { requestId: sent.requestId } : {}),
      ...(current ? { currentETag: current } : {}),
    });
  }
}
