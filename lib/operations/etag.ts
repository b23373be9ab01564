/**
 * ETags as S3 returns them: in double quotes. S3-compatible servers differ: Ceph's gateway
 * answers CopyObject without the quotes and completes a multipart upload with an empty ETag.
 * Apps compare ETags (to detect changes, or to match a listing), so results always carry the
 * quoted form, read back with a HEAD when the server gave none.
 */
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { notS3 } from '../connection/response-checks.js';

export function quoted(etag: string | undefined): string | undefined {
  // `""` or a lone quote is no ETag at all.
  if (!etag || !etag.replace(/"/g, '')) return undefined;
  return etag.startsWith('"') ? etag : `"${etag}"`;
}

/** The stored object's ETag: the one given, else read back; an object stored without any is not stored. */
export async function etagOf(
  client: S3Client,
  object: { Bucket: string; Key: string; VersionId?: string },
  given: string | undefined,
): Promise<string> {
  if (quoted(given)) return quoted(given) as string;
  const head = await client
    .send(new HeadObjectCommand(object))
    .catch((error: { $metadata?: { httpStatusCode?: number } }) => {
      if (error?.$metadata?.httpStatusCode === 404) return { ETag: undefined };
      throw error;
    });
  const etag = quoted(head.ETag);
  if (!etag)
    throw notS3('it confirmed the write but no object with an ETag exists', { bucket: object.Bucket, key: object.Key });
  return etag;
}
