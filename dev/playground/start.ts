/**
 * `npm start` (after scripts/start.mjs has built it): the playground on 127.0.0.1 with the
 * embedded S3 server, or with Ceph RGW given `--rgw` (`npm run start:rgw`); Ctrl-C stops both.
 */
import path from 'node:path';
import { projectRoot } from '../project-root.js';
import { stopOnSignals } from '../stop-on-signals.js';
import { quietTerminal } from '../terminal.js';
import { startStack } from './stack.js';

const say = quietTerminal();

async function main(): Promise<void> {
  const root = projectRoot();
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new Error(`PORT must be a port number (got '${process.env.PORT}')`);
  const stack = await startStack({
    port,
    dataDirectory: path.join(root, '.playground-data', 's3'),
    server: process.argv.includes('--rgw') ? 'rgw' : 'embedded',
    progress: say,
  });

  if (!stack.s3) say('Using the S3 named by PLAYGROUND_* variables');
  else if (stack.s3.kind === 'rgw')
    say(`Ceph RGW: ${stack.s3.endpoint} (data in memory until you stop; bucket 'demo-bucket', versioned)`);
  else
    say(
      `Embedded S3 server: ${stack.s3.endpoint} (checks signatures; data in .playground-data/s3, bucket 'demo-bucket')`,
    );
  say(`\n  S3 plugin playground: ${stack.url}\n\n  Press Ctrl-C to stop.`);

  stopOnSignals(() => stack.close(), { stopping: () => say('\nStopping…') });
}

main().catch((error) => {
  process.stderr.write(`Could not start the playground: ${(error as Error).message}\n`);
  process.exit(1);
});
