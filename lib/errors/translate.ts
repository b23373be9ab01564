/**
 * Turns every failure of a query (the plugin's own, the SDK's, the network's) into the app
 * builder's QueryError: the only place one is built. The message says what went wrong in the
 * user's terms; the details keep the S3 error code, HTTP status and request id. Nothing from
 * the request (headers, signatures, credentials) is copied, and secrets are redacted before the
 * QueryError exists (its constructor logs the description).
 */
import { QueryError } from '@tooljet-plugins/common';
import { failedRequestOf } from '../connection/failure-context.js';
import { requestTimingOf } from '../connection/request-deadline.js';
import { formatBytes } from '../format-bytes.js';
import type { OperationName } from '../operations/table.js';
import { Failure, FailureCode, Shown, shown, shownIfAny } from './failure.js';
import { redact } from './redaction.js';

/** Everything a message may say about the query, already as shown() writes it (cut, escaped). */
export interface ErrorContext {
  operation: OperationName | 'query' | 'test_connection' | 'get_connection';
  bucket?: Shown;
  key?: Shown;
  /** The object version the query named (get, head, remove, restore). */
  versionId?: Shown;
  /** Host the client talks to, for network errors. */
  host?: Shown;
  region?: Shown;
  connectionTimeoutSeconds?: number;
  requestTimeoutSeconds?: number;
  /** Body size of the request that failed, when known. */
  sentBytes?: number;
}

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  Region?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string };
  $response?: { statusCode?: number; headers?: Record<string, string | undefined> };
  cause?: unknown;
}

type Describe = (ctx: ErrorContext, error: SdkError) => string;

const object = (ctx: ErrorContext): string => `'${ctx.key}' in bucket '${ctx.bucket}'`;
const bucket = (ctx: ErrorContext): string => (ctx.bucket ? `bucket '${ctx.bucket}'` : 'the requested resource');
const version = (ctx: ErrorContext): string => `The version '${ctx.versionId}' of the object ${object(ctx)}`;
const bucketRegion = (error: SdkError): string | undefined =>
  error.$response?.headers?.['x-amz-bucket-region'] ?? error.Region;

/** Operations that address a multipart upload by its UploadId. */
const UPLOAD_OPERATIONS = new Set([
  'signed_urls_for_parts',
  'complete_multipart_upload',
  'abort_multipart_upload',
  'list_upload_parts',
]);

const noSuchUpload: Describe = (ctx) =>
  `The multipart upload for ${object(ctx)} does not exist: it was completed or aborted, or the UploadId is for another key.`;

const S3_MESSAGES: Record<string, Describe> = {
  // Ceph's gateway answers NoSuchKey for an upload that is gone, and for a missing version (S3: NoSuchUpload, NoSuchVersion).
  NoSuchKey: (ctx, error) =>
    UPLOAD_OPERATIONS.has(ctx.operation)
      ? noSuchUpload(ctx, error)
      : ctx.versionId
        ? `${version(ctx)} does not exist (list the key's versions with list_object_versions).`
        : `The object '${ctx.key}' does not exist in bucket '${ctx.bucket}'.`,
  NotFound: (ctx) =>
    ctx.versionId
      ? `${version(ctx)} does not exist (list the key's versions with list_object_versions).`
      : ctx.key
        ? `The object '${ctx.key}' does not exist in bucket '${ctx.bucket}'.`
        : `${capital(bucket(ctx))} was not found.`,
  NoSuchBucket: (ctx) =>
    `The bucket '${ctx.bucket}' does not exist. Check the bucket name and the data source's endpoint.`,
  AccessDenied: (ctx) =>
    `Access denied to ${ctx.key ? `the object ${object(ctx)}` : bucket(ctx)} (${ctx.operation}). ` +
    'The credentials are valid but their IAM policy does not allow this action.',
  Forbidden: (ctx) =>
    `Access denied to ${ctx.key ? `the object ${object(ctx)}` : bucket(ctx)} (${ctx.operation}). ` +
    'The credentials are valid but their IAM policy does not allow this action.',
  InvalidAccessKeyId: () =>
    'The access key was not recognised by the server. Check the access key in the data source settings.',
  SignatureDoesNotMatch: () =>
    'The secret key does not match the access key (the request signature was rejected). Check the secret key in the data source settings.',
  InvalidToken: () => 'The session token is invalid. Update the temporary credentials in the data source settings.',
  ExpiredToken: () => 'The session token has expired. Update the temporary credentials in the data source settings.',
  RequestTimeTooSkewed: () => "The server's clock and this machine's clock differ by more than 15 minutes.",
  PermanentRedirect: (ctx, error) => wrongRegion(ctx, error),
  AuthorizationHeaderMalformed: (ctx, error) => wrongRegion(ctx, error),
  IllegalLocationConstraintException: (ctx, error) => wrongRegion(ctx, error),
  // AWS answers this for another account's bucket (yours in us-east-1 succeeds, elsewhere is BucketAlreadyOwnedByYou);
  // other S3-compatible servers answer it for any existing bucket, yours included.
  BucketAlreadyExists: (ctx) =>
    `The bucket '${ctx.bucket}' already exists: on AWS bucket names are global and another account has it; on other S3-compatible servers it may be yours (list_buckets shows yours). Choose another name, or use it if it is yours.`,
  BucketAlreadyOwnedByYou: (ctx) => `You already own the bucket '${ctx.bucket}'.`,
  InvalidBucketName: (ctx) =>
    `'${ctx.bucket}' is not a valid bucket name (3-63 lower-case letters, digits, dots and hyphens).`,
  EntityTooLarge: () => 'The upload is larger than the server accepts in a single request.',
  NoSuchUpload: noSuchUpload,
  InvalidPart: (ctx) =>
    `A part listed to complete the upload of ${object(ctx)} was not found, or its ETag is not the one its upload returned. List the upload's parts (list_upload_parts) and complete with those.`,
  InvalidPartOrder: () => 'The parts to complete an upload must be in ascending PartNumber order.',
  EntityTooSmall: () => 'A part of the upload is smaller than 5 MiB: every part but the last must be at least 5 MiB.',
  CredentialsProviderError: () =>
    'No AWS credentials were found on the app builder server (environment variables, shared config, container or instance metadata). Use IAM access keys instead, or give the server a role.',
  NoSuchVersion: (ctx) => `${version(ctx)} does not exist (list the key's versions with list_object_versions).`,
  // S3 answers 400 InvalidArgument to a version id it cannot read, and to any but 'null' on a bucket that never had versioning.
  InvalidArgument: (ctx, error) =>
    ctx.versionId
      ? `'${ctx.versionId}' is not a version id of the object ${object(ctx)}: use a VersionId from list_object_versions (a bucket that never had versioning has only the version 'null').`
      : fallbackMessage(ctx, 'InvalidArgument', error.$metadata?.httpStatusCode, error.message),
  // A delete marker has no content or metadata; elsewhere it means the server lacks the request.
  MethodNotAllowed: (ctx) =>
    ctx.versionId
      ? ctx.operation === 'restore_object_version'
        ? `${version(ctx)} is a delete marker, which cannot be restored: choose a version from the Versions of list_object_versions.`
        : `${version(ctx)} is a delete marker, which has no content or metadata. Removing it (remove_object with this versionId) makes the version before it current again if it is the newest.`
      : `The server does not allow ${ctx.operation} on ${bucket(ctx)} (MethodNotAllowed): this S3-compatible service may lack the feature.`,
  NotImplemented: (ctx) =>
    `The server does not implement ${ctx.operation} (NotImplemented): this S3-compatible service lacks the feature.`,
  NoSuchCORSConfiguration: (ctx) => `${capital(bucket(ctx))} has no CORS configuration.`,
  InvalidBucketState: (ctx, error) =>
    `${capital(bucket(ctx))} is not in a state that allows ${ctx.operation}${error.message ? `: ${shown(error.message)}` : '.'}`,
  SlowDown: () => 'The server asked to slow down (too many requests). Try again in a moment.',
  ServiceUnavailable: () => 'The S3 service is temporarily unavailable. Try again in a moment.',
  // Servers without full multipart support (s3rver) fail this way for an UploadId they do not know.
  InternalError: (ctx) =>
    UPLOAD_OPERATIONS.has(ctx.operation)
      ? `The server had an internal error on ${ctx.operation} for ${object(ctx)}. Check the UploadId: some S3-compatible servers answer an unknown or finished upload this way.`
      : 'The S3 service had an internal error. Try again in a moment.',
};

const NETWORK_MESSAGES: Record<string, Describe> = {
  ECONNREFUSED: (ctx) =>
    `Could not connect to ${ctx.host}: the connection was refused. Check the endpoint and that the server is running.`,
  ENOTFOUND: (ctx) =>
    `Could not resolve the host name ${ctx.host}. Check the endpoint (or region) for typing mistakes.`,
  EAI_AGAIN: (ctx) =>
    `Could not resolve the host name ${ctx.host} (DNS lookup failed). Check the endpoint and the network.`,
  ECONNRESET: (ctx) => `The connection to ${ctx.host} was closed unexpectedly before the response was complete.`,
  EPIPE: (ctx) => `The connection to ${ctx.host} was closed unexpectedly while sending the request.`,
  ETIMEDOUT: (ctx) => `The connection to ${ctx.host} timed out. Check the endpoint and firewall rules.`,
  EHOSTUNREACH: (ctx) => `The host ${ctx.host} is unreachable from this server.`,
  ENETUNREACH: (ctx) => `The network of ${ctx.host} is unreachable from this server.`,
  TimeoutError: (ctx, error) =>
    /establish a connection/.test(error.message ?? '')
      ? `Connecting to ${ctx.host} timed out (${ctx.connectionTimeoutSeconds} s each attempt, connection_timeout). Check the endpoint and firewall rules.`
      : `The request to ${ctx.host} timed out after ${ctx.requestTimeoutSeconds} s without an answer from the server.`,
  MalformedResponse: (ctx, error) =>
    `The server at ${ctx.host} sent a reply that is not a valid S3 response (${shown(error.message ?? '')}). Check that the endpoint points at an S3-compatible service.`,
  EBLOCKEDADDRESS: (ctx) =>
    `The endpoint host ${ctx.host} resolves to a cloud metadata or link-local address, which this plugin does not connect to.`,
  CERT_HAS_EXPIRED: (ctx) => `The TLS certificate of ${ctx.host} has expired.`,
  DEPTH_ZERO_SELF_SIGNED_CERT: (ctx) => `The TLS certificate of ${ctx.host} is self-signed and not trusted.`,
  SELF_SIGNED_CERT_IN_CHAIN: (ctx) => `The TLS certificate chain of ${ctx.host} is self-signed and not trusted.`,
  ERR_TLS_CERT_ALTNAME_INVALID: (ctx) => `The TLS certificate does not match the host name ${ctx.host}.`,
};

/** The plugin's own failures whose message names the operation, which only the query knows. */
const FAILURE_MESSAGES: Partial<Record<FailureCode, (ctx: ErrorContext, details: Record<string, unknown>) => string>> =
  {
    UnsupportedRequest: (ctx, details) =>
      `The server does not support ${ctx.operation}: it answered with a <${shown(String(details.root))}> document, S3's answer to another request. The endpoint is right (it answers as S3), but this S3-compatible server lacks the feature.`,
  };

/** Codes the SDK gives an error response whose body is not an S3 error document. */
const NOT_S3_CODES = new Set(['Unknown', 'UnknownError', 'MalformedResponse']);

/** The most of a server's code or text a failure's details keep (S3's are far shorter). */
const SERVER_TEXT = 2000;

const STATUS_HINTS: Record<number, string> = {
  401: 'a proxy in front of the S3 service may require its own login',
  403: 'a proxy or firewall in front of the S3 service may have refused the request',
  404: 'check that the endpoint is the S3 API address (not a web console or a website)',
  405: 'check that the endpoint is the S3 API address (not a web console or a website)',
  429: 'the server or a proxy in front of it is limiting the request rate; try again in a moment',
  502: 'a proxy or load balancer in front of the S3 service could not reach it',
  503: 'the S3 service or a proxy in front of it is unavailable; try again in a moment',
  504: 'a proxy or load balancer in front of the S3 service timed out waiting for it',
};

/** An HTTP error without an S3 error body: a proxy, a size limit, or not an S3 endpoint at all. */
function describeStatus(ctx: ErrorContext, status: number): string {
  if (status === 413) {
    const sent = ctx.sentBytes !== undefined ? ` This request carried ${formatBytes(ctx.sentBytes)}.` : '';
    return (
      `The server at ${ctx.host} refused the request as too large (HTTP 413).${sent} The server, or a proxy in front of it, ` +
      'limits the size of a request: raise that limit, or let the browser upload large files with a signed URL.'
    );
  }
  const hint = STATUS_HINTS[status] ?? 'check that the endpoint points at an S3-compatible service';
  return `The server at ${ctx.host} answered HTTP ${status} without an S3 error message: ${hint}.`;
}

function wrongRegion(ctx: ErrorContext, error: SdkError): string {
  const region = bucketRegion(error);
  const actual = region && shown(region);
  const where = ctx.bucket ? `The bucket '${ctx.bucket}'` : 'The bucket';
  return actual
    ? `${where} is in region '${actual}', but the data source uses '${ctx.region}'. Set the data source's region to '${actual}'.`
    : `${where} is not in the data source's region '${ctx.region}'. Set the data source's region to the bucket's region.`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A failure in the user's words, redacted: what a QueryError carries, or a per-key failure in a result. */
export interface Translated {
  message: string;
  description: string;
  data: Record<string, unknown>;
}

const redacted = (message: string, data: Record<string, unknown>, secrets: string[], description = message) => ({
  message: redact(message, secrets),
  description: redact(description, secrets),
  data: redact(data, secrets),
});

/** The one place a QueryError is made: message, description and data redacted first. */
export function toQueryError(thrown: unknown, operationCtx: ErrorContext, secrets: string[] = []): QueryError {
  if (thrown instanceof QueryError) return thrown;
  const { message, description, data } = translateFailure(thrown, operationCtx, secrets);
  return new QueryError(message, description, data);
}

/**
 * Any failure (the plugin's, the SDK's, the network's) as message, description and data, secrets
 * redacted. Unlike a QueryError, building one logs nothing, so a result may carry many.
 */
export function translateFailure(thrown: unknown, operationCtx: ErrorContext, secrets: string[] = []): Translated {
  if (thrown instanceof QueryError)
    return redacted(thrown.message, thrown.data, secrets, String(thrown.description ?? thrown.message));
  if (thrown instanceof Failure) {
    const message = FAILURE_MESSAGES[thrown.code]?.(operationCtx, thrown.details) ?? thrown.message;
    return redacted(message, { code: thrown.code, ...thrown.details }, secrets);
  }
  const error = serverTextOf((thrown ?? {}) as SdkError);
  const ctx = withFailedRequest(operationCtx, thrown);
  const httpStatus = error.$metadata?.httpStatusCode ?? error.$response?.statusCode;
  let networkCode = findNetworkCode(error, httpStatus !== undefined);
  let s3Code = networkCode ? undefined : (error.Code ?? error.name ?? error.code);
  // S3 answers a HEAD of a delete marker's version with a bare 405, of a bad version id with a bare 400.
  if (
    ctx.versionId &&
    !networkCode &&
    (httpStatus === 405 || httpStatus === 400) &&
    NOT_S3_CODES.has(s3Code ?? 'Unknown')
  )
    s3Code = httpStatus === 405 ? 'MethodNotAllowed' : 'InvalidArgument';
  // An error status whose body is no S3 error (or no XML at all) is described by its status.
  const byStatus =
    httpStatus !== undefined && httpStatus >= 400 && NOT_S3_CODES.has(networkCode ?? s3Code ?? 'Unknown');
  if (byStatus) {
    networkCode = undefined;
    s3Code = httpStatus === 413 ? 'RequestTooLarge' : `HTTP${httpStatus}`;
  }
  const describe = entryOf(NETWORK_MESSAGES, networkCode) ?? entryOf(S3_MESSAGES, s3Code);
  const timing = requestTimingOf(thrown);
  const described = byStatus
    ? describeStatus(ctx, httpStatus as number)
    : describe
      ? describe(ctx, error)
      : fallbackMessage(ctx, s3Code, httpStatus, error.message);
  // A network failure says how long it really took, over how many attempts.
  const message =
    networkCode && timing?.attempts && timing.attempts > 1
      ? `${described} (${timing.attempts} attempts over ${(timing.elapsedMs / 1000).toFixed(1)} s)`
      : described;
  const data: Record<string, unknown> = {
    code: shown(networkCode ?? s3Code ?? 'UnknownError', SERVER_TEXT),
    httpStatus,
    requestId: error.$metadata?.requestId ?? error.$response?.headers?.['x-amz-request-id'],
    extendedRequestId: error.$metadata?.extendedRequestId,
    operation: ctx.operation,
    bucket: ctx.bucket,
    key: ctx.key,
    versionId: ctx.versionId,
    host: networkCode || byStatus ? ctx.host : undefined,
    attempts: networkCode ? timing?.attempts : undefined,
    elapsedMs: networkCode ? timing?.elapsedMs : undefined,
    sentBytes: byStatus ? ctx.sentBytes : undefined,
    serverMessage: error.message && !NOT_S3_CODES.has(error.message) ? shown(error.message, SERVER_TEXT) : undefined,
  };
  const region = bucketRegion(error);
  if (region) data.bucketRegion = region;
  for (const field of Object.keys(data)) if (data[field] === undefined) delete data[field];
  const description = [
    message,
    `Code: ${shown(String(data.code))}`,
    httpStatus ? `HTTP ${httpStatus}` : '',
    data.requestId ? `Request id: ${shown(String(data.requestId))}` : '',
  ]
    .filter(Boolean)
    .join(' | ');
  return redacted(message, data, secrets, description);
}

/** The failing request's own host, bucket, key and size win over what the operation was about. */
function withFailedRequest(ctx: ErrorContext, thrown: unknown): ErrorContext {
  const failed = failedRequestOf(thrown);
  if (!failed) return ctx;
  return {
    ...ctx,
    host: shownIfAny(failed.host) ?? ctx.host,
    bucket: failed.bucket !== undefined ? shown(failed.bucket) : ctx.bucket,
    key: failed.bucket !== undefined ? shownIfAny(failed.key || undefined) : ctx.key,
    sentBytes: failed.bytes ?? ctx.sentBytes,
  };
}

function fallbackMessage(
  ctx: ErrorContext,
  code: string | undefined,
  status: number | undefined,
  text?: string,
): string {
  const target = ctx.key ? ` on ${object(ctx)}` : ctx.bucket ? ` on bucket '${ctx.bucket}'` : '';
  // The code and text are the server's: shown, like any value a message echoes.
  const serverText = text && text !== code && text !== 'UnknownError' ? `: ${shown(text)}` : '';
  const statusText = status
    ? ` (HTTP ${status}${code && code !== 'UnknownError' ? `, ${shown(code)}` : ''})`
    : code
      ? ` (${shown(code)})`
      : '';
  return `S3 ${ctx.operation} failed${target}${statusText}${serverText}`;
}

/** The SDK's own timeouts, by their text (its request timeout carries code ETIMEDOUT too). */
const SDK_TIMEOUT = /requestTimeout|timed out after|establish a connection/;

/**
 * Node's socket errors hide in `code`, sometimes under `cause`; the SDK adds TimeoutError by name.
 * Once the server `answered` with a status, nothing timed out and no socket failed: words such as
 * "socket hang up" or "establish a connection" in its message are the server's own.
 */
function findNetworkCode(error: SdkError, answered: boolean): string | undefined {
  let current: SdkError | undefined = error;
  for (let depth = 0; current && depth < 4; depth += 1) {
    if (!answered && SDK_TIMEOUT.test(current.message ?? '')) return 'TimeoutError';
    if (/XML parse error|Deserialization error|char '.' is not expected/i.test(current.message ?? ''))
      return 'MalformedResponse';
    // Before the name: the SDK also names a connection reset ("socket hang up") TimeoutError,
    // which came after 44 ms and was worded as a timeout of 60 s.
    if (entryOf(NETWORK_MESSAGES, current.code)) return current.code;
    if (!answered && current.name === 'TimeoutError') return 'TimeoutError';
    current = current.cause as SdkError | undefined;
  }
  // When an error crosses a realm (vm contexts, test runners) the SDK's retry layer wraps it
  // as text ("AWS SDK error wrapper for Error: connect ECONNREFUSED ..."), losing `code`. Read
  // word by word: a pattern for such a word backtracked quadratically on a server's long message.
  if (answered) return undefined;
  const text = (error.message ?? '').slice(0, SERVER_TEXT);
  // Node's words for a reset before the answer, which the wrapper keeps without its code.
  if (text.includes('socket hang up')) return 'ECONNRESET';
  return text.split(/[^A-Za-z0-9_]+/).find((word) => /^[A-Z_]+$/.test(word) && entryOf(NETWORK_MESSAGES, word));
}

/** The table's own entry for a code (a server's code may be `constructor` or `__proto__`). */
function entryOf<T>(table: Record<string, T>, code: string | undefined): T | undefined {
  return code !== undefined && Object.prototype.hasOwnProperty.call(table, code) ? table[code] : undefined;
}

/** The server's text of an error, as text: its error document may nest or repeat elements where S3 sends text. */
function serverTextOf(error: SdkError): SdkError {
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  return {
    name: text(error.name),
    message: text(error.message),
    code: text(error.code),
    Code: text(error.Code),
    Region: text(error.Region),
    $fault: error.$fault,
    $metadata: error.$metadata,
    $response: error.$response,
    cause: error.cause,
  };
}
