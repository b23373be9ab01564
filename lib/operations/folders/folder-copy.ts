/**
 * copy_folder and move_folder: every object under a prefix copied server-side to another prefix
 * (single CopyObject, multipart above 5 GB), a page at a time with a bounded number in flight. A
 * move deletes a page's sources once their copies succeeded, so a source is never lost; it is
 * not atomic, and a rerun finishes a move that stopped part way.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { Failure, shown } from '../../errors/failure.js';
import { LIMITS } from '../../limits.js';
import { copyObject } from '../shared/copy.js';
import { deletePage } from './folder-delete.js';
import { eachFolderPage, FolderObject, FolderRun } from './folder-pages.js';
import { FolderPair } from './folder-prefixes.js';
import { DescribeFailure, FolderReport } from '../shared/failure-report.js';
import { inParallel } from '../shared/in-parallel.js';
import { hasDotSegment } from '../shared/names.js';

export interface FolderCopyRequest extends FolderPair, FolderRun {
  move: boolean;
  /** Objects copied at the same time. */
  concurrency: number;
}

export async function copyFolder(client: S3Client, request: FolderCopyRequest, describe: DescribeFailure) {
  const report = new FolderReport(describe);
  await eachFolderPage(client, request, report, async (page) => {
    const copied = await copyPage(client, request, page, report);
    if (request.move && copied.length) await deletePage(client, request.bucket, copied, report);
  });
  return {
    Bucket: request.bucket,
    Prefix: request.prefix,
    DestinationBucket: request.destinationBucket,
    DestinationPrefix: request.destinationPrefix,
    DryRun: request.dryRun,
    Objects: report.objects,
    Bytes: report.bytes,
    Copied: report.copied,
    CopiedBytes: report.copiedBytes,
    ...(request.move ? { Deleted: report.deleted, DeletedBytes: report.deletedBytes } : {}),
    ...report.summary(),
  };
}

/** Copies a page's objects, at most `concurrency` at a time; returns those copied. */
async function copyPage(
  client: S3Client,
  request: FolderCopyRequest,
  page: FolderObject[],
  report: FolderReport,
): Promise<FolderObject[]> {
  const copied: FolderObject[] = [];
  await inParallel(page, request.concurrency, async (object) => {
    if (report.stoppedBy) return;
    const destinationKey = request.destinationPrefix + object.Key.slice(request.prefix.length);
    try {
      // The source folder's own marker (`reports/`, an empty object) needs no copy at the bucket root;
      // one holding data would have no key there, and a move must not delete it.
      if (destinationKey === '' && object.Size > 0)
        throw new Failure(
          'DestinationKeyRefused',
          `Not copied: the folder's own object '${shown(object.Key)}' holds ${object.Size} bytes and would have an empty key at the destination's root.`,
        );
      if (destinationKey !== '')
        await copyObject(client, {
          sourceBucket: request.bucket,
          sourceKey: object.Key,
          destinationBucket: request.destinationBucket,
          destinationKey: checkedDestination(destinationKey),
          metadataDirective: 'COPY',
          properties: {},
          sourceSize: object.Size,
          sourceEtag: object.ETag,
        });
      report.copied += 1;
      report.copiedBytes += object.Size;
      copied.push(object);
    } catch (error) {
      report.failed(object.Key, 'copy', error, request.bucket);
    }
  });
  return copied;
}

/** A destination key S3 would refuse, or one a server or proxy would resolve to another path. */
function checkedDestination(key: string): string {
  const bytes = Buffer.byteLength(key);
  if (bytes > LIMITS.keyBytes)
    throw new Failure(
      'DestinationKeyRefused',
      `Not copied: its key in the destination folder, '${shown(key)}', would be ${bytes} bytes, more than S3's ${LIMITS.keyBytes}.`,
    );
  if (hasDotSegment(key))
    throw new Failure(
      'DestinationKeyRefused',
      `Not copied: its key has a '.' or '..' path segment, which servers and proxies resolve to another path.`,
    );
  return key;
}
