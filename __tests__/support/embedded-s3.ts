import { embeddedDataSource, EmbeddedS3Server, startEmbeddedS3 } from '../../dev/embedded-s3/server.js';

export interface S3Fixture {
  server(): EmbeddedS3Server;
  /** Data source options pointing at the embedded server, as the connection modal saves them. */
  sourceOptions(overrides?: Record<string, unknown>): Record<string, unknown>;
}

/** Starts a real S3-compatible server on 127.0.0.1 for the enclosing test file. */
export function useEmbeddedS3(buckets: string[]): S3Fixture {
  let server: EmbeddedS3Server | undefined;
  beforeAll(async () => {
    server = await startEmbeddedS3({ buckets });
  });
  afterAll(async () => {
    await server?.stop();
  });
  const running = (): EmbeddedS3Server => {
    if (!server) throw new Error('embedded S3 server not started');
    return server;
  };
  return {
    server: running,
    sourceOptions: (overrides = {}) => embeddedDataSource(running().endpoint, overrides),
  };
}
