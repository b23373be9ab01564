/**
 * Adds Content-MD5 to DeleteObjects requests (and the bucket configuration writes that, like it,
 * require an integrity header: CORS, versioning, lifecycle). Newer SDKs send only a CRC32 checksum, which
 * several S3-compatible stores (older MinIO, Ceph) do not accept in place of Content-MD5.
 * Sending both suits every store.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';

const NEEDS_MD5 = new Set([
  'DeleteObjectsCommand',
  'PutBucketCorsCommand',
  'PutBucketVersioningCommand',
  'PutBucketLifecycleConfigurationCommand',
]);

interface BuildArgs {
  request: { headers?: Record<string, string>; body?: unknown };
}

export function addContentMd5ToBatchDeletes(client: S3Client): void {
  client.middlewareStack.add(
    ((next: (args: BuildArgs) => Promise<unknown>, context: { commandName?: string }) => async (args: BuildArgs) => {
      const { request } = args;
      const body = request.body;
      if (
        NEEDS_MD5.has(context.commandName ?? '') &&
        request.headers &&
        (typeof body === 'string' || body instanceof Uint8Array)
      ) {
        request.headers['content-md5'] = createHash('md5').update(body).digest('base64');
      }
      return next(args);
    }) as never,
    { step: 'build', name: 'contentMd5ForBatchDeletes' },
  );
}
