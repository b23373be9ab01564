/**
 * What `npm start` runs: the embedded S3 server seeded with a demo bucket (unless the
 * environment points at a real S3 or MinIO) and the playground server in front of the plugin.
 */
import S3QueryService from '../../lib/index.js';
import {
  EMBEDDED_ACCESS_KEY,
  EMBEDDED_SECRET_KEY,
  embeddedDataSource,
  EmbeddedS3Server,
  startEmbeddedS3,
} from '../embedded-s3/server.js';
import { DEMO_BUCKET, demoObjects } from './demo-content.js';
import { PlaygroundAbout, startPlayground } from './server.js';

export interface StackOptions {
  port?: number;
  /** Folder of the embedded server's objects. */
  dataDirectory: string;
  env?: NodeJS.ProcessEnv;
}

export interface Stack {
  url: string;
  /** The embedded server, or undefined when the environment names another S3. */
  s3?: EmbeddedS3Server;
  close(): Promise<void>;
}

// Lets a page on any local port upload to the embedded bucket with a signed PUT URL.
const CORS_XML = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>`;

export async function startStack(options: StackOptions): Promise<Stack> {
  const env = options.env ?? process.env;
  const external = Boolean(env.PLAYGROUND_ENDPOINT || env.PLAYGROUND_ACCESS_KEY || env.PLAYGROUND_AUTH);
  let s3: EmbeddedS3Server | undefined;
  let connectionDefaults: Record<string, unknown>;
  let about: PlaygroundAbout;

  if (external) {
    connectionDefaults = {
      instance_metadata_credentials: env.PLAYGROUND_AUTH ?? 'iam_access_keys',
      access_key: env.PLAYGROUND_ACCESS_KEY ?? '',
      secret_key: '',
      region: env.PLAYGROUND_REGION ?? 'us-east-1',
      endpoint_enabled: Boolean(env.PLAYGROUND_ENDPOINT),
      endpoint: env.PLAYGROUND_ENDPOINT ?? '',
    };
    about = {
      server: env.PLAYGROUND_ENDPOINT
        ? `The S3-compatible service at ${env.PLAYGROUND_ENDPOINT} (from PLAYGROUND_ENDPOINT)`
        : 'AWS S3, with the credentials from the PLAYGROUND_* variables',
      queryDefaults: { operation: 'list_buckets' },
    };
  } else {
    s3 = await startEmbeddedS3({ directory: options.dataDirectory, buckets: [DEMO_BUCKET], corsXml: CORS_XML });
    connectionDefaults = embeddedDataSource(s3.endpoint, { test_bucket: '' });
    await seed(connectionDefaults);
    about = {
      server: `The embedded S3 server at ${s3.endpoint}: s3rver 3.7.1 behind a SigV4 check, so a wrong secret is refused as S3 refuses it`,
      keys: { accessKey: EMBEDDED_ACCESS_KEY, secretKey: EMBEDDED_SECRET_KEY },
      bucket: { name: DEMO_BUCKET, keys: demoObjects().map((object) => object.key) },
      queryDefaults: { operation: 'list_objects', bucket: DEMO_BUCKET, delimiter: '/' },
    };
  }

  try {
    const playground = await startPlayground({
      port: options.port,
      connectionDefaults,
      serverSecretKey: env.PLAYGROUND_SECRET_KEY,
      about,
    });
    return {
      url: playground.url,
      s3,
      close: async () => {
        await playground.close();
        await s3?.stop();
      },
    };
  } catch (error) {
    await s3?.stop();
    throw error;
  }
}

/** Seeds the demo bucket through the plugin itself. */
async function seed(sourceOptions: Record<string, unknown>): Promise<void> {
  const plugin = new S3QueryService();
  for (const object of demoObjects()) {
    await plugin.run(sourceOptions, { operation: 'upload_object', bucket: DEMO_BUCKET, ...object }, 'playground-seed');
  }
}
