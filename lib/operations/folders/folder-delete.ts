/** delete_folder, and the deletes of a folder move: DeleteObjects of up to 1,000 keys a page. */
import { S3Client } from '@aws-sdk/client-s3';
import { deleteKeys } from '../shared/batch-delete.js';
import { eachFolderPage, FolderObject, FolderRun } from './folder-pages.js';
import { DescribeFailure, FolderReport } from '../shared/failure-report.js';

export async function deleteFolder(client: S3Client, request: FolderRun, describe: DescribeFailure) {
  const report = new FolderReport(describe);
  await eachFolderPage(client, request, report, (page) => deletePage(client, request.bucket, page, report));
  return {
    Bucket: request.bucket,
    Prefix: request.prefix,
    DryRun: request.dryRun,
    Objects: report.objects,
    Bytes: report.bytes,
    Deleted: report.deleted,
    DeletedBytes: report.deletedBytes,
    ...report.summary(),
  };
}

/** Deletes one page's objects (at most S3's 1,000, so one request), each outcome in the report. */
export async function deletePage(
  client: S3Client,
  bucket: string,
  objects: FolderObject[],
  report: FolderReport,
): Promise<void> {
  let outcome: Awaited<ReturnType<typeof deleteKeys>>;
  try {
    outcome = await deleteKeys(
      client,
      bucket,
      objects.map((object) => object.Key),
    );
  } catch (error) {
    for (const object of objects) report.failed(object.Key, 'delete', error, bucket);
    return;
  }
  const sizes = new Map(objects.map((object) => [object.Key, object.Size]));
  for (const { Key } of outcome.Deleted) {
    report.deleted += 1;
    report.deletedBytes += sizes.get(Key) ?? 0;
  }
  for (const { Key, Code, Message } of outcome.Errors)
    report.failed(Key, 'delete', Object.assign(new Error(Message ?? Code), { name: Code, Code }), bucket);
}
