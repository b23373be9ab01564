/**
 * Records, on any error a request fails with, what that request was: the host it went to
 * (with virtual-hosted addressing, `bucket.host`), how many bytes it sent, and the bucket and
 * key of the command. The operation alone cannot say which of its requests failed (a copy
 * reads the source, then writes the destination), and errors should name what failed.
 * Captured lazily: a request that succeeds only leaves a reference to what it was built as.
 */
import { BuiltRequest, RequestState } from './request-state.js';

export interface FailedRequest {
  command?: string;
  host?: string;
  bytes?: number;
  bucket?: string;
  key?: string;
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

function describe({ commandName, request, input }: BuiltRequest): FailedRequest {
  const length = Number(request.headers?.['content-length']);
  return {
    command: commandName,
    host: request.hostname && (request.port ? `${request.hostname}:${request.port}` : request.hostname),
    bytes: Number.isFinite(length) ? length : undefined,
    bucket: typeof input.Bucket === 'string' ? input.Bucket : undefined,
    key: typeof input.Key === 'string' ? input.Key : undefined,
  };
}

/** Puts what the failed request was on its error (once: the first record is the innermost request's). */
export function recordFailedRequest<T>(error: T, state: RequestState): T {
  if (state.built && error && typeof error === 'object' && !(FAILED_REQUEST in error))
    Object.defineProperty(error, FAILED_REQUEST, { value: describe(state.built) });
  return error;
}

/** Keeps what the request was built as, read only if it fails (called just before signing, each attempt). */
export function keepBuiltRequest(state: RequestState, commandName: string | undefined, args: BuiltRequest): void {
  state.built = { commandName, request: args.request, input: args.input };
}
