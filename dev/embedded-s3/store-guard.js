'use strict';
/**
 * Keeps s3rver's file store inside its data folder. s3rver joins the bucket, each `/`-separated
 * part of a key, a multipart upload id and a part number onto its folder as they arrive: `..`
 * climbs out of it, and a part longer than a file name (255 bytes) makes the write stream fail
 * with no listener, which ends the process. Every name is checked here, where the store receives
 * it already decoded (from the path, a form, a copy source, an upload id or a DeleteObjects body),
 * and refused with an S3 error instead.
 */
const { Buffer } = require('node:buffer');

const MAX_KEY_BYTES = 1024;
const MAX_NAME_BYTES = 255;
// s3rver keeps `<last part>._S3rver_metadata.json` beside an object: the longest suffix it adds.
const MAX_LAST_PART_BYTES = MAX_NAME_BYTES - '._S3rver_metadata.json'.length;
// s3rver's upload ids are 16 random bytes in hex.
const UPLOAD_ID = /^[0-9a-f]{32}$/;

const isDotSegment = (name) => name === '.' || name === '..';
const bytes = (text) => Buffer.byteLength(text, 'utf8');

/** S3's answer for a name the store cannot keep inside its folder; undefined when it can. */
function bucketProblem(bucket) {
  const name = String(bucket);
  if (!name || isDotSegment(name) || /[/\\\0]/.test(name) || bytes(name) > MAX_NAME_BYTES)
    return ['InvalidBucketName', 'The specified bucket is not valid.'];
  return undefined;
}

/** `key` as sent, `onDisk` as the store writes it (Windows: some characters encoded). */
function keyProblem(key, onDisk) {
  if (bytes(key) > MAX_KEY_BYTES)
    return ['KeyTooLongError', 'Your key is too long.', { MaxSizeAllowed: MAX_KEY_BYTES, Size: bytes(key) }];
  // A backslash is a file name character on POSIX and encoded on Windows; `..\\` is refused all the
  // same, so that no key is a way out on any system the server runs on.
  if (key.split(/[/\\]/).some(isDotSegment) || key.includes('\0'))
    return [
      'InvalidArgument',
      "This test server stores keys as file paths: a key with a '.' or '..' segment or a NUL character would leave its folder.",
    ];
  const parts = onDisk.split('/');
  const last = parts.pop();
  if (parts.some((part) => bytes(part) > MAX_NAME_BYTES) || bytes(last) > MAX_LAST_PART_BYTES)
    return [
      'KeyTooLongError',
      `Your key is too long: this test server stores each '/'-separated part of a key as a file name, at most ${MAX_NAME_BYTES} bytes (${MAX_LAST_PART_BYTES} for the last part).`,
    ];
  return undefined;
}

function uploadProblem(uploadId, partNumber) {
  if (!UPLOAD_ID.test(String(uploadId)))
    return [
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    ];
  const part = String(partNumber ?? 1);
  if (!/^\d{1,5}$/.test(part) || Number(part) < 1 || Number(part) > 10000)
    return ['InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive'];
  return undefined;
}

/** Wraps the store's path builders and upload methods so a name that would escape is an S3 error. */
function guardStore(FilesystemStore, S3Error) {
  const store = FilesystemStore.prototype;
  const refuse = (problem) => {
    if (problem) throw new S3Error(...problem);
  };
  const checkObject = (bucket, key) => {
    refuse(bucketProblem(bucket));
    const name = String(key ?? '');
    refuse(keyProblem(name, FilesystemStore.encodeKeyPath(name)));
  };
  const { getBucketPath, getResourcePath, initiateUpload, putPart, putObjectMultipart } = store;
  store.getBucketPath = function (bucket) {
    refuse(bucketProblem(bucket));
    return getBucketPath.call(this, bucket);
  };
  store.getResourcePath = function (bucket, key, resource) {
    checkObject(bucket, key);
    return getResourcePath.call(this, bucket, key, resource);
  };
  // The key of an upload is stored when it starts and used when it completes: refused at the start, as S3 does.
  store.initiateUpload = async function (bucket, key, uploadId, metadata) {
    checkObject(bucket, key);
    return initiateUpload.call(this, bucket, key, uploadId, metadata);
  };
  store.putPart = async function (bucket, uploadId, partNumber, content) {
    refuse(uploadProblem(uploadId, partNumber));
    return putPart.call(this, bucket, uploadId, partNumber, content);
  };
  store.putObjectMultipart = async function (bucket, uploadId, parts) {
    refuse(uploadProblem(uploadId));
    return putObjectMultipart.call(this, bucket, uploadId, parts);
  };
}

module.exports = { guardStore };
