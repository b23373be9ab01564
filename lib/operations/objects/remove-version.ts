/**
 * remove_object with a versionId: deletes that version for good (no delete marker). A server
 * without versioning (s3rver) ignores versionId and would delete the current object instead, so
 * the version is checked first.
 */
import { DeleteObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { checkServedVersion, NULL_VERSION } from '../shared/version-id.js';

/** Deletes one version for good, after checking that the server knows that version. */
export async function removeVersion(client: S3Client, bucket: string, key: string, versionId: string) {
  if (versionId !== NULL_VERSION) {
    // A server without versioning ignores versionId and would delete the current object.
    const head = await client
      .send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }))
      .catch((error: { $metadata?: { httpStatusCode?: number } }) => {
        // 405: the version is a delete marker (it has no HEAD); 404: no such version, and deleting
        // it is a no-op, as S3 makes it; 403 or 400: the check itself is not allowed (no
        // s3:GetObjectVersion, an SSE-C object) where the delete may be. All go on to the delete.
        const status = error?.$metadata?.httpStatusCode;
        if (status === 405 || status === 404 || status === 403 || status === 400) return undefined;
        throw error;
      });
    if (head) checkServedVersion(versionId, head.VersionId, { bucket, key }, ' Nothing was deleted.');
  }
  const output = await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
  return { ...output, VersionId: output.VersionId ?? versionId, Permanent: true, Bucket: bucket, Key: key };
}
