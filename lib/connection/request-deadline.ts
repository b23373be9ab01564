/**
 * One deadline per S3 request, all its attempts and its body together (request_timeout). The
 * SDK's own timeouts are per attempt and per silence: a server that never answers took three
 * attempts of 60 s, and one that trickles a byte a second held a query forever. Every request
 * the client sends gets an abort signal that fires at the deadline (the SDK stops retrying on
 * abort), an object body still streaming at the deadline is cut off, and the failure says how
 * long it really took, how many attempts there were, and whether the wait was for the server or
 * for a free connection of this data source's pool.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Agent, ClientRequest } from 'node:http';
import { Readable } from 'node:stream';
import { Failure, shown } from '../errors/failure.js';
import { carryFailedRequest, failedRequestOf } from './failure-context.js';

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

interface RequestState {
  /** The request was signed: its credentials were obtained. */
  signed: boolean;
  /** The server's answer has started (its headers arrived). */
  answered: boolean;
  /** Time spent queued for a socket behind this data source's busy connections, all attempts. */
  poolWaitMs: number;
  /** When the attempt now queued for a socket entered the pool's queue. */
  queuedSince?: number;
}

/** Per request, set from inside the SDK's stack. */
const answerState = new AsyncLocalStorage<RequestState>();

/** Set by the response middleware: false when an attempt starts, true when its response's headers arrive. */
export function markAnswered(answered: boolean): void {
  const state = answerState.getStore();
  if (state) state.answered = answered;
}

export function requestTimingOf(error: unknown): RequestTiming | undefined {
  return error && typeof error === 'object' ? (error as { [TIMING]?: RequestTiming })[TIMING] : undefined;
}

function attemptsOf(error: unknown): number | undefined {
  return (error as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts;
}

type RequestAdder = (request: ClientRequest, options: object) => void;

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
      const state = answerState.getStore();
      if (state) {
        state.queuedSince = Date.now();
        request.once('socket', () => {
          state.poolWaitMs += Date.now() - (state.queuedSince ?? Date.now());
          state.queuedSince = undefined;
        });
      }
      addRequest(request, options);
    };
  }
}

function poolWaitMs(state: RequestState): number {
  return state.poolWaitMs + (state.queuedSince === undefined ? 0 : Date.now() - state.queuedSince);
}

function timedOut(
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
  // Blamed on the pool when most of the time went to waiting for a connection.
  if (!streaming && poolWaitMs(state) * 2 >= timing.elapsedMs) {
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

/** Gives every request of the client its deadline. */
export function applyRequestDeadlines(
  client: S3Client,
  settings: DeadlineSettings,
  hostOf: () => string | undefined,
): void {
  timeSocketWaits(settings.agents);
  // Just inside signing: credentials were obtained (a role assumed, metadata read).
  client.middlewareStack.addRelativeTo(
    ((next: (args: unknown) => Promise<unknown>) => (args: unknown) => {
      const state = answerState.getStore();
      if (state) state.signed = true;
      return next(args);
    }) as never,
    { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'deadlineSigned' },
  );
  const send = client.send.bind(client) as (command: unknown, options?: object) => Promise<Record<string, unknown>>;
  const limitMs = settings.requestTimeoutSeconds * 1000;
  (client as { send: unknown }).send = async (command: unknown, options: object = {}) => {
    const started = Date.now();
    const controller = new AbortController();
    const state: RequestState = { signed: false, answered: false, poolWaitMs: 0 };
    let body: Readable | undefined;
    let expired = false;
    let expire: (failure: Failure) => void = () => undefined;
    // Settles at the deadline even when the SDK's promise never does (a body cut off mid-parse,
    // a credential provider that never answers, a long parse of a huge answer).
    const deadline = new Promise<never>((_, reject) => (expire = reject));
    deadline.catch(() => undefined);
    const timer = setTimeout(() => {
      expired = true;
      if (body) state.answered = true;
      const failure = timedOut(settings, { elapsedMs: Date.now() - started }, hostOf(), state);
      controller.abort();
      body?.destroy(failure);
      expire(failure);
    }, limitMs);
    try {
      const sending = answerState.run(state, () => send(command, { ...options, abortSignal: controller.signal }));
      sending.catch(() => undefined);
      const output = await Promise.race([sending, deadline]);
      if (expired) throw new Error('deadline');
      if (output?.Body instanceof Readable) {
        // The body streams after the call returns: the deadline goes on until it ends.
        body = output.Body;
        body.once('close', () => clearTimeout(timer));
      } else clearTimeout(timer);
      return output;
    } catch (error) {
      clearTimeout(timer);
      const timing = { elapsedMs: Date.now() - started, attempts: attemptsOf(error) };
      if (expired)
        throw carryFailedRequest(error, timedOut(settings, timing, failedRequestOf(error)?.host ?? hostOf(), state));
      if (error && typeof error === 'object') Object.defineProperty(error, TIMING, { value: timing });
      throw error;
    }
  };
}
