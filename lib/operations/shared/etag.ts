/**
 * ETags as S3 returns them: in double quotes. S3-compatible servers differ: Ceph's gateway
 * answers CopyObject without the quotes and completes a multipart upload with an empty ETag.
 * Apps compare ETags (to detect changes, or to match a listing), so results always carry the
 * quoted form, read back with a HEAD when the server gave none.
 */
import { HeadObjectCommand, HeadObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { notS3 } from '../../connection/response-checks.js';

export function quoted(etag: string | undefined): string | undefined {
  // `""` or a lone quote is no ETag at all.
  if (!etag || !etag.replace(/"/g, '')) return undefined;
  return etag.startsWith('"') ? etag : `"${etag}"`;
}

export interface StoredObject {
  Bucket: string;
  Key: string;
  VersionId?: string;
}

export interface ReadBack {
  /** The object's HEAD; undefined when there is none (404). */
  head?: HeadObjectCommandOutput;
  /** The server's clock when it answered (its Date header, whole seconds), in ms; the local clock without one. */
  serverTime: number;
}

/** A HEAD of a stored object, with the server's time of the answer (to compare with its Last-Modified). */
export async function readBack(client: S3Client, object: StoredObject): Promise<ReadBack> {
  const command = new HeadObjectCommand(object);
  let date: string | undefined;
  command.middlewareStack.add(
    ((next: (args: unknown) => Promise<{ response: { headers?: Record<string, string> } }>) =>
      async (args: unknown) => {
        const result = await next(args);
        date = result.response.headers?.date;
        return result;
      }) as never,
    { step: 'deserialize', name: 'serverDate' },
  );
  const head = await client.send(command).catch((error: { $metadata?: { httpStatusCode?: number } }) => {
    if (error?.$metadata?.httpStatusCode === 404) return undefined;
    throw error;
  });
  const serverTime = date ? Date.parse(date) : NaN;
  return { head, serverTime: Number.isNaN(serverTime) ? Date.now() : serverTime };
}

/** The stored object's ETag: the one given, else read back; an object stored without any is not stored. */
export async function etagOf(client: S3Client, object: StoredObject, given: string | undefined): Promise<string> {
  if (quoted(given)) return quoted(given) as string;
  const etag = quoted((await readBack(client, object)).head?.ETag);
  if (!etag)
    throw notS3('it confirmed the write but no object with an ETag exists', { bucket: object.Bucket, key: object.Key });
  return etag;
}
