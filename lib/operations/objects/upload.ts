/**
 * Whole-object uploads. Small bodies go up in one PutObject; large ones as a parallel
 * multipart upload through @aws-sdk/lib-storage, which aborts the upload when a part fails,
 * so no orphaned parts are left billing the user.
 */
import { PutObjectCommand, PutObjectCommandInput, PutObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { UploadBody } from '../../bodies/upload-encoding.js';
import { etagOf } from '../shared/etag.js';

const MULTIPART_THRESHOLD = 16 * 1024 * 1024;
const PART_SIZE = 8 * 1024 * 1024;
const PARALLEL_PARTS = 4;

/** PutObject's output (or CompleteMultipartUpload's), as the app builder's plugin returned it, with a quoted ETag. */
export type UploadResult = Omit<PutObjectCommandOutput, 'ETag'> & { ETag: string; Multipart: boolean };

export async function uploadBody(
  client: S3Client,
  params: Omit<PutObjectCommandInput, 'Body'>,
  body: UploadBody,
  threshold = MULTIPART_THRESHOLD,
): Promise<UploadResult> {
  if (body.size <= threshold) {
    const bytes = await body.bytes();
    const output = await client.send(new PutObjectCommand({ ...params, Body: bytes, ContentLength: bytes.length }));
    return { ...output, ETag: await etagOf(client, target(params, output.VersionId), output.ETag), Multipart: false };
  }
  // One buffer, decoded while its first parts are already going up; lib-storage cuts the parts as
  // views of it (from a stream it would copy every part in one step).
  const { bytes, done } = body.fill();
  const upload = new Upload({
    client,
    params: { ...params, Body: bytes },
    partSize: PART_SIZE,
    queueSize: PARALLEL_PARTS,
    leavePartsOnError: false,
  });
  const [output] = await Promise.all([upload.done(), done]);
  return { ...output, ETag: await etagOf(client, target(params, output.VersionId), output.ETag), Multipart: true };
}

const target = (params: { Bucket?: string; Key?: string }, VersionId?: string) => ({
  Bucket: params.Bucket as string,
  Key: params.Key as string,
  ...(VersionId ? { VersionId } : {}),
});
