/**
 * Embedded S3-compatible server for tests, the demo and benchmarks.
 *
 * Why s3rver 3.7.1: it answers every request the current AWS SDK v3 sends (bucket-level
 * calls included), checks that the access key id exists (InvalidAccessKeyId is real) and
 * stores objects byte-exact on disk. Its one quirk is that list continuation tokens are
 * made with a cipher that OpenSSL 3 only offers through the legacy provider, so the server
 * runs in its own Node process started with `--openssl-legacy-provider`. That workaround
 * lives here and nowhere else. s3rver does not verify signatures, so it sits behind a SigV4
 * check (sigv4-gate.ts) that refuses a wrong secret as S3 does, and cross-site browser requests
 * (request-origin.ts); the endpoint is the check's. s3rver stores keys as file paths: its store
 * refuses any name that would leave the data folder or exceed a file name (store-guard.js).
 *
 * (@20minutes/s3rver 4.0.4 verifies signatures but rejects bucket-level requests signed by
 * the current SDK, so it cannot run list_objects at all.)
 */
import { fork, ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConnectionCount, startSigV4Gate } from './sigv4-gate.js';

/** The access key pair s3rver accepts; not a secret. */
export const EMBEDDED_ACCESS_KEY = 'S3RVER';
export const EMBEDDED_SECRET_KEY = 'S3RVER';

/**
 * What s3rver lacks, by feature: the playground says so on its page, `npm run demo` beside those
 * results, and the browser test checks that exactly these operations fail on it.
 */
export const EMBEDDED_LACKS: ReadonlyArray<{ feature: string; operations: readonly string[]; note: string }> = [
  {
    feature: 'object versions',
    operations: ['list_object_versions', 'restore_object_version', 'get_bucket_versioning', 'put_bucket_versioning'],
    note: 'it keeps one version of each object and ignores a versionId',
  },
  {
    feature: 'multipart upload management',
    operations: ['abort_multipart_upload', 'list_upload_parts', 'list_multipart_uploads'],
    note: 'uploads start, take parts and complete, but cannot be listed or aborted',
  },
  {
    feature: 'deleting object tags',
    operations: ['delete_object_tagging'],
    note: 'tags are read and written (put_object_tagging with {} clears them), but not deleted',
  },
  {
    feature: 'lifecycle rules',
    operations: ['get_bucket_lifecycle', 'put_bucket_lifecycle', 'delete_bucket_lifecycle'],
    note: 'it answers every lifecycle request NotImplemented',
  },
];

/** Data source options for the embedded server, as the connection modal saves them. */
export function embeddedDataSource(endpoint: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    instance_metadata_credentials: 'iam_access_keys',
    access_key: EMBEDDED_ACCESS_KEY,
    secret_key: EMBEDDED_SECRET_KEY,
    region: 'us-east-1',
    endpoint_enabled: true,
    endpoint,
    ...overrides,
  };
}

export interface EmbeddedS3Options {
  /** Folder for the objects; a fresh temporary folder (removed on stop) when omitted. */
  directory?: string;
  /** Port on 127.0.0.1; 0 (any free port) when omitted. */
  port?: number;
  /** Buckets created at start. */
  buckets?: string[];
  /** CORS configuration XML applied to the buckets created at start. */
  corsXml?: string;
  /**
   * Check every request's signature (default). The benchmarks turn it off: the check runs in
   * the measuring process and would add its own time to both sides of every comparison.
   */
  verifySignatures?: boolean;
  /**
   * Web page origins whose browser requests are taken besides this machine's own pages
   * (http://127.0.0.1, localhost and [::1] on any port); any other Origin is refused.
   */
  allowedOrigins?: string[];
}

export interface EmbeddedS3Server {
  endpoint: string;
  port: number;
  directory: string;
  /** Whether a wrong secret is refused (the SigV4 check is in front). */
  verifiesSignatures: boolean;
  /** The connections clients opened, counted by the SigV4 check (none without it). */
  connections(): ConnectionCount;
  stop(): Promise<void>;
}

const CHILD_SOURCE = path.join(__dirname, 's3rver-child.js');

export async function startEmbeddedS3(options: EmbeddedS3Options = {}): Promise<EmbeddedS3Server> {
  const ownsDirectory = !options.directory;
  const verify = options.verifySignatures ?? true;
  const directory = options.directory ?? mkdtempSync(path.join(tmpdir(), 's3-plugin-data-'));
  const child = fork(CHILD_SOURCE, [], {
    execArgv: ['--openssl-legacy-provider'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000); // its end says why it stopped
  });

  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port?: number; error?: string }) => {
      if (message.port) resolve(message.port);
      else reject(new Error(`embedded S3 server failed to start: ${message.error}`));
    });
    child.once('exit', (code) => reject(new Error(`embedded S3 server exited (${code}): ${stderr}`)));
    child.send({
      s3rverPath: require.resolve('s3rver'),
      port: verify ? 0 : (options.port ?? 0),
      directory,
      buckets: options.buckets ?? [],
      corsXml: options.corsXml,
    });
  });

  let stopping = false;
  // A crash after start would otherwise show only as refused connections in whatever runs next.
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`embedded S3 server exited unexpectedly (${signal ?? code}): ${stderr}\n`);
  });
  const stopServer = () => {
    stopping = true;
    return stopChild(child, ownsDirectory ? directory : undefined);
  };
  if (!verify)
    return {
      endpoint: `http://127.0.0.1:${port}`,
      port,
      directory,
      verifiesSignatures: false,
      connections: () => ({ accepted: 0, open: 0 }),
      stop: stopServer,
    };
  const gate = await startSigV4Gate({
    upstreamPort: port,
    secrets: { [EMBEDDED_ACCESS_KEY]: EMBEDDED_SECRET_KEY },
    port: options.port,
    allowedOrigins: options.allowedOrigins,
  }).catch(async (error: Error) => {
    await stopServer();
    throw error;
  });
  return {
    endpoint: `http://127.0.0.1:${gate.port}`,
    port: gate.port,
    directory,
    verifiesSignatures: true,
    connections: gate.connections,
    stop: async () => {
      await gate.close();
      await stopServer();
    },
  };
}

function stopChild(child: ChildProcess, removeDirectory?: string): Promise<void> {
  return new Promise((resolve) => {
    const finish = (): void => {
      if (removeDirectory) rmSync(removeDirectory, { recursive: true, force: true });
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) return finish();
    child.once('exit', finish);
    child.kill('SIGTERM');
  });
}
