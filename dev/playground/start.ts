/** `npm start`: the playground on 127.0.0.1, with the embedded S3 server; Ctrl-C stops both. */
import path from 'node:path';
import { projectRoot } from '../project-root.js';
import { startStack } from './stack.js';

async function main(): Promise<void> {
  const root = projectRoot();
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new Error(`PORT must be a port number (got '${process.env.PORT}')`);
  const stack = await startStack({ port, dataDirectory: path.join(root, '.playground-data', 's3') });

  console.log(
    stack.s3
      ? `Embedded S3 server: ${stack.s3.endpoint} (data in .playground-data/s3, bucket 'demo-bucket')`
      : 'Using the S3 named by PLAYGROUND_* variables',
  );
  console.log(`\n  S3 plugin playground: ${stack.url}\n\n  Press Ctrl-C to stop.`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    stack.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`Could not start the playground: ${(error as Error).message}`);
  process.exit(1);
});
