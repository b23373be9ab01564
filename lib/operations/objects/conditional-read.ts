/**
 * Cheap refresh: get_object and head_object with ifNoneMatch (the ETag last read) or
 * ifModifiedSince. S3 answers an unchanged object with 304 and no body, which the SDK throws;
 * here it is a result (`NotModified: true`), so an app polling a file pays for no body and sees
 * no error while nothing changed.
 */
import { etagOption } from '../shared/conditional-write.js';
import { quoted } from '../shared/etag.js';

export interface ReadCondition {
  IfNoneMatch?: string;
  IfModifiedSince?: Date;
}

export function readCondition(ifNoneMatch: string | undefined, ifModifiedSince: Date | undefined): ReadCondition {
  const condition: ReadCondition = {};
  if (ifNoneMatch !== undefined) condition.IfNoneMatch = etagOption('ifNoneMatch', ifNoneMatch);
  if (ifModifiedSince !== undefined) condition.IfModifiedSince = ifModifiedSince;
  return condition;
}

interface NotModifiedError {
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

/**
 * The read, or (S3's 304) what an unchanged object's answer says: its ETag and Last-Modified
 * when the server sent them. `sdkMetadata` keeps the SDK's `$metadata` (get_object's results have it).
 */
export async function unlessNotModified<Output extends object>(
  read: () => Promise<Output>,
  target: { bucket: string; key: string },
  sdkMetadata: boolean,
) {
  try {
    return await read();
  } catch (error) {
    const answer = error as NotModifiedError;
    if (answer?.$metadata?.httpStatusCode !== 304) throw error;
    const headers = answer.$response?.headers ?? {};
    const lastModified = headers['last-modified'] ? new Date(headers['last-modified']) : undefined;
    return {
      ...(sdkMetadata ? { $metadata: answer.$metadata } : {}),
      NotModified: true as const,
      Bucket: target.bucket,
      Key: target.key,
      ...(quoted(headers.etag) ? { ETag: quoted(headers.etag) } : {}),
      ...(lastModified && !Number.isNaN(lastModified.getTime()) ? { LastModified: lastModified } : {}),
    };
  }
}
