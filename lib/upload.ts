/**
 * Whole-object uploads. Small bodies go up in one PutObject; large ones as a parallel
 * multipart upload through @aws-sdk/lib-storage, which aborts the upload when a part fails,
 * so no orphaned parts are left billing the user.
 */
import { PutObjectCommand, PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

export const MULTIPART_THRESHOLD = 16 * 1024 * 1024;
const PART_SIZE = 8 * 1024 * 1024;
const PARALLEL_PARTS = 4;

export interface UploadResult {
  ETag?: string;
  VersionId?: string;
  Multipart: boolean;
}

export async function uploadBody(
  client: S3Client,
  params: PutObjectCommandInput & { Body: Buffer },
  threshold = MULTIPART_THRESHOLD,
): Promise<UploadResult> {
  if (params.Body.length <= threshold) {
    const output = await client.send(new PutObjectCommand({ ...params, ContentLength: params.Body.length }));
    return { ETag: output.ETag, VersionId: output.VersionId, Multipart: false };
  }
  const upload = new Upload({
    client,
    params,
    partSize: PART_SIZE,
    queueSize: PARALLEL_PARTS,
    leavePartsOnError: false,
  });
  const output = await upload.done();
  return { ETag: output.ETag, VersionId: output.VersionId, Multipart: true };
}
