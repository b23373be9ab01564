/** Builds the one S3Client a data source uses. */
import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { applyRequestDeadlines } from './request-deadline.js';
import { addRequestSteps } from './request-steps.js';
import { ConnectionSettings } from './settings.js';
import { credentialSourceOf, credentialsFor } from './credentials.js';
import { assertEndpointAllowed, guardedLookup } from './endpoint-guard.js';

/** Sockets per data source; queries beyond this wait for a free socket instead of opening more. */
export const MAX_SOCKETS = 50;

/** Each client's middleware stack as the SDK built it (see presigningView). */
const sdkStacks = new WeakMap<S3Client, S3Client['middlewareStack']>();

/**
 * The client as the presigner should see it: its settings, with the SDK's own middleware only.
 * The plugin's middleware watches requests it sends, and a presigned URL is never sent by the
 * plugin, while getSignedUrl copies and sorts the whole stack for every URL.
 */
export function presigningView(client: S3Client): S3Client {
  const middlewareStack = sdkStacks.get(client);
  return middlewareStack ? ({ config: client.config, middlewareStack } as S3Client) : client;
}

/** Checks the endpoint (SSRF guard, DNS included) and builds the client; no request is sent. */
export async function createS3Client(settings: ConnectionSettings): Promise<S3Client> {
  if (settings.endpoint) await assertEndpointAllowed(settings.endpoint);
  return buildS3Client(settings);
}

function buildS3Client(settings: ConnectionSettings): S3Client {
  const agentOptions = {
    keepAlive: true,
    maxSockets: MAX_SOCKETS,
    ...(settings.endpoint ? { lookup: guardedLookup } : {}),
  };
  const agents = [new HttpAgent(agentOptions), new HttpsAgent(agentOptions)];
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: credentialsFor(settings),
    // Newer SDKs add CRC32 checksums to every request; many S3-compatible stores reject them,
    // and presigned PUT URLs would carry the checksum of an empty body.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // On AWS a bucket in another region is reached anyway instead of failing with a redirect.
    followRegionRedirects: settings.endpoint === undefined,
    retryMode: 'standard',
    maxAttempts: settings.maxAttempts,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: settings.connectionTimeoutSeconds * 1000,
      // No per-attempt timers: the request's deadline (request-deadline.ts) starts first, has the
      // same length and covers all attempts and the body, so they could never fire first, yet cost
      // every request timers and listeners. 0, not undefined: undefined lets the SDK add its own
      // default socket timeout. (Were one set, throwOnRequestTimeout would be needed: without it a
      // request timeout only logs a warning.)
      requestTimeout: 0,
      socketTimeout: 0,
      httpAgent: agents[0] as HttpAgent,
      httpsAgent: agents[1] as HttpsAgent,
    }),
  });
  // The plugin gives the SDK no logger, yet on every failure this middleware copies the whole input
  // through the schema's sensitive-data filter (tens of ms for 10,000 parts) for a logger that drops it.
  client.middlewareStack.remove('loggerMiddleware');
  sdkStacks.set(client, client.middlewareStack.clone());
  addRequestSteps(client);
  const host = settings.endpoint ? new URL(settings.endpoint).host : undefined;
  applyRequestDeadlines(
    client,
    {
      requestTimeoutSeconds: settings.requestTimeoutSeconds,
      agents,
      maxSockets: MAX_SOCKETS,
      credentialSource: credentialSourceOf(settings),
    },
    () => host,
  );
  return client;
}
