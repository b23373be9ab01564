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
import { Agent } from 'node:http';
import { Readable } from 'node:stream';
import { Failure } from '../errors/failure.js';
import { carryFailedRequest, failedRequestOf } from './failure-context.js';

export interface DeadlineSettings {
  requestTimeoutSeconds: number;
  /** The client's connection pools, to tell "no free connection" from "no answer". */
  agents: Agent[];
  maxSockets: number;
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

/** True when some request of this client is queued for a socket (every connection of the pool is busy). */
function poolExhausted(agents: Agent[]): boolean {
  return agents.some((agent) => Object.values(agent.requests).some((queued) => (queued?.length ?? 0) > 0));
}

function timedOut(
  settings: DeadlineSettings,
  timing: RequestTiming,
  host: string | undefined,
  streaming: boolean,
): Failure {
  const limit = `${settings.requestTimeoutSeconds} s (request_timeout)`;
  const attempts = timing.attempts ? ` over ${timing.attempts} attempt${timing.attempts === 1 ? '' : 's'}` : '';
  const spent = `${(timing.elapsedMs / 1000).toFixed(1)} s${attempts}`;
  const at = host ? ` at ${host}` : '';
  if (!streaming && poolExhausted(settings.agents)) {
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
  const send = client.send.bind(client) as (command: unknown, options?: object) => Promise<Record<string, unknown>>;
  const limitMs = settings.requestTimeoutSeconds * 1000;
  (client as { send: unknown }).send = async (command: unknown, options: object = {}) => {
    const started = Date.now();
    const controller = new AbortController();
    let body: Readable | undefined;
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      controller.abort();
      body?.destroy(timedOut(settings, { elapsedMs: Date.now() - started }, hostOf(), true));
    }, limitMs);
    try {
      const output = await send(command, { ...options, abortSignal: controller.signal });
      if (output?.Body instanceof Readable && !expired) {
        // The body streams after the call returns: the deadline goes on until it ends.
        body = output.Body;
        body.once('close', () => clearTimeout(timer));
      } else clearTimeout(timer);
      return output;
    } catch (error) {
      clearTimeout(timer);
      const timing = { elapsedMs: Date.now() - started, attempts: attemptsOf(error) };
      if (expired)
        throw carryFailedRequest(error, timedOut(settings, timing, failedRequestOf(error)?.host ?? hostOf(), false));
      if (error && typeof error === 'object') Object.defineProperty(error, TIMING, { value: timing });
      throw error;
    }
  };
}
