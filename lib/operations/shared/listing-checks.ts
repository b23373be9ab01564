/** What no S3 listing holds: a server that lists it is not answering as S3 (NotS3Response). */
import { ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import { notS3 } from '../../connection/response-checks.js';
import { shown } from '../../errors/failure.js';
import { LIMITS } from '../../limits.js';

/** The longest field an S3 listing entry has besides its key (an ETag is 34 to 40 characters). */
export const MAX_FIELD_LENGTH = 256;

/**
 * Entries no S3 service lists: a key over S3's limit, fields far longer than S3's; and a
 * continuation token longer than the continuationToken option takes (listings remember every
 * token they were given, to notice a repeat).
 */
export function checkEntries(output: ListObjectsV2CommandOutput): void {
  const token = output.NextContinuationToken ?? '';
  if (token.length > LIMITS.optionCharacters.text)
    throw notS3(`it gave a continuation token of ${token.length} characters`, { length: token.length });
  for (const entry of output.Contents ?? []) {
    const key = entry.Key ?? '';
    const field = [entry.ETag, entry.StorageClass, entry.Owner?.ID, entry.Owner?.DisplayName].find(
      (value) => (value?.length ?? 0) > MAX_FIELD_LENGTH,
    );
    if (Buffer.byteLength(key) > LIMITS.keyBytes || field)
      throw notS3(`it listed an entry with a ${field ? 'field' : 'key'} longer than S3 allows`, {
        key: shown(key),
      });
  }
}
