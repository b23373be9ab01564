import { invalidField, RawOptions, requiredString } from '../validation.js';

/** Bucket names are trimmed; a slash means a path was typed where the bucket name belongs. */
export function bucketName(options: RawOptions, field = 'bucket'): string {
  const bucket = requiredString(options, field, 'the bucket name').trim();
  if (bucket.includes('/')) {
    throw invalidField(field, `must be a bucket name without '/' (got '${bucket}'); put folders in the key or prefix`);
  }
  if (/\s/.test(bucket)) throw invalidField(field, `must not contain spaces (got '${bucket}')`);
  return bucket;
}

/** S3's naming rules for new buckets (existing legacy buckets may be looser, so only creation checks them). */
export function newBucketName(options: RawOptions): string {
  const bucket = bucketName(options);
  const rules =
    bucket.length >= 3 &&
    bucket.length <= 63 &&
    /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(bucket) &&
    !bucket.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(bucket) &&
    !bucket.startsWith('xn--') &&
    !bucket.endsWith('-s3alias');
  if (!rules) {
    throw invalidField(
      'bucket',
      `'${bucket}' is not a valid bucket name: use 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit`,
    );
  }
  return bucket;
}
