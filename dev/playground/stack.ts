/**
 * What `npm start` runs: an S3 server seeded with a demo bucket and the playground server in front
 * of the plugin. The S3 server is the embedded s3rver (behind its SigV4 check), Ceph RGW
 * (`npm run start:rgw`: versions, multipart listings and CORS are real there), or, when the
 * environment names one, a real S3 or MinIO, which is neither started nor seeded.
 */
import S3QueryService from '../../lib/index.js';
import { RgwServer, startRgw } from '../ceph-rgw/server.js';
import {
  EMBEDDED_ACCESS_KEY,
  EMBEDDED_LACKS,
  EMBEDDED_SECRET_KEY,
  embeddedDataSource,
  EmbeddedS3Server,
  startEmbeddedS3,
} from '../embedded-s3/server.js';
import { DEMO_BUCKET, demoObjects } from './demo-content.js';
import { PlaygroundAbout, startPlayground } from './server.js';

export interface StackOptions {
  port?: number;
  /** Folder of the embedded server's objects (Ceph RGW keeps its own in memory). */
  dataDirectory: string;
  /** The S3 server to start: the embedded s3rver (default) or Ceph RGW. */
  server?: 'embedded' | 'rgw';
  env?: NodeJS.ProcessEnv;
  /** Told each step as it starts (starting a server, seeding): `npm start` prints them. */
  progress?: (step: string) => void;
}

export interface Stack {
  url: string;
  /** The S3 server started for the playground, or undefined when the environment names another S3. */
  s3?: { endpoint: string; kind: 'embedded' | 'rgw' };
  close(): Promise<void>;
}

// Lets a page on any local port upload to the embedded bucket with a signed PUT URL or form.
const CORS_XML = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>`;

interface Started {
  connectionDefaults: Record<string, unknown>;
  serverSecretKey?: string;
  about: PlaygroundAbout;
  s3?: Stack['s3'];
  stop(): Promise<void>;
}

const demoBucketAbout = (): NonNullable<PlaygroundAbout['bucket']> => ({
  name: DEMO_BUCKET,
  keys: demoObjects().map((object) => object.key),
});
const LIST_DEMO_BUCKET = { operation: 'list_objects', bucket: DEMO_BUCKET, delimiter: '/' };

async function startEmbedded(options: StackOptions, progress: (step: string) => void): Promise<Started> {
  progress('Starting the embedded S3 server (s3rver 3.7.1 behind a SigV4 check)…');
  const s3: EmbeddedS3Server = await startEmbeddedS3({
    directory: options.dataDirectory,
    buckets: [DEMO_BUCKET],
    corsXml: CORS_XML,
  });
  return orStop(
    () => s3.stop(),
    async () => {
      const connectionDefaults = embeddedDataSource(s3.endpoint, { test_bucket: '' });
      progress(`Seeding ${DEMO_BUCKET} through the plugin (${demoObjects().length} objects)…`);
      await seed(runner(connectionDefaults));
      return {
        connectionDefaults,
        about: {
          server: `The embedded S3 server at ${s3.endpoint}: s3rver 3.7.1 behind a SigV4 check, so a wrong secret is refused as S3 refuses it`,
          keys: { accessKey: EMBEDDED_ACCESS_KEY, secretKey: EMBEDDED_SECRET_KEY },
          bucket: demoBucketAbout(),
          lacks: EMBEDDED_LACKS,
          queryDefaults: LIST_DEMO_BUCKET,
        },
        s3: { endpoint: s3.endpoint, kind: 'embedded' },
        stop: () => s3.stop(),
      };
    },
  );
}

async function startCephRgw(progress: (step: string) => void): Promise<Started> {
  progress('Starting Ceph RGW (a monitor, an OSD in memory and the gateway; about 15 s)…');
  const rgw: RgwServer = await startRgw();
  return orStop(
    () => rgw.stop(),
    async () => {
      // The secret stays on the playground server; the page gets the access key only.
      const connectionDefaults = embeddedDataSource(rgw.endpoint, {
        access_key: rgw.accessKey,
        secret_key: '',
        test_bucket: '',
      });
      const source = { ...connectionDefaults, secret_key: rgw.secretKey };
      progress(`Creating ${DEMO_BUCKET} with versioning and a CORS rule, seeding it through the plugin…`);
      const run = runner(source);
      await run({ operation: 'create_bucket', bucket: DEMO_BUCKET });
      await run({ operation: 'put_bucket_versioning', bucket: DEMO_BUCKET, status: 'Enabled' });
      await run({ operation: 'put_bucket_cors', bucket: DEMO_BUCKET, preset: 'browser-uploads', allowedOrigins: '*' });
      // An older readme first, so list_object_versions has a history to show.
      await run({ operation: 'upload_object', bucket: DEMO_BUCKET, key: 'readme.txt', data: 'An older readme.\n' });
      await seed(run);
      return {
        connectionDefaults,
        serverSecretKey: rgw.secretKey,
        about: {
          server: `Ceph RGW 16.2 at ${rgw.endpoint}, started for this playground: it checks every signature, and object versions (readme.txt has two), multipart listings and CORS are real. Its data lives in memory and is gone when the playground stops.`,
          bucket: demoBucketAbout(),
          queryDefaults: LIST_DEMO_BUCKET,
        },
        s3: { endpoint: rgw.endpoint, kind: 'rgw' },
        stop: () => rgw.stop(),
      };
    },
  );
}

function externalS3(env: NodeJS.ProcessEnv): Started {
  return {
    connectionDefaults: {
      instance_metadata_credentials: env.PLAYGROUND_AUTH ?? 'iam_access_keys',
      access_key: env.PLAYGROUND_ACCESS_KEY ?? '',
      secret_key: '',
      region: env.PLAYGROUND_REGION ?? 'us-east-1',
      endpoint_enabled: Boolean(env.PLAYGROUND_ENDPOINT),
      endpoint: env.PLAYGROUND_ENDPOINT ?? '',
    },
    serverSecretKey: env.PLAYGROUND_SECRET_KEY,
    about: {
      server: env.PLAYGROUND_ENDPOINT
        ? `The S3-compatible service at ${env.PLAYGROUND_ENDPOINT} (from PLAYGROUND_ENDPOINT)`
        : 'AWS S3, with the credentials from the PLAYGROUND_* variables',
      queryDefaults: { operation: 'list_buckets' },
    },
    stop: async () => undefined,
  };
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const env = options.env ?? process.env;
  const progress = options.progress ?? (() => undefined);
  const external = Boolean(env.PLAYGROUND_ENDPOINT || env.PLAYGROUND_ACCESS_KEY || env.PLAYGROUND_AUTH);
  const started = external
    ? externalS3(env)
    : options.server === 'rgw'
      ? await startCephRgw(progress)
      : await startEmbedded(options, progress);
  return orStop(
    () => started.stop(),
    async () => {
      const playground = await startPlayground({
        port: options.port,
        connectionDefaults: started.connectionDefaults,
        serverSecretKey: started.serverSecretKey,
        about: started.about,
      });
      return {
        url: playground.url,
        s3: started.s3,
        close: async () => {
          await playground.close();
          await started.stop();
        },
      };
    },
  );
}

/** `then`'s result; when it fails, the server just started is stopped first, never left running. */
async function orStop<T>(stop: () => Promise<void>, then: () => Promise<T>): Promise<T> {
  try {
    return await then();
  } catch (error) {
    await stop();
    throw error;
  }
}

type Run = (query: Record<string, unknown>) => Promise<unknown>;

/** Queries through the plugin itself, on `sourceOptions`. */
function runner(sourceOptions: Record<string, unknown>): Run {
  const plugin = new S3QueryService();
  return (query) => plugin.run(sourceOptions, query, 'playground-seed');
}

/** Seeds the demo bucket with its objects. */
async function seed(run: Run): Promise<void> {
  for (const object of demoObjects()) await run({ operation: 'upload_object', bucket: DEMO_BUCKET, ...object });
}
