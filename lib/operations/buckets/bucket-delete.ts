/**
 * delete_bucket. S3 deletes only an empty bucket: one without objects, without old versions or
 * delete markers, and (on most servers) without incomplete multipart uploads. Emptying it first
 * works a listing page (1,000) at a time: every version and delete marker (every object, where
 * the server has no versions), then every incomplete upload, each failure reported by key.
 */
import {
  AbortMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  ObjectIdentifier,
  S3Client,
} from '@aws-sdk/client-s3';
import { Failure, shown } from '../../errors/failure.js';
import { count, LIMITS } from '../../limits.js';
import { DescribeFailure, FolderReport } from '../shared/failure-report.js';

export interface BucketDeletion {
  bucket: string;
  emptyFirst: boolean;
}

/** Pages counted before a refusal says "at least": counting a huge bucket is not worth its requests. */
const COUNTED_PAGES = 10;

const codeOf = (error: unknown): string | undefined =>
  (error as { name?: string; Code?: string })?.Code ?? (error as { name?: string })?.name;
/** What a server without versions or upload listings (s3rver) answers those listings. */
const LACKS_IT = new Set(['MethodNotAllowed', 'NotImplemented']);

export async function deleteBucket(client: S3Client, request: BucketDeletion, describe: DescribeFailure) {
  const { bucket } = request;
  if (!request.emptyFirst) {
    try {
      await client.send(new DeleteBucketCommand({ Bucket: bucket }));
    } catch (error) {
      if (codeOf(error) !== 'BucketNotEmpty') throw error;
      const { objects, more } = await countObjects(client, bucket);
      throw new Failure(
        'BucketNotEmpty',
        `The bucket '${shown(bucket)}' is not empty: it holds ${more ? 'at least ' : ''}${count(objects)} object${objects === 1 ? '' : 's'}${objects === 0 ? ' (but old versions, delete markers or incomplete uploads)' : ''}. To delete it with everything in it, turn on emptyFirst and repeat the bucket's name in confirmBucketName.`,
        { bucket, objectCount: objects, countIsLowerBound: more },
      );
    }
    return { Bucket: bucket, Deleted: true, Emptied: false };
  }
  const report = new FolderReport(describe);
  let deleteMarkers = 0;
  const removed = async (entries: Array<ObjectIdentifier & { marker?: boolean }>) => {
    if (!entries.length) return;
    try {
      const output = await client.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: entries.map(({ Key, VersionId }) => ({ Key, ...(VersionId ? { VersionId } : {}) })) },
        }),
      );
      const markers = new Set(
        entries.filter((entry) => entry.marker).map((entry) => `${entry.Key}\n${entry.VersionId}`),
      );
      for (const deleted of output.Deleted ?? []) {
        report.deleted += 1;
        if (markers.has(`${deleted.Key}\n${deleted.VersionId}`)) deleteMarkers += 1;
      }
      for (const { Key, Code, Message } of output.Errors ?? [])
        report.failed(Key ?? '', 'delete', Object.assign(new Error(Message ?? Code), { name: Code, Code }), bucket);
    } catch (error) {
      for (const entry of entries) report.failed(entry.Key ?? '', 'delete', error, bucket);
    }
  };
  const versioned = await eachVersionPage(client, bucket, removed);
  if (!versioned) await eachObjectPage(client, bucket, removed);
  const uploads = report.stoppedBy ? 0 : await abortUploads(client, bucket, report);
  let deleted = false;
  if (!report.stoppedBy && report.errorCount === 0) {
    await client.send(new DeleteBucketCommand({ Bucket: bucket }));
    deleted = true;
  }
  return {
    Bucket: bucket,
    Deleted: deleted,
    Emptied: true,
    DeletedObjects: report.deleted,
    DeletedDeleteMarkers: deleteMarkers,
    AbortedUploads: uploads,
    ...report.summary(),
  };
}

/** Every version and delete marker, a page at a time; false when the server has no version listing. */
async function eachVersionPage(
  client: S3Client,
  bucket: string,
  work: (entries: Array<ObjectIdentifier & { marker?: boolean }>) => Promise<void>,
): Promise<boolean> {
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  for (let page = 0; ; page += 1) {
    let output;
    try {
      output = await client.send(
        new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: keyMarker, VersionIdMarker: versionMarker }),
      );
    } catch (error) {
      if (page === 0 && LACKS_IT.has(codeOf(error) ?? '')) return false;
      throw error;
    }
    await work([
      ...(output.Versions ?? []).map(({ Key, VersionId }) => ({ Key, VersionId })),
      ...(output.DeleteMarkers ?? []).map(({ Key, VersionId }) => ({ Key, VersionId, marker: true })),
    ]);
    if (!output.IsTruncated) return true;
    // Deleted versions leave the listing, but the markers keep it from repeating a page S3 already gave.
    keyMarker = output.NextKeyMarker;
    versionMarker = output.NextVersionIdMarker;
    if (!keyMarker)
      throw new Failure(
        'ListingDidNotAdvance',
        'The server said the version listing goes on but gave no marker to continue from.',
        { bucket },
      );
  }
}

/** Every object, a page at a time (a server without versions): each page deleted before the next is listed. */
async function eachObjectPage(
  client: S3Client,
  bucket: string,
  work: (entries: ObjectIdentifier[]) => Promise<void>,
): Promise<void> {
  let token: string | undefined;
  do {
    const output = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    await work((output.Contents ?? []).map(({ Key }) => ({ Key })));
    const next = output.IsTruncated ? output.NextContinuationToken : undefined;
    if (output.IsTruncated && (!next || next === token))
      throw new Failure(
        'ListingDidNotAdvance',
        'The server said the listing goes on but gave no new token to continue from.',
        { bucket },
      );
    token = next;
  } while (token);
}

/** Aborts every incomplete multipart upload; a server that cannot list them (s3rver) has none to abort here. */
async function abortUploads(client: S3Client, bucket: string, report: FolderReport): Promise<number> {
  let aborted = 0;
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (let page = 0; ; page += 1) {
    let output;
    try {
      output = await client.send(
        new ListMultipartUploadsCommand({ Bucket: bucket, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }),
      );
    } catch (error) {
      if (page === 0 && LACKS_IT.has(codeOf(error) ?? '')) return 0;
      throw error;
    }
    for (const { Key, UploadId } of output.Uploads ?? [])
      try {
        await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key, UploadId }));
        aborted += 1;
      } catch (error) {
        report.failed(Key ?? '', 'abort', error, bucket);
      }
    if (!output.IsTruncated) return aborted;
    keyMarker = output.NextKeyMarker;
    uploadIdMarker = output.NextUploadIdMarker;
    if (!keyMarker)
      throw new Failure(
        'ListingDidNotAdvance',
        'The server said the upload listing goes on but gave no marker to continue from.',
        { bucket },
      );
  }
}

/** The bucket's objects, counted up to COUNTED_PAGES pages. */
async function countObjects(client: S3Client, bucket: string): Promise<{ objects: number; more: boolean }> {
  let objects = 0;
  let token: string | undefined;
  for (let page = 0; page < COUNTED_PAGES; page += 1) {
    const output = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    objects += output.KeyCount ?? output.Contents?.length ?? 0;
    if (!output.IsTruncated || !output.NextContinuationToken) return { objects, more: false };
    token = output.NextContinuationToken;
  }
  return { objects, more: objects >= COUNTED_PAGES * LIMITS.keysPerPage };
}
