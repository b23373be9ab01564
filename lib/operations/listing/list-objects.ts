/**
 * ListObjectsV2 one page at a time, or every page up to a stated cap (`fetchAll`), with
 * folders (CommonPrefixes) when a delimiter is given, filters and a sort (list-filters.ts), and
 * optional ready-made download URLs.
 */
import { _Object, CommonPrefix, ListObjectsV2Command, ListObjectsV2CommandOutput, S3Client } from '@aws-sdk/client-s3';
import { notS3 } from '../../connection/response-checks.js';
import { Failure, shown } from '../../errors/failure.js';
import { signedGetUrls } from '../shared/batch-presign.js';
import { mapInSlices } from '../../time-slices.js';
import { hasDotSegment } from '../shared/names.js';
import { formatBytes } from '../../format-bytes.js';
import { count, LIMITS } from '../../limits.js';
import { checkEntries } from '../shared/listing-checks.js';
import { defined } from '../shared/sdk-input.js';
import { ListFilter, ListSort, matcher, sortListed } from './list-filters.js';

const MAX_PAGE = LIMITS.keysPerPage;
const MAX_KEYS_PER_RESULT = LIMITS.keysPerResult;

export interface ListRequest {
  bucket: string;
  prefix?: string;
  delimiter?: string;
  maxKeys: number;
  startAfter?: string;
  continuationToken?: string;
  fetchAll: boolean;
  maxTotalKeys: number;
  signedUrlSeconds?: number;
  filter?: ListFilter;
  sort?: ListSort;
}

type Listed = Omit<ListObjectsV2CommandOutput, 'Contents'> & {
  Contents?: Array<_Object & { SignedUrl?: string }>;
  Pages?: number;
  MaxTotalKeys?: number;
  ReachedMaxTotalKeys?: boolean;
  Warning?: string;
  /** With a filter: the objects listed from S3, and those the filter kept. */
  ScannedCount?: number;
  MatchedCount?: number;
};

/** How many objects a listing scanned and kept, page by page. */
interface Tally {
  keep: (item: _Object) => boolean;
  scanned: number;
  matched: number;
}

/** The page's objects the filter keeps, counted. */
function filtered(page: ListObjectsV2CommandOutput, tally: Tally): _Object[] {
  const contents = page.Contents ?? [];
  const kept = contents.filter(tally.keep);
  tally.scanned += contents.length;
  tally.matched += kept.length;
  return kept;
}

export async function listObjects(client: S3Client, request: ListRequest): Promise<Listed> {
  const page = async (continuationToken: string | undefined, maxKeys: number) => {
    const output = await client.send(
      new ListObjectsV2Command(
        defined({
          Bucket: request.bucket,
          Prefix: request.prefix,
          Delimiter: request.delimiter,
          MaxKeys: maxKeys,
          StartAfter: continuationToken ? undefined : request.startAfter,
          ContinuationToken: continuationToken,
        }),
      ),
    );
    const listed = (output.Contents?.length ?? 0) + (output.CommonPrefixes?.length ?? 0);
    if (listed > maxKeys)
      throw notS3(`it listed ${listed} entries on a page of at most ${maxKeys}`, { listed, maxKeys });
    checkEntries(output);
    return output;
  };

  const tally = request.filter ? { keep: matcher(request.filter), scanned: 0, matched: 0 } : undefined;
  let result: Listed;
  if (request.fetchAll) {
    const pageSize = request.maxKeys > 0 ? Math.min(request.maxKeys, MAX_PAGE) : MAX_PAGE;
    result = await fetchAllPages(page, { ...request, maxKeys: pageSize }, tally);
  } else if (request.maxKeys > MAX_PAGE) {
    // S3 sends at most 1000 keys a page; a larger maxKeys (the app builder's plugin passed it on) is
    // served page by page, and NextContinuationToken still leads to the rest.
    const total = Math.min(request.maxKeys, MAX_KEYS_PER_RESULT);
    const paged = await fetchAllPages(page, { ...request, maxKeys: MAX_PAGE, maxTotalKeys: total }, tally);
    const { MaxTotalKeys: _total, ReachedMaxTotalKeys: _reached, Warning: _warning, ...rest } = paged;
    result = { ...rest, MaxKeys: request.maxKeys };
    if (total < request.maxKeys && paged.IsTruncated)
      result.Warning = `Stopped at ${count(MAX_KEYS_PER_RESULT)} keys, the most one result holds; pass NextContinuationToken as continuationToken to go on.`;
  } else {
    result = await page(request.continuationToken, request.maxKeys);
    if (tally) {
      result.Contents = filtered(result, tally);
      result.KeyCount = result.Contents.length + (result.CommonPrefixes?.length ?? 0);
    }
  }
  if (tally) Object.assign(result, { ScannedCount: tally.scanned, MatchedCount: tally.matched });
  if (request.sort) {
    const sorted = await sortListed(result.Contents ?? [], result.CommonPrefixes, request.sort);
    result.Contents = sorted.contents;
    result.CommonPrefixes = sorted.prefixes;
  }
  if (request.signedUrlSeconds && result.Contents)
    await addSignedUrls(client, request, result, request.signedUrlSeconds);
  return result;
}

/** A download URL on every listed object, a slice at a time (a result may hold 1,000,000 keys). */
async function addSignedUrls(client: S3Client, request: ListRequest, result: Listed, seconds: number): Promise<void> {
  const contents = result.Contents ?? [];
  // Browsers resolve . and .. segments in any URL, so such keys get no signed URL.
  const keys: string[] = [];
  const signable = await mapInSlices(contents, (item) => {
    const key = item.Key ?? '';
    if (hasDotSegment(key)) return false;
    keys.push(key);
    return true;
  });
  const urls = await signedGetUrls(client, request.bucket, keys, seconds);
  let next = 0;
  result.Contents = await mapInSlices(contents, (item, index) => ({
    ...item,
    SignedUrl: signable[index] ? urls[next++] : undefined,
  }));
  const skipped = contents.length - keys.length;
  if (skipped) {
    result.Warning = [
      result.Warning,
      `${skipped} object${skipped === 1 ? ' has' : 's have'} a '.' or '..' segment in the key and no SignedUrl: browsers would resolve it to another path.`,
    ]
      .filter(Boolean)
      .join(' ');
  }
}

/** About how much text a page's kept entries hold: what a result of many pages keeps in memory. */
function pageBytes(contents: _Object[], prefixes: CommonPrefix[]): number {
  let bytes = 0;
  for (const entry of contents) bytes += (entry.Key?.length ?? 0) + (entry.ETag?.length ?? 0) + 100;
  for (const prefix of prefixes) bytes += (prefix.Prefix?.length ?? 0) + 50;
  return bytes;
}

async function fetchAllPages(
  page: (token: string | undefined, maxKeys: number) => Promise<ListObjectsV2CommandOutput>,
  request: ListRequest,
  tally: Tally | undefined,
): Promise<Listed> {
  const contents: _Object[] = [];
  const prefixes: CommonPrefix[] = [];
  // Entries listed from S3: what maxTotalKeys caps (a filter keeps fewer of them).
  let listedTotal = 0;
  let token = request.continuationToken;
  let last: ListObjectsV2CommandOutput | undefined;
  let pages = 0;
  let bytes = 0;
  const tokens = new Set<string>();
  // Each page asks for no more than what is left under the cap, so the continuation token of
  // the last page resumes exactly where the result stops.
  for (;;) {
    const remaining = request.maxTotalKeys - listedTotal;
    last = await page(token, Math.min(request.maxKeys, remaining));
    pages += 1;
    const listed = (last.Contents?.length ?? 0) + (last.CommonPrefixes?.length ?? 0);
    listedTotal += listed;
    const kept = tally ? filtered(last, tally) : (last.Contents ?? []);
    contents.push(...kept);
    prefixes.push(...(last.CommonPrefixes ?? []));
    token = last.IsTruncated ? last.NextContinuationToken : undefined;
    // A server that never finishes (an empty page that says there is more, a token it gave before)
    // would otherwise be asked for pages forever.
    if (token && (listed === 0 || tokens.has(token))) {
      throw new Failure(
        'ListingDidNotAdvance',
        `The listing of bucket '${shown(request.bucket)}' did not advance after ${pages} pages (${listed === 0 ? 'an empty page said there was more' : 'the server repeated a continuation token'}); stopped.`,
        { pages, listed: listedTotal },
      );
    }
    if (token) tokens.add(token);
    bytes += pageBytes(kept, last.CommonPrefixes ?? []);
    if (!token || listedTotal >= request.maxTotalKeys || bytes >= LIMITS.listingBytes) break;
  }
  const reachedCap = Boolean(last.IsTruncated);
  const listedCount = contents.length + prefixes.length;
  const byBytes = reachedCap && listedTotal < request.maxTotalKeys;
  const matched = tally ? ` (${tally.matched} of them matched the filters)` : '';
  return {
    ...last,
    Contents: contents,
    CommonPrefixes: prefixes.length ? prefixes : undefined,
    KeyCount: contents.length + prefixes.length,
    MaxKeys: request.maxKeys,
    IsTruncated: reachedCap,
    NextContinuationToken: reachedCap ? last.NextContinuationToken : undefined,
    ContinuationToken: request.continuationToken,
    // The last page's request had none: the first page's StartAfter describes the whole result.
    StartAfter: request.continuationToken ? undefined : request.startAfter,
    Pages: pages,
    MaxTotalKeys: request.maxTotalKeys,
    ReachedMaxTotalKeys: reachedCap && !byBytes,
    ...(reachedCap
      ? {
          Warning: byBytes
            ? `Stopped at ${listedCount} keys: their names take ${formatBytes(LIMITS.listingBytes)}, the most one result holds; pass NextContinuationToken as continuationToken to go on.`
            : `Stopped at maxTotalKeys (${request.maxTotalKeys}) keys${tally ? ' listed' : ''}${matched}; the bucket has more. Raise maxTotalKeys, or pass NextContinuationToken as continuationToken to go on.`,
        }
      : {}),
  };
}
