/**
 * Adds Content-MD5 to DeleteObjects requests (and the bucket configuration writes that, like it,
 * require an integrity header: CORS, versioning, lifecycle). Newer SDKs send only a CRC32 checksum, which
 * several S3-compatible stores (older MinIO, Ceph) do not accept in place of Content-MD5.
 * Sending both suits every store.
 */
import { createHash } from 'node:crypto';

const NEEDS_MD5 = new Set([
  'DeleteObjectsCommand',
  'PutBucketCorsCommand',
  'PutBucketVersioningCommand',
  'PutBucketLifecycleConfigurationCommand',
]);

interface Request {
  headers?: Record<string, string>;
  body?: unknown;
}

/** Adds the header to a request of a command that needs it (called just before signing, by request-steps.ts). */
export function addContentMd5(commandName: string | undefined, request: Request): void {
  const body = request.body;
  if (NEEDS_MD5.has(commandName ?? '') && request.headers && (typeof body === 'string' || body instanceof Uint8Array)) {
    request.headers['content-md5'] = createHash('md5').update(body).digest('base64');
  }
}
