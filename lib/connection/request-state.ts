/**
 * What one S3 request of a client is doing, for the failure it may end in: whether it was signed,
 * whether its answer has started, what it was built as. Middleware finds its request's state
 * through the command the SDK carries in the handler context, so neither a per-request async
 * context (AsyncLocalStorage turns on promise hooks for every promise of the process) nor an
 * abort signal (the SDK races every retry step against one: listeners and promises per request)
 * is needed.
 */
import { ClientRequest } from 'node:http';

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
  /** The request as built, just before signing (its host and length), read only when it fails. */
  built?: BuiltRequest;
  /** Time spent queued for a socket behind this data source's busy connections, all attempts. */
  poolWaitMs: number;
  /** When the attempt now queued for a socket entered the pool's queue. */
  queuedSince?: number;
  /** When the first attempt reached the socket pool (before it, the time went to this process's own work). */
  pooledAt?: number;
  /** The attempt's HTTP request, once it entered the socket pool: what the deadline cuts off. */
  sent?: ClientRequest;
  /** The deadline passed: no further attempt is sent. */
  expired?: boolean;
}

/** The SDK's key for its own part of the handler context (SMITHY_CONTEXT_KEY). */
const SMITHY_CONTEXT = '__smithy_context';

export interface HandlerContext {
  commandName?: string;
  [SMITHY_CONTEXT]?: { commandInstance?: unknown };
}

const states = new WeakMap<object, RequestState>();

/**
 * A new request's state, found again by middleware through `command` (a command sent again
 * starts a new state; the plugin sends each command once).
 */
export function trackRequest(command: object): RequestState {
  const state: RequestState = { signed: false, answered: false, poolWaitMs: 0 };
  states.set(command, state);
  return state;
}

export function requestStateOf(context: HandlerContext): RequestState | undefined {
  const command = context[SMITHY_CONTEXT]?.commandInstance;
  return command && typeof command === 'object' ? states.get(command) : undefined;
}
