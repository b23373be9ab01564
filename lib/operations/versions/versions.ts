/**
 * Object versions: the versions and delete markers of a key or prefix, an older version restored
 * by copying it over the current one, and the bucket's versioning switch. (Reading or deleting one
 * version is get_object's, head_object's and remove_object's `versionId`.)
 */
import { Failure, shown } from '../../errors/failure.js';
import {
  BucketVersioningStatus,
  GetBucketVersioningCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { notS3 } from '../../connection/response-checks.js';
import { copyObject } from '../shared/copy.js';
import { quoted } from '../shared/etag.js';
import { s3Fields } from '../shared/s3-fields.js';
import { defined } from '../shared/sdk-input.js';

export interface VersionListRequest {
  bucket: string;
  prefix?: string;
  /** Only this key's versions (listed by prefix, then filtered to the exact key). */
  key?: string;
  maxKeys: number;
  keyMarker?: string;
  versionIdMarker?: string;
}

export async function listObjectVersions(client: S3Client, request: VersionListRequest) {
  const output = await client.send(
    new ListObjectVersionsCommand(
      defined({
        Bucket: request.bucket,
        Prefix: request.key ?? request.prefix,
        MaxKeys: request.maxKeys,
        KeyMarker: request.keyMarker,
        VersionIdMarker: request.versionIdMarker,
      }),
    ),
  );
  const listed = (output.Versions?.length ?? 0) + (output.DeleteMarkers?.length ?? 0);
  if (listed > request.maxKeys)
    throw notS3(`it listed ${listed} versions on a page of at most ${request.maxKeys}`, {
      listed,
      maxKeys: request.maxKeys,
    });
  const wanted = <T extends { Key?: string }>(entries: T[] | undefined): T[] =>
    (entries ?? []).filter((entry) => request.key === undefined || entry.Key === request.key);
  const versions = wanted(output.Versions).map((version) => ({ ...version, ETag: quoted(version.ETag) }));
  const deleteMarkers = wanted(output.DeleteMarkers);
  // Keys are listed in order, each key's versions newest first: once the listing has moved past
  // the key, every version of it has been listed.
  const done = request.key !== undefined && output.IsTruncated && output.NextKeyMarker !== request.key;
  return {
    ...s3Fields(output),
    Versions: versions,
    DeleteMarkers: deleteMarkers,
    ...(done ? { IsTruncated: false, NextKeyMarker: undefined, NextVersionIdMarker: undefined } : {}),
    Bucket: request.bucket,
    ...(request.key !== undefined ? { Key: request.key } : {}),
  };
}

/** Copies an older version over the current one: it becomes the newest version; history is kept. */
export async function restoreVersion(client: S3Client, bucket: string, key: string, versionId: string) {
  // With versioning suspended the copy is stored as version 'null', replacing the 'null' version
  // (perhaps the one that was current): refused. A status that cannot be read (no permission,
  // a server without versioning) does not stop the restore; the copy then checks the version.
  const status = await getBucketVersioning(client, bucket).then(
    (versioning) => versioning.Status,
    () => undefined,
  );
  if (status === 'Suspended')
    throw new Failure(
      'VersioningSuspended',
      `Versioning of bucket '${shown(bucket)}' is suspended: a restore would be stored as version 'null' and replace the 'null' version of '${shown(key)}' for good. Enable versioning first (put_bucket_versioning), then restore.`,
      { bucket, key, versionId },
    );
  const output = await copyObject(client, {
    sourceBucket: bucket,
    sourceKey: key,
    sourceVersionId: versionId,
    destinationBucket: bucket,
    destinationKey: key,
    metadataDirective: 'COPY',
    properties: {},
  });
  // Ceph RGW sends no version id with a copy: read the new current version's back.
  const current =
    output.VersionId ?? (await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).VersionId;
  return { ...output, VersionId: current, Bucket: bucket, Key: key, RestoredFrom: versionId };
}

export async function getBucketVersioning(client: S3Client, bucket: string) {
  const output = await client.send(new GetBucketVersioningCommand({ Bucket: bucket }));
  // S3 sends no Status for a bucket whose versioning was never enabled: called 'Disabled' here,
  // so an app binds one field (S3's own states are Enabled and Suspended).
  return {
    ...s3Fields(output),
    Status: output.Status ?? 'Disabled',
    MFADelete: output.MFADelete ?? 'Disabled',
    Bucket: bucket,
  };
}

export async function putBucketVersioning(client: S3Client, bucket: string, status: BucketVersioningStatus) {
  // Read first: a server without versioning (s3rver) takes `PUT /bucket?versioning` for
  // CreateBucket and would create a missing bucket; its answer to the read is refused instead.
  const before = await getBucketVersioning(client, bucket);
  const output = await client.send(
    new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: status } }),
  );
  return { ...s3Fields(output), Status: status, PreviousStatus: before.Status, Bucket: bucket };
}
