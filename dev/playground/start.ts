/** `npm start`: the playground on 127.0.0.1, with the embedded S3 server; Ctrl-C stops both. */
import path from 'node:path';
import { projectRoot } from '../project-root.js';
import { startStack } from './stack.js';

// The terminal is for the playground's own lines: the AWS SDK's Node version notice and the app
// builder's QueryError (which logs every error's description, as the app builder's does) stay out.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const say = (line: string): void => void process.stdout.write(`${line}\n`);
console.log = () => undefined;

async function main(): Promise<void> {
  const root = projectRoot();
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new Error(`PORT must be a port number (got '${process.env.PORT}')`);
  const stack = await startStack({ port, dataDirectory: path.join(root, '.playground-data', 's3') });

  say(
    stack.s3
      ? `Embedded S3 server: ${stack.s3.endpoint} (checks signatures; data in .playground-data/s3, bucket 'demo-bucket')`
      : 'Using the S3 named by PLAYGROUND_* variables',
  );
  say(`\n  S3 plugin playground: ${stack.url}\n\n  Press Ctrl-C to stop.`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    say('\nStopping…');
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
