/**
 * The S3 server a service suite runs against. Each service suite runs twice, as two jest
 * projects: on s3rver (started for the suite) and on Ceph RGW (one cluster per test run, started
 * by the project's global setup; the suite gets a user of its own tenant, so bucket names are its
 * own). What the two servers do differently is in SERVER_DIFFERENCES, and nowhere else.
 */
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { rawClient } from '../../dev/bench/raw-client.js';
import { createUser, RgwAddress } from '../../dev/ceph-rgw/server.js';
import { embeddedDataSource, EmbeddedS3Server, startEmbeddedS3 } from '../../dev/embedded-s3/server.js';
import { pluginLoader } from './plugin-under-test.js';

export type ServerKind = 's3rver' | 'rgw';

/**
 * The web page the CORS suites send browser requests from: an app builder's page. The embedded
 * server takes browser requests only from pages on this machine and from the origins it is told.
 */
export const APP_PAGE_ORIGIN = 'https://apps.example.com';

export interface ServerDifferences {
  name: string;
  /** What `Range: bytes=-N` (the last N bytes) returns: s3rver serves bytes 0..N instead. */
  suffixRange: 'last bytes' | 'from the start';
  /** Whether CopyObject finds a source whose key has `+`, `&` or `=` (s3rver decodes `+` in the copy source as a space). */
  copiesKeysWithPlusSigns: boolean;
  /** CopyObject's ETag as the server sends it (the plugin quotes it). */
  copyEtag: 'quoted' | 'unquoted';
  /** CompleteMultipartUpload's ETag as the server sends it (the plugin reads it back when empty). */
  multipartEtag: 'quoted' | 'empty';
  /** A multipart object's ETag: S3's MD5 of the parts' MD5s with `-<parts>`, or (s3rver) the whole object's MD5. */
  multipartEtagStyle: 'parts' | 'whole object';
  /** Whether error responses carry a request id (x-amz-request-id). */
  requestIds: boolean;
  /** A folder holding only deeper folders (`deep/` of `deep/a/b.txt`) in a delimited listing: s3rver leaves it out. */
  foldersOfFolders: 'listed' | 'missing';
  /** The code a browser form upload signed with a wrong secret gets: S3's (the SigV4 check's), or RGW's AccessDenied. */
  wrongFormSignature: 'SignatureDoesNotMatch' | 'AccessDenied';
  /**
   * A form upload's Content-Disposition field: stored with the object, as S3 stores it, or (RGW 16, which stores only
   * Content-Type and metadata from a form) checked against the policy but not stored.
   */
  formContentDisposition: 'stored' | 'ignored';
  /** Whether ListParts, ListMultipartUploads and AbortMultipartUpload work (s3rver answers 405, 501 and 405). */
  managesUploads: boolean;
  /** Whether completing checks each part's ETag (s3rver takes any). */
  checksPartEtags: boolean;
  /** The code for an upload that was aborted (S3: NoSuchUpload; RGW: NoSuchKey). */
  goneUploadCode: 'NoSuchUpload' | 'NoSuchKey';
  /**
   * Object versions. s3rver has none: GetBucketVersioning and PutBucketVersioning answer
   * NotImplemented, ListObjectVersions MethodNotAllowed, and `versionId` on reads, copies and
   * deletes is ignored (the current object is served, copied or deleted; the plugin refuses that
   * answer as VersionIdIgnored).
   */
  versioning: 'supported' | 'none';
  /** Access-Control-Allow-Origin of an allowed CORS preflight: the page's origin, or (s3rver) `*` whatever the rule. */
  corsAllowOrigin: 'the origin' | '*';
  /**
   * Object tags: S3 and RGW keep the tags of an upload's x-amz-tagging header and delete them
   * (DeleteObjectTagging); s3rver reads and writes them (?tagging GET and PUT) but drops an
   * upload's header and answers DeleteObjectTagging NotImplemented.
   */
  objectTags: 'full' | 'no upload header, no delete';
  /**
   * If-None-Match: * and If-Match on writes: S3 checks them on PutObject and CompleteMultipartUpload
   * (412 PreconditionFailed, nothing written); RGW 16 checks them on PutObject only (a completion
   * writes whatever exists); s3rver ignores them and writes.
   */
  conditionalWrites: 'checked' | 'put only' | 'ignored';
  /**
   * How If-Match on PutObject takes an ETag: S3 as it sends it (quoted); RGW 16 only unquoted (the
   * quoted ETag of the version it holds is 412, so the plugin retries unquoted once the object
   * still has that ETag); s3rver ignores the header.
   */
  ifMatchEtag: 'quoted' | 'unquoted only' | 'ignored';
  /** Bucket lifecycle configuration: RGW keeps it; s3rver answers every lifecycle request NotImplemented. */
  lifecycle: 'supported' | 'none';
}

export const SERVER_DIFFERENCES: Record<ServerKind, ServerDifferences> = {
  s3rver: {
    name: 's3rver 3.7.1 behind the SigV4 check',
    suffixRange: 'from the start',
    copiesKeysWithPlusSigns: false,
    copyEtag: 'quoted',
    multipartEtag: 'quoted',
    multipartEtagStyle: 'whole object',
    requestIds: false,
    foldersOfFolders: 'missing',
    wrongFormSignature: 'SignatureDoesNotMatch',
    formContentDisposition: 'stored',
    managesUploads: false,
    checksPartEtags: false,
    goneUploadCode: 'NoSuchUpload',
    versioning: 'none',
    corsAllowOrigin: '*',
    objectTags: 'no upload header, no delete',
    conditionalWrites: 'ignored',
    ifMatchEtag: 'ignored',
    lifecycle: 'none',
  },
  rgw: {
    name: 'Ceph RGW 16.2',
    suffixRange: 'last bytes',
    copiesKeysWithPlusSigns: true,
    copyEtag: 'unquoted',
    multipartEtag: 'empty',
    multipartEtagStyle: 'parts',
    requestIds: true,
    foldersOfFolders: 'listed',
    wrongFormSignature: 'AccessDenied',
    formContentDisposition: 'ignored',
    managesUploads: true,
    checksPartEtags: true,
    goneUploadCode: 'NoSuchKey',
    versioning: 'supported',
    corsAllowOrigin: 'the origin',
    objectTags: 'full',
    conditionalWrites: 'put only',
    ifMatchEtag: 'unquoted only',
    lifecycle: 'supported',
  },
};

/** The ETag a server gives a multipart object, for the MD5s of its parts. */
export function multipartEtag(differences: ServerDifferences, parts: Buffer[]): string {
  const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest();
  if (differences.multipartEtagStyle === 'whole object') return `"${md5(Buffer.concat(parts)).toString('hex')}"`;
  return `"${md5(Buffer.concat(parts.map(md5))).toString('hex')}-${parts.length}"`;
}

export interface S3Server {
  kind: ServerKind;
  differences: ServerDifferences;
  endpoint(): string;
  /** Data source options for this suite's user, as the connection modal saves them. */
  sourceOptions(overrides?: Record<string, unknown>): Record<string, unknown>;
  /** A plain SDK client with the same user, for what the test arranges or inspects behind the plugin. */
  raw(): S3Client;
  /** The bucket as an unsigned request (a browser's CORS preflight) names it: RGW prefixes the suite's tenant. */
  unsignedBucketPath(bucket: string): string;
}

/** Set by the jest project (`globals`): which server this run of the service suites uses. */
export function serverKind(): ServerKind {
  const kind = (globalThis as { S3_TEST_SERVER?: string }).S3_TEST_SERVER;
  if (kind !== 's3rver' && kind !== 'rgw')
    throw new Error('service suites run in the service projects (S3_TEST_SERVER)');
  return kind;
}

/** The RGW the global setup started, from the environment it published it in. */
export function rgwAddress(): RgwAddress {
  const published = process.env.CEPH_RGW;
  if (!published)
    throw new Error('Ceph RGW is not running: the service (Ceph RGW) project starts it in its global setup');
  return JSON.parse(published) as RgwAddress;
}

export interface SuiteOptions {
  /**
   * On RGW, a user in the shared namespace instead of a tenant of its own (bucket names must then
   * be unique across suites: see sharedBucketName): RGW resolves a browser form upload's bucket in
   * the default tenant.
   */
  sharedNamespace?: boolean;
}

/**
 * A bucket name for a suite in the shared namespace. Both RGW projects (the plugin, and the
 * marketplace bundle in the vm sandbox) run the suite on one RGW, so each gets its own name.
 */
export function sharedBucketName(name: string): string {
  return pluginLoader() === 'direct' ? name : `${name}-vm-sandbox`;
}

/** Starts (s3rver) or joins (RGW) the server for the enclosing suite, with these buckets. */
export function useS3Server(buckets: string[], suite: SuiteOptions = {}): S3Server {
  const kind = serverKind();
  let embedded: EmbeddedS3Server | undefined;
  let source: Record<string, unknown> | undefined;
  let raw: S3Client | undefined;
  let tenant: string | undefined;

  beforeAll(async () => {
    if (kind === 's3rver') {
      embedded = await startEmbeddedS3({ buckets, allowedOrigins: [APP_PAGE_ORIGIN] });
      source = embeddedDataSource(embedded.endpoint);
    } else {
      const rgw = rgwAddress();
      tenant = suite.sharedNamespace ? undefined : `t${randomBytes(6).toString('hex')}`;
      const keys = await createUser(rgw.directory, tenant);
      source = embeddedDataSource(rgw.endpoint, { access_key: keys.accessKey, secret_key: keys.secretKey });
    }
    raw = rawClient(source);
    if (kind === 'rgw') for (const Bucket of buckets) await raw.send(new CreateBucketCommand({ Bucket }));
  }, 60_000);

  afterAll(async () => {
    raw?.destroy();
    await embedded?.stop();
  });

  const started = (): Record<string, unknown> => {
    if (!source) throw new Error('the S3 server is not started yet (use it inside tests or hooks)');
    return source;
  };
  return {
    kind,
    differences: SERVER_DIFFERENCES[kind],
    endpoint: () => started().endpoint as string,
    sourceOptions: (overrides = {}) => ({ ...started(), ...overrides }),
    raw: () => {
      if (!raw) throw new Error('the S3 server is not started yet');
      return raw;
    },
    unsignedBucketPath: (bucket) => (tenant ? `${tenant}:${bucket}` : bucket),
  };
}
