/**
 * The objects under a prefix, one listing page at a time: a folder operation holds one page (and
 * the next, listed while this one is worked on), never the whole listing.
 */
import { ListObjectsV2Command, ListObjectsV2CommandOutput, S3Client } from '@aws-sdk/client-s3';
import { notS3 } from '../../connection/response-checks.js';
import { Failure, shown } from '../../errors/failure.js';
import { LIMITS } from '../../limits.js';
import { FolderReport } from '../shared/failure-report.js';
import { checkEntries } from '../shared/listing-checks.js';

export interface FolderObject {
  Key: string;
  Size: number;
  ETag?: string;
}

/** The folder a folder operation works through. */
export interface FolderRun {
  bucket: string;
  prefix: string;
  dryRun: boolean;
  /** Keys a listing page holds (S3's 1,000; smaller only in tests). */
  pageSize?: number;
}

/**
 * Counts each page into the report and hands it to `work` (not on a dry run) until the report
 * says stop. A listing that fails after pages were done ends the run with what was done.
 */
export async function eachFolderPage(
  client: S3Client,
  run: FolderRun,
  report: FolderReport,
  work: (page: FolderObject[]) => Promise<void>,
): Promise<void> {
  try {
    for await (const page of folderPages(client, run.bucket, run.prefix, run.pageSize)) {
      for (const object of page) report.listed(object.Size);
      if (!run.dryRun && page.length) await work(page);
      if (report.stoppedBy) break;
    }
  } catch (error) {
    report.listingFailed(error, run.bucket);
  }
}

export async function* folderPages(
  client: S3Client,
  bucket: string,
  prefix: string,
  pageSize: number = LIMITS.keysPerPage,
): AsyncGenerator<FolderObject[]> {
  const list = (token: string | undefined): Promise<ListObjectsV2CommandOutput> => {
    const listing = client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        MaxKeys: pageSize,
        ...(prefix ? { Prefix: prefix } : {}),
        ...(token ? { ContinuationToken: token } : {}),
      }),
    );
    // Listed ahead: a consumer that stops early never awaits it, and its failure must not go unhandled.
    listing.catch(() => undefined);
    return listing;
  };
  const tokens = new Set<string>();
  let pages = 0;
  let next: Promise<ListObjectsV2CommandOutput> | undefined = list(undefined);
  while (next) {
    const output: ListObjectsV2CommandOutput = await next;
    pages += 1;
    const objects = pageObjects(output, prefix, pageSize);
    const token = output.IsTruncated ? output.NextContinuationToken : undefined;
    // A server that never finishes would otherwise be asked for pages forever.
    if (token && (objects.length === 0 || tokens.has(token)))
      throw new Failure(
        'ListingDidNotAdvance',
        `The listing of bucket '${shown(bucket)}' did not advance after ${pages} pages (${objects.length === 0 ? 'an empty page said there was more' : 'the server repeated a continuation token'}); stopped.`,
        { pages },
      );
    if (token) tokens.add(token);
    next = token ? list(token) : undefined;
    yield objects;
  }
}

/** A page's objects, after the checks that keep a broken server from widening the operation. */
function pageObjects(output: ListObjectsV2CommandOutput, prefix: string, pageSize: number): FolderObject[] {
  const contents = output.Contents ?? [];
  if (contents.length > pageSize)
    throw notS3(`it listed ${contents.length} entries on a page of at most ${pageSize}`, {
      listed: contents.length,
      maxKeys: pageSize,
    });
  checkEntries(output);
  return contents.map((entry) => {
    const key = entry.Key ?? '';
    // A server that ignored the prefix would have a delete or a move reach outside the folder.
    if (!key.startsWith(prefix))
      throw notS3(`it listed the key '${shown(key)}' for the prefix '${shown(prefix)}'`, { key: shown(key) });
    return { Key: key, Size: entry.Size ?? 0, ETag: entry.ETag };
  });
}
