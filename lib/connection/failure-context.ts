/**
 * Records, on any error a request fails with, what that request was: the host it went to
 * (with virtual-hosted addressing, `bucket.host`), how many bytes it sent, and the bucket and
 * key of the command. The operation alone cannot say which of its requests failed (a copy
 * reads the source, then writes the destination), and errors should name what failed.
 */
import { S3Client } from '@aws-sdk/client-s3';

export interface FailedRequest {
  command?: string;
  host?: string;
  bytes?: number;
  bucket?: string;
  key?: string;
}

interface BuildArgs {
  input: { Bucket?: unknown; Key?: unknown };
  request: { hostname?: string; port?: number; headers?: Record<string, string> };
}

const FAILED_REQUEST = Symbol('failedRequest');

export function failedRequestOf(error: unknown): FailedRequest | undefined {
  return error && typeof error === 'object'
    ? (error as { [FAILED_REQUEST]?: FailedRequest })[FAILED_REQUEST]
    : undefined;
}

/** A new error for the same failed request keeps what was recorded about it. */
export function carryFailedRequest<T extends object>(from: unknown, to: T): T {
  const failed = failedRequestOf(from);
  if (failed) Object.defineProperty(to, FAILED_REQUEST, { value: failed });
  return to;
}

export function recordFailedRequests(client: S3Client): void {
  client.middlewareStack.add(
    ((next: (args: BuildArgs) => Promise<unknown>, context: { commandName?: string }) => async (args: BuildArgs) => {
      try {
        return await next(args);
      } catch (error) {
        if (error && typeof error === 'object' && !(FAILED_REQUEST in error)) {
          const { request, input } = args;
          const length = Number(request.headers?.['content-length']);
          const failed: FailedRequest = {
            command: context.commandName,
            host: request.hostname && (request.port ? `${request.hostname}:${request.port}` : request.hostname),
            bytes: Number.isFinite(length) ? length : undefined,
            bucket: typeof input.Bucket === 'string' ? input.Bucket : undefined,
            key: typeof input.Key === 'string' ? input.Key : undefined,
          };
          Object.defineProperty(error, FAILED_REQUEST, { value: failed });
        }
        throw error;
      }
    }) as never,
    // Last of the build step: the request has its host and content-length, and the retries
    // (which wrap what fails in errors of their own) run inside it.
    { step: 'build', priority: 'low', name: 'recordFailedRequests' },
  );
}
