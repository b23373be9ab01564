/**
 * ListObjectsV2 one page at a time, or every page up to a stated cap (`fetchAll`), with
 * folders (CommonPrefixes) when a delimiter is given and optional ready-made download URLs.
 */
import { _Object, CommonPrefix, ListObjectsV2Command, ListObjectsV2CommandOutput, S3Client } from '@aws-sdk/client-s3';
import { signedGetUrls } from './batch-presign.js';
import { defined } from './sdk-input.js';

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
}

type Listed = Omit<ListObjectsV2CommandOutput, 'Contents'> & {
  Contents?: Array<_Object & { SignedUrl?: string }>;
  Pages?: number;
  MaxTotalKeys?: number;
  ReachedMaxTotalKeys?: boolean;
  Warning?: string;
};

export async function listObjects(client: S3Client, request: ListRequest): Promise<Listed> {
  const page = (continuationToken: string | undefined, maxKeys: number) =>
    client.send(
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

  let result: Listed;
  if (!request.fetchAll) {
    result = await page(request.continuationToken, request.maxKeys);
  } else {
    result = await fetchAllPages(page, request);
  }
  if (request.signedUrlSeconds && result.Contents) {
    const contents = result.Contents;
    const urls = await signedGetUrls(
      client,
      request.bucket,
      contents.map((item) => item.Key ?? ''),
      request.signedUrlSeconds,
    );
    result.Contents = contents.map((item, index) => ({ ...item, SignedUrl: urls[index] }));
  }
  return result;
}

async function fetchAllPages(
  page: (token: string | undefined, maxKeys: number) => Promise<ListObjectsV2CommandOutput>,
  request: ListRequest,
): Promise<Listed> {
  const contents: _Object[] = [];
  const prefixes: CommonPrefix[] = [];
  let token = request.continuationToken;
  let last: ListObjectsV2CommandOutput | undefined;
  let pages = 0;
  // Each page asks for no more than what is left under the cap, so the continuation token of
  // the last page resumes exactly where the result stops.
  for (;;) {
    const remaining = request.maxTotalKeys - contents.length - prefixes.length;
    last = await page(token, Math.min(request.maxKeys, remaining));
    pages += 1;
    contents.push(...(last.Contents ?? []));
    prefixes.push(...(last.CommonPrefixes ?? []));
    token = last.IsTruncated ? last.NextContinuationToken : undefined;
    if (!token || contents.length + prefixes.length >= request.maxTotalKeys) break;
  }
  const reachedCap = Boolean(last.IsTruncated);
  return {
    ...last,
    Contents: contents,
    CommonPrefixes: prefixes.length ? prefixes : undefined,
    KeyCount: contents.length + prefixes.length,
    MaxKeys: request.maxKeys,
    IsTruncated: reachedCap,
    NextContinuationToken: reachedCap ? last.NextContinuationToken : undefined,
    ContinuationToken: request.continuationToken,
    Pages: pages,
    MaxTotalKeys: request.maxTotalKeys,
    ReachedMaxTotalKeys: reachedCap,
    ...(reachedCap
      ? {
          Warning: `Stopped at maxTotalKeys (${request.maxTotalKeys}) keys; the bucket has more. Raise maxTotalKeys, or pass NextContinuationToken as continuationToken to go on.`,
        }
      : {}),
  };
}
