/**
 * What one S3 request of a client is doing, for the failure it may end in: whether it was signed,
 * whether its answer has started, what it was built as. Middleware finds its request's state
 * through the abort signal the SDK carries in the handler context, so no per-request async
 * context (AsyncLocalStorage turns on promise hooks for every promise of the process) is needed.
 */
export interface BuiltRequest {
  commandName?: string;
  request: { hostname?: string; port?: number; headers?: Record<string, string> };
  input: { Bucket?: unknown; Key?: unknown };
}

export interface RequestState {
  /** The request was signed: its credentials were obtained. */
  signed: boolean;
  /** The server's answer has started (its headers arrived). */
  answered: boolean;
  /** The request as the build step left it (its host and length), read only when it fails. */
  built?: BuiltRequest;
  /** Time spent queued for a socket behind this data source's busy connections, all attempts. */
  poolWaitMs: number;
  /** When the attempt now queued for a socket entered the pool's queue. */
  queuedSince?: number;
}

/** The SDK's key for its own part of the handler context (SMITHY_CONTEXT_KEY). */
const SMITHY_CONTEXT = '__smithy_context';

export interface HandlerContext {
  commandName?: string;
  [SMITHY_CONTEXT]?: { abortSignal?: unknown };
}

const states = new WeakMap<object, RequestState>();

/** A new request's state, found again by middleware through `signal`. */
export function trackRequest(signal: AbortSignal): RequestState {
  const state: RequestState = { signed: false, answered: false, poolWaitMs: 0 };
  states.set(signal, state);
  return state;
}

export function requestStateOf(context: HandlerContext): RequestState | undefined {
  const signal = context[SMITHY_CONTEXT]?.abortSignal;
  return signal && typeof signal === 'object' ? states.get(signal) : undefined;
}
