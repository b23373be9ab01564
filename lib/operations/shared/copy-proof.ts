/**
 * S3 confirms a copy with the copy's ETag. A server that confirms one without it (200, no ETag)
 * has the destination read back, and what is there counts as the copy only when it shows it is:
 * a move deletes its source on that proof alone, and an older object already at the destination
 * would otherwise pass for a copy that never happened (docs/operations.md, "Moves").
 */
import { HeadObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { Failure, shown } from '../../errors/failure.js';
import { quoted, readBack, StoredObject } from './etag.js';

export interface CopyEvidence {
  /** The local clock just before the request that writes the destination was sent. */
  startedAt: number;
  /** The source's size: the copy has the same. */
  size: number;
  /** The source's ETag: when it is an MD5 of the bytes (no multipart ETag), the copy's is the same. */
  sourceEtag?: string;
}

/** An MD5 of the object's bytes; a multipart object's ETag ends in -<parts> instead. */
const SINGLE_PART = /^"[0-9a-f]{32}"$/i;

/** The copy's ETag: the one the server gave, else the destination's once it shows it is the copy. */
export async function provenCopyEtag(
  client: S3Client,
  destination: StoredObject,
  given: string | undefined,
  evidence: CopyEvidence,
): Promise<string> {
  if (quoted(given)) return quoted(given) as string;
  const { head, serverTime } = await readBack(client, destination);
  const reason = notTheCopy(head, serverTime, evidence);
  if (reason !== undefined)
    throw new Failure(
      'CopyUnconfirmed',
      `The server confirmed the copy to '${shown(destination.Key)}' without an ETag, and the object there is not the copy: ${reason} (a move keeps its source).`,
      { bucket: destination.Bucket, key: destination.Key },
    );
  return quoted(head?.ETag) as string;
}

/** Why the object read back is not the copy; undefined when it is. */
function notTheCopy(head: HeadObjectCommandOutput | undefined, serverTime: number, evidence: CopyEvidence) {
  const etag = quoted(head?.ETag);
  if (!head || !etag) return 'no object is there';
  if (head.ContentLength !== evidence.size) return `it holds ${head.ContentLength} bytes, the source ${evidence.size}`;
  // The server's clock when the copy was sent, at the earliest: its Date now, less the time since
  // then on this machine's clock. Whole seconds, as Date and Last-Modified are.
  const began = Math.floor((serverTime - (Date.now() - evidence.startedAt)) / 1000) * 1000;
  const modified = head.LastModified?.getTime() ?? NaN;
  if (!(modified >= began))
    return `it was last modified ${Number.isNaN(modified) ? 'at no stated time' : new Date(modified).toISOString()}, before the copy began (${new Date(began).toISOString()} by the server's clock)`;
  const source = quoted(evidence.sourceEtag);
  if (source && SINGLE_PART.test(source) && etag !== source)
    return `its ETag ${shown(etag)} is not the source's ${shown(source)}`;
  return undefined;
}
