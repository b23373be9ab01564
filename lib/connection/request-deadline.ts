/**
 * One deadline per S3 request, all its attempts and its body together (request_timeout). The
 * SDK's own timeouts are per attempt and per silence: a server that never answers took three
 * attempts of 60 s, and one that trickles a byte a second held a query forever. At every
 * request's deadline its HTTP request (if one is out) is destroyed, no further attempt is sent,
 * an object body still streaming is cut off, and the failure says how long it really took, how
 * many attempts there were, and whether the wait was for the server or for a free connection of
 * this data source's pool. No abort signal is given to the SDK: it would race every retry step
 * against it, listeners and promises on every request, for a deadline that rarely comes.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { Agent, ClientRequest } from 'node:http';
import { Readable } from 'node:stream';
import { Failure, shown } from '../errors/failure.js';
import { recordFailedRequest } from './failure-context.js';
import { RequestState, trackRequest } from './request-state.js';

export interface DeadlineSettings {
  requestTimeoutSeconds: number;
  /** The client's connection pools, timed to tell "no free connection" from "no answer". */
  agents: Agent[];
  maxSockets: number;
  /** Where credentials are fetched from (a role, instance metadata), when they are not typed in. */
  credentialSource?: string;
}

/** What a failed request carries about its timing, for any error (timeouts and others). */
export interface RequestTiming {
  elapsedMs: number;
  attempts?: number;
}

const TIMING = Symbol('requestTiming');

export function requestTimingOf(error: unknown): RequestTiming | undefined {
  return error && typeof error === 'object' ? (error as { [TIMING]?: RequestTiming })[TIMING] : undefined;
}

function attemptsOf(error: unknown): number | undefined {
  return (error as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts;
}

type RequestAdder = (request: ClientRequest, options: { headers?: object }) => void;

/** Each signed request's state by its headers object, which the HTTP handler hands to http.request as it is. */
const sentRequests = new WeakMap<object, RequestState>();

/**
 * Times each attempt's wait for a socket. The pool's queue alone cannot say whose wait it was:
 * when many deadlines fire in one turn (a busy server process), the queued request is still there
 * for every one of them; and a request that waited 990 ms of its second for a socket waited for
 * the pool even if it got one at the end.
 */
function timeSocketWaits(agents: Agent[]): void {
  for (const agent of agents) {
    // addRequest is how http.request enters the pool (not in @types/node, stable since Node 0.x).
    const pool = agent as unknown as { addRequest: RequestAdder };
    const addRequest = pool.addRequest.bind(agent);
    pool.addRequest = (request, options) => {
      const state = options.headers && sentRequests.get(options.headers);
      if (state) {
        state.sent = request;
        // The deadline passed between signing and sending. The request still goes to the pool:
        // a destroyed request emits its error (which settles the SDK's attempt) only on getting a socket.
        if (state.expired) request.destroy(deadlinePassed());
        const queued = Date.now();
        state.queuedSince = queued;
        state.pooledAt ??= queued;
        request.once('socket', () => {
          state.poolWaitMs += Date.now() - queued;
          state.queuedSince = undefined;
        });
      }
      addRequest(request, options);
    };
  }
}

/**
 * An attempt leaving, signed (called innermost, by request-steps.ts): after the deadline it is not
 * sent (a retry whose wait was not cut short); otherwise the socket pool will know it by its headers.
 */
export function attemptLeaving(state: RequestState, request: { headers?: object } | undefined): void {
  if (state.expired) throw deadlinePassed();
  state.signed = true;
  if (request?.headers) sentRequests.set(request.headers, state);
}

/** What the SDK sees of a passed deadline: an abort, which it does not retry (the query has failed already). */
function deadlinePassed(): Error {
  return Object.assign(new Error('The request passed its deadline (request_timeout).'), { name: 'AbortError' });
}

function poolWaitMs(state: RequestState): number {
  return state.poolWaitMs + (state.queuedSince === undefined ? 0 : Date.now() - state.queuedSince);
}

/** The failure a request gets at its deadline: what it was waiting for, and for how long. */
export function timedOut(
  settings: DeadlineSettings,
  timing: RequestTiming,
  host: string | undefined,
  state: RequestState,
): Failure {
  const streaming = state.answered;
  const limit = `${settings.requestTimeoutSeconds} s (request_timeout)`;
  const attempts = timing.attempts ? ` over ${timing.attempts} attempt${timing.attempts === 1 ? '' : 's'}` : '';
  const spent = `${(timing.elapsedMs / 1000).toFixed(1)} s${attempts}`;
  const at = host ? ` at ${shown(host)}` : '';
  if (!state.signed && settings.credentialSource) {
    return new Failure(
      'QueryTimedOut',
      `Getting credentials (${settings.credentialSource}) did not finish within ${limit}: waited ${spent}. Check that the credential service is reachable from the app builder's server.`,
      { ...timing, waitedFor: 'credentials' },
    );
  }
  // Blamed on the pool when most of the time since the request reached it went to waiting for a
  // connection: the time before (signing, a busy process) is neither the pool's nor the server's.
  if (!streaming && state.pooledAt !== undefined && poolWaitMs(state) * 2 >= Date.now() - state.pooledAt) {
    return new Failure(
      'QueryTimedOut',
      `No free connection to the server${at} within ${limit}: all ${settings.maxSockets} connections of this data source were busy with other requests for ${spent}. Try again when they finish, or raise request_timeout.`,
      { ...timing, waitedFor: 'a free connection' },
    );
  }
  return new Failure(
    'QueryTimedOut',
    streaming
      ? `The transfer from the server${at} did not finish within ${limit}: it was still sending after ${spent}. Raise request_timeout for large or slow transfers.`
      : `No answer from the server${at} within ${limit}: waited ${spent}. Check that the endpoint is an S3 service that is up.`,
    { ...timing, waitedFor: streaming ? 'the rest of the body' : 'the server' },
  );
}

/**
 * Gives every request of the client its deadline: one timer, which settles the query itself (so
 * a credential provider that never answers cannot hold it), destroys the attempt still out, and
 * marks the request so that no later attempt is sent.
 */
export function applyRequestDeadlines(
  client: S3Client,
  settings: DeadlineSettings,
  hostOf: () => string | undefined,
): void {
  timeSocketWaits(settings.agents);
  const send = client.send.bind(client) as (command: unknown, options?: object) => Promise<Record<string, unknown>>;
  const limitMs = settings.requestTimeoutSeconds * 1000;
  (client as { send: unknown }).send = (command: unknown, options?: object) => {
    const started = Date.now();
    const state = trackRequest(command as object);
    return new Promise((resolve, reject) => {
      let body: Readable | undefined;
      let settled = false;
      const timer = setTimeout(() => {
        if (body) state.answered = true;
        const failure = timedOut(settings, { elapsedMs: Date.now() - started }, hostOf(), state);
        state.expired = true;
        // The body streams after the call returned: cut it off; otherwise the query fails now
        // and the attempt still out is let go.
        if (body) body.destroy(failure);
        else {
          if (state.sent && !state.sent.destroyed) state.sent.destroy(deadlinePassed());
          if (!settled) reject(failure);
        }
        settled = true;
      }, limitMs);
      send(command, options).then(
        (output) => {
          // Too late: the query has failed at its deadline; what came is let go.
          if (settled) return (output?.Body as Readable | undefined)?.destroy?.();
          settled = true;
          if (output?.Body instanceof Readable) {
            // The deadline goes on until the body ends.
            body = output.Body;
            body.once('close', () => clearTimeout(timer));
          } else clearTimeout(timer);
          resolve(output);
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (error && typeof error === 'object')
            Object.defineProperty(error, TIMING, {
              value: { elapsedMs: Date.now() - started, attempts: attemptsOf(error) },
            });
          reject(recordFailedRequest(error, state));
        },
      );
    });
  };
}
