import { invalidField, RawOptions, requiredString } from './validation';

/** Bucket names are trimmed; a slash means a path was typed where the bucket name belongs. */
export function bucketName(options: RawOptions): string {
  const bucket = requiredString(options, 'bucket', 'the bucket name').trim();
  if (bucket.includes('/')) {
    throw invalidField(
      'bucket',
      `must be a bucket name without '/' (got '${bucket}'); put folders in the key or prefix`,
    );
  }
  if (/\s/.test(bucket)) throw invalidField('bucket', `must not contain spaces (got '${bucket}')`);
  return bucket;
}
