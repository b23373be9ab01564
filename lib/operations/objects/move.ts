/**
 * Move = copy, then delete the source only once the copy succeeded. S3 has no rename, so a
 * move is not atomic: for a moment both objects exist, and if the delete fails both remain.
 */
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Failure, shown } from '../../errors/failure.js';
import { copyObject, CopyRequest } from '../shared/copy.js';

export async function moveObject(client: S3Client, request: CopyRequest): Promise<object> {
  const copied = await copyObject(client, request);
  try {
    await client.send(new DeleteObjectCommand({ Bucket: request.sourceBucket, Key: request.sourceKey }));
  } catch (error) {
    const reason = shown((error as Error).message);
    const message =
      `Copied '${shown(request.sourceKey)}' to '${shown(request.destinationKey)}' in bucket '${shown(request.destinationBucket)}', but the source could not be deleted ` +
      `(${reason}). Both objects exist now; delete the source when the problem is fixed.`;
    throw new Failure('MovePartlyDone', message, { copied: true, deleted: false, ...copied });
  }
  return {
    ...copied,
    Source: { Bucket: request.sourceBucket, Key: request.sourceKey },
    Destination: { Bucket: request.destinationBucket, Key: request.destinationKey },
    SourceDeleted: true,
  };
}
