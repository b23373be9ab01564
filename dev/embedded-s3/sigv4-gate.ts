/**
 * A SigV4 check in front of s3rver, which accepts any signature. Every request must be signed
 * with a known key pair, in the Authorization header or as a presigned URL, and is refused as
 * S3 refuses it otherwise: a wrong secret gets SignatureDoesNotMatch, an unknown key
 * InvalidAccessKeyId, an unsigned request AccessDenied, a stale one RequestTimeTooSkewed, an old
 * presigned URL "Request has expired" and one dated over 15 minutes ahead "Request is not yet
 * valid", a browser form upload whose policy does not hold what S3 refuses (post-policy.ts; the
 * form is read as it streams, form-upload.ts), and a body that does not match its signed SHA-256
 * XAmzContentSHA256Mismatch (its last bytes are held back, so s3rver never stores it). Only CORS
 * preflights pass unsigned, as in S3. Before any of that, a cross-site browser request or one
 * addressed to another host name is refused (request-origin.ts): the keys are public. The
 * canonical request and the signing key come from @smithy/signature-v4, the SDK's own signer;
 * what is checked here is which parts go into it.
 */
import {
  ALGORITHM_IDENTIFIER,
  createScope,
  getSigningKey,
  SignatureV4Base,
  UNSIGNED_PAYLOAD,
} from '@smithy/signature-v4';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ReadableStream } from 'node:stream/web';
import { receiveFormUpload } from './form-upload.js';
import { credentialScope, fail, GateFailure, isLongDate, secretOf } from './gate-checks.js';
import { crossSiteFailure } from './request-origin.js';
import { Sha256 } from './sha256.js';

export { Sha256 };

/** S3 refuses header-signed requests more than 15 minutes off its clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;
/** The longest a presigned URL may be valid (7 days). */
const MAX_PRESIGN_SECONDS = 604800;

/** The SDK's canonical request and string to sign, for a request that arrived instead of one being sent. */
class SignatureCheck extends SignatureV4Base {
  constructor() {
    // Credentials and region come per request; S3 signs the path exactly as sent.
    super({
      service: 's3',
      region: 'us-east-1',
      credentials: { accessKeyId: '', secretAccessKey: '' },
      sha256: Sha256,
      uriEscapePath: false,
    });
  }

  async stringToSign(
    request: { method: string; path: string; query: Record<string, string | string[]> },
    headers: Record<string, string>,
    payloadHash: string,
    longDate: string,
    scope: string,
  ): Promise<string> {
    // The canonical request reads only method, path and query of the request.
    const canonical = this.createCanonicalRequest(request as never, headers, payloadHash);
    return this.createStringToSign(longDate, scope, canonical, ALGORITHM_IDENTIFIER);
  }
}

interface Signed {
  accessKeyId: string;
  shortDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  longDate: string;
  /** Seconds a presigned URL is valid; undefined for a header-signed request. */
  expires?: number;
}

/** Query parameters as S3 reads them: percent-decoded, `+` kept as a plus sign. */
export function parseQuery(raw: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of raw ? raw.split('&') : []) {
    if (!pair) continue;
    const [name, value = ''] = pair.split(/=(.*)/s, 2).map((part) => decodeURIComponent(part));
    const previous = query[name];
    query[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return query;
}

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

function readSignature(req: http.IncomingMessage, query: Record<string, string | string[]>): Signed | GateFailure {
  const authorization = req.headers.authorization;
  let credential: string;
  let signedHeaders: string;
  let signature: string;
  let longDate: string;
  let expires: number | undefined;
  if (authorization?.startsWith(`${ALGORITHM_IDENTIFIER} `)) {
    const match = /Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(authorization);
    if (!match) return fail(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed.');
    [, credential, signedHeaders, signature] = match;
    longDate = String(req.headers['x-amz-date'] ?? '');
  } else if (single(query['X-Amz-Algorithm']) === ALGORITHM_IDENTIFIER) {
    credential = single(query['X-Amz-Credential']) ?? '';
    signedHeaders = single(query['X-Amz-SignedHeaders']) ?? '';
    signature = single(query['X-Amz-Signature']) ?? '';
    longDate = single(query['X-Amz-Date']) ?? '';
    expires = Number(single(query['X-Amz-Expires']));
    if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGN_SECONDS)
      return fail(
        400,
        'AuthorizationQueryParametersError',
        'X-Amz-Expires must be a whole number of seconds from 1 to 604800.',
      );
  } else if (authorization) {
    return fail(
      400,
      'InvalidRequest',
      `The authorization mechanism you have provided is not supported. Please use ${ALGORITHM_IDENTIFIER}.`,
    );
  } else {
    return fail(403, 'AccessDenied', 'Access Denied');
  }
  if (!isLongDate(longDate))
    return fail(403, 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  const scope = credentialScope(credential, longDate);
  if (!scope) return fail(400, 'AuthorizationHeaderMalformed', `The credential '${credential}' is malformed.`);
  return {
    ...scope,
    signedHeaders: signedHeaders.split(';'),
    signature,
    longDate,
    expires,
  };
}

const dateOf = (longDate: string): number =>
  Date.parse(longDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));

export interface Verified {
  /** The SHA-256 the body must have, or undefined when it is not signed (UNSIGNED-PAYLOAD, streaming). */
  bodySha256?: string;
}

/** Checks a request's SigV4 signature against the secret of its access key. */
export async function verifyRequest(
  req: http.IncomingMessage,
  secrets: Record<string, string>,
  now = Date.now(),
): Promise<Verified | GateFailure> {
  const [path, rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s, 2);
  let query: Record<string, string | string[]>;
  try {
    query = parseQuery(rawQuery);
  } catch {
    return fail(400, 'InvalidArgument', 'The query string is not valid percent-encoding.');
  }
  const signed = readSignature(req, query);
  if ('code' in signed) return signed;
  const secretAccessKey = secretOf(secrets, signed.accessKeyId);
  if (typeof secretAccessKey !== 'string') return secretAccessKey;
  const signedAt = dateOf(signed.longDate);
  if (signed.expires === undefined && Math.abs(now - signedAt) > MAX_SKEW_MS)
    return fail(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
    );
  // S3 takes a presigned URL dated up to 15 minutes ahead of its clock (clock skew), not more.
  if (signed.expires !== undefined && signedAt - now > MAX_SKEW_MS)
    return fail(403, 'AccessDenied', 'Request is not yet valid', {
      'X-Amz-Date': signed.longDate,
      Expires: new Date(signedAt + signed.expires * 1000).toISOString(),
      ServerTime: new Date(now).toISOString(),
    });
  if (signed.expires !== undefined && now > signedAt + signed.expires * 1000)
    return fail(403, 'AccessDenied', 'Request has expired', {
      Expires: new Date(signedAt + signed.expires * 1000).toISOString(),
    });
  if (!signed.signedHeaders.includes('host'))
    return fail(400, 'AuthorizationHeaderMalformed', "The signed headers must include 'host'.");

  const headers: Record<string, string> = {};
  for (const name of signed.signedHeaders) {
    const value = req.headers[name];
    headers[name] = (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ');
  }
  const declared =
    signed.expires === undefined ? req.headers['x-amz-content-sha256'] : single(query['X-Amz-Content-Sha256']);
  if (signed.expires === undefined && typeof declared !== 'string')
    return fail(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  // Presigned URLs sign UNSIGNED-PAYLOAD whatever the query says (the body is not known when signing).
  const payloadHash = signed.expires === undefined ? String(declared) : UNSIGNED_PAYLOAD;
  const queryForSignature = { ...query };
  delete queryForSignature['X-Amz-Signature'];
  const stringToSign = await new SignatureCheck().stringToSign(
    { method: req.method ?? 'GET', path, query: queryForSignature },
    headers,
    payloadHash,
    signed.longDate,
    createScope(signed.shortDate, signed.region, signed.service),
  );
  const key = await getSigningKey(
    Sha256,
    { accessKeyId: signed.accessKeyId, secretAccessKey },
    signed.shortDate,
    signed.region,
    signed.service,
  );
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  const provided = Buffer.from(signed.signature, 'hex');
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected))
    return fail(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      {
        AWSAccessKeyId: signed.accessKeyId,
        StringToSign: stringToSign,
      },
    );
  return { bodySha256: /^[0-9a-f]{64}$/.test(payloadHash) ? payloadHash : undefined };
}

const escapeXml = (text: string): string =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string,
  );

/** An S3 error document. */
export function s3ErrorXml(
  code: string,
  message: string,
  requestId: string,
  extra: Record<string, string> = {},
): string {
  const fields = Object.entries(extra)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>${fields}<RequestId>${requestId}</RequestId></Error>`;
}

/**
 * Answers with an S3 error document and closes the connection, unless `keepReading`: a form
 * refused while its body is still arriving is answered at once, and the connection stays open
 * while Node reads and drops the rest, so the browser still sending it gets the answer, not a reset.
 */
function sendFailure(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  failure: GateFailure,
  { keepReading = false } = {},
): void {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const body = req.method === 'HEAD' ? '' : s3ErrorXml(failure.code, failure.message, requestId, failure.extra);
  res.writeHead(failure.status, {
    'content-type': 'application/xml',
    'x-amz-request-id': requestId,
    // S3 applies the bucket's CORS rule to errors too; the embedded buckets allow any origin.
    ...(req.headers.origin
      ? { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-amz-request-id' }
      : {}),
    ...(keepReading ? {} : { connection: 'close' }),
  });
  res.end(body);
}

/** POST Object from an HTML form: multipart to a bucket's URL, signed by its policy instead of SigV4. */
function isFormUpload(req: http.IncomingMessage): boolean {
  const [path, query = ''] = (req.url ?? '/').split('?');
  return (
    req.method === 'POST' &&
    /^\/[^/]+\/?$/.test(path) &&
    !query &&
    !req.headers.authorization &&
    /^multipart\/form-data/i.test(String(req.headers['content-type'] ?? ''))
  );
}

/** The TCP connections clients opened to the check: accepted since it started, and still open. */
export interface ConnectionCount {
  accepted: number;
  open: number;
}

export interface SigV4Gate {
  port: number;
  connections(): ConnectionCount;
  close(): Promise<void>;
}

/** Form fields that sign the upload or name where it goes: the gate has checked them, s3rver is told only the key. */
const CHECKED_FIELDS = /^(policy|x-amz-(algorithm|credential|date|signature|security-token)|bucket|key)$/i;

/** Listens on 127.0.0.1 and forwards verified requests to the server at `upstreamPort`. */
export async function startSigV4Gate(options: {
  upstreamPort: number;
  secrets: Record<string, string>;
  port?: number;
  /** Page origins, besides this machine's, whose browser requests are taken (see request-origin.ts). */
  allowedOrigins?: readonly string[];
}): Promise<SigV4Gate> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  // Form uploads wait here, checked, until they go to s3rver whole.
  const spoolDirectory = mkdtempSync(path.join(tmpdir(), 's3-gate-forms-'));
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) sendFailure(req, res, fail(500, 'InternalError', error.message));
      else res.destroy();
    });
  });

  const toUpstream = (req: http.IncomingMessage, res: http.ServerResponse, headers: http.OutgoingHttpHeaders) => {
    const upstream = http.request({
      host: '127.0.0.1',
      port: options.upstreamPort,
      method: req.method,
      path: req.url,
      headers,
      agent,
    });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      if (!res.headersSent) sendFailure(req, res, fail(502, 'InternalError', error.message));
      else res.destroy();
    });
    return upstream;
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const crossSite = crossSiteFailure(req, (server.address() as AddressInfo).port, options.allowedOrigins);
    if (crossSite) {
      req.resume();
      return sendFailure(req, res, crossSite);
    }
    if (isFormUpload(req)) return handleFormUpload(req, res);
    const verdict: Verified | GateFailure = req.method === 'OPTIONS' ? {} : await verifyRequest(req, options.secrets);
    if ('code' in verdict) {
      req.resume();
      return sendFailure(req, res, verdict);
    }
    const upstream = toUpstream(req, res, req.headers);
    forwardBody(req, upstream, verdict.bodySha256, () => {
      upstream.destroy();
      sendFailure(
        req,
        res,
        fail(
          400,
          'XAmzContentSHA256Mismatch',
          "The provided 'x-amz-content-sha256' header does not match what was computed.",
        ),
      );
    });
  }

  /** A browser form upload: checked as it streams in (form-upload.ts), then sent to s3rver under its key. */
  async function handleFormUpload(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const bucket = decodeURIComponent((req.url ?? '/').split('?')[0].replace(/^\/|\/$/g, ''));
    const upload = await receiveFormUpload(req, bucket, options.secrets, spoolDirectory);
    if ('code' in upload) return sendFailure(req, res, upload, { keepReading: true });
    try {
      const forwarded = new FormData();
      for (const [name, value] of upload.fields) if (!CHECKED_FIELDS.test(name)) forwarded.append(name, value);
      forwarded.append('key', upload.key);
      const file = await openAsBlob(upload.file.spoolPath, { type: upload.file.type });
      forwarded.append('file', file as Blob, upload.file.name || 'file');
      const encoded = new Response(forwarded);
      // The file streams from the spool file; its length is left to chunked encoding.
      const { 'content-length': _length, ...headers } = req.headers;
      const upstream = toUpstream(req, res, { ...headers, 'content-type': encoded.headers.get('content-type') ?? '' });
      await pipeline(Readable.fromWeb(encoded.body as ReadableStream<Uint8Array>), upstream).catch(() => undefined);
    } finally {
      await rm(upload.file.spoolPath, { force: true });
    }
  }

  // Idle connections stay open 30 s (Node's default is 5 s), so a test can count a client's socket.
  server.keepAliveTimeout = 30_000;
  // Counted so tests can tell whether a client kept its keep-alive socket or opened a new one.
  const count: ConnectionCount = { accepted: 0, open: 0 };
  server.on('connection', (socket) => {
    count.accepted += 1;
    count.open += 1;
    socket.once('close', () => (count.open -= 1));
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => ({ ...count }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => {
          rmSync(spoolDirectory, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

/**
 * Streams the body upstream. When its SHA-256 was signed, the last chunk waits until the hash
 * is known, so a body that does not match never reaches its end upstream and is not stored.
 */
function forwardBody(
  req: http.IncomingMessage,
  upstream: http.ClientRequest,
  sha256: string | undefined,
  onMismatch: () => void,
): void {
  if (!sha256) {
    req.pipe(upstream);
    return;
  }
  const hash = createHash('sha256');
  let held: Buffer | undefined;
  req.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    if (held && !upstream.write(held)) {
      req.pause();
      upstream.once('drain', () => req.resume());
    }
    held = chunk;
  });
  req.on('end', () => {
    if (hash.digest('hex') !== sha256) return onMismatch();
    upstream.end(held);
  });
}
