/** Bucket names and object keys, as end users type them into an app's text fields. */
import { shown } from '../../errors/failure.js';
import { LIMITS } from '../../limits.js';
import { invalidField, optionalString, RawOptions, requiredString, wellFormed } from '../../validation.js';

const MAX_KEY_BYTES = LIMITS.keyBytes;
/** Access points and Outposts buckets are named by ARN. */
const BUCKET_ARN = /^arn:aws[a-z-]*:s3(-object-lambda|-outposts)?:[a-z0-9-]*:\d{12}:[A-Za-z0-9:/._-]{1,1024}$/;

/**
 * An existing bucket: 3 to 255 letters, digits, dots, hyphens or underscores (buckets made in
 * us-east-1 before 2018 may have capitals and underscores), or an access point ARN.
 * A slash means a path was typed where the bucket name belongs; `.` and `..` would address the
 * endpoint's root or its parent once a server or proxy normalises the path.
 */
export function bucketName(options: RawOptions, field = 'bucket'): string {
  const bucket = requiredString(options, field, 'the bucket name').trim();
  if (BUCKET_ARN.test(bucket)) return bucket;
  if (bucket.includes('/')) {
    throw invalidField(
      field,
      `must be a bucket name without '/' (got '${shown(bucket)}'); put folders in the key or prefix`,
    );
  }
  if (/\s/.test(bucket)) throw invalidField(field, `must not contain spaces (got '${shown(bucket)}')`);
  if (!/^[A-Za-z0-9._-]{3,255}$/.test(bucket) || /^\.+$/.test(bucket)) {
    throw invalidField(
      field,
      `'${shown(bucket)}' is not a bucket name: use 3 to 255 letters, digits, dots, hyphens or underscores (lower-case letters, digits, dots and hyphens for new buckets), or an access point ARN`,
    );
  }
  return bucket;
}

/** S3's naming rules for new buckets (existing legacy buckets may be looser, so only creation checks them). */
export function newBucketName(options: RawOptions): string {
  const bucket = bucketName(options);
  const { min, max } = LIMITS.newBucketCharacters;
  const rules =
    bucket.length >= min &&
    bucket.length <= max &&
    /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(bucket) &&
    !bucket.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(bucket) &&
    !bucket.startsWith('xn--') &&
    !bucket.endsWith('-s3alias');
  if (!rules) {
    throw invalidField(
      'bucket',
      `'${shown(bucket)}' is not a valid bucket name: use ${min} to ${max} lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit`,
    );
  }
  return bucket;
}

/** True when a key has a `.` or `..` path segment, which servers and browsers resolve away. */
export function hasDotSegment(key: string): boolean {
  return key.split('/').some((segment) => segment === '.' || segment === '..');
}

/**
 * An object key, never trimmed (spaces are part of keys): at most 1024 bytes of UTF-8, and no
 * `.` or `..` segment. Sent as they are, `../other-bucket/x` reads another bucket once a server or
 * proxy normalises the path; percent-encoded they fare no better: s3rver stored
 * `dots/../escape/./file.txt` at `escape/file.txt`, Ceph RGW refused the signature, and browsers
 * resolve `%2E%2E` in signed URLs (WHATWG URL). So such keys are refused outright.
 */
export function checkedKey(field: string, key: string): string {
  // Length first: every other check reads the whole key.
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes > MAX_KEY_BYTES)
    throw invalidField(field, `must be at most ${MAX_KEY_BYTES} bytes of UTF-8 (got ${bytes} bytes: '${shown(key)}')`);
  wellFormed(field, key);
  if (hasDotSegment(key)) {
    throw invalidField(
      field,
      `'${shown(key)}' has a '.' or '..' path segment, which servers, proxies and browsers resolve to another path (even another bucket); use a key without them`,
    );
  }
  return key;
}

/** A folder option: '' for the bucket root, else the prefix with a trailing `/`, checked as a key. */
export function folderPrefix(options: RawOptions, field: string): string {
  const typed = optionalString(options, field);
  if (typed === undefined) return '';
  return checkedKey(field, typed.endsWith('/') ? typed : `${typed}/`);
}
