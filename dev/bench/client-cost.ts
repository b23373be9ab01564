/**
 * `node .dev-build/dev/bench/client-cost.js [project root]`: what the plugin adds to a warm query,
 * measured where nothing else hides it. A minimal HTTP server (a child process answering every
 * request at once with fixed bytes) stands in for S3, so a request's time is nearly all client
 * work; each row interleaves 100 rounds of 10 plugin queries and 10 raw SDK calls and reports the
 * median of the rounds' ratios, in time and in processor time. With two or more cores the bench
 * process and the server are pinned to different ones (taskset), so neither steals the other's.
 * Pass another checkout's root (built with `npm run build:dev`) to measure its code the same way.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { execFileSync, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { interleave } from './stats.js';

const ROUNDS = 100;
const BATCH = 10;
/** 30 samples of 10 a side before measuring: JIT tiers settle later than in the bench's rows. */
const WARM_UPS = 30;

type Run = () => Promise<unknown>;

/** Pins a process to one core; skipped where taskset is missing or there is one core. */
function pin(pid: number, core: number): void {
  if (os.cpus().length < 2) return;
  try {
    execFileSync('taskset', ['-acp', String(core), String(pid)], { stdio: 'ignore' });
  } catch {
    // Unpinned, the ratios only get noisier.
  }
}

async function main(): Promise<void> {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', '..'));
  const load = createRequire(path.join(root, 'package.json'));
  const built = (file: string) => load(path.join(root, '.dev-build', file));
  const { default: S3QueryService } = built('lib/index.js');
  const { rawClient } = built('dev/bench/raw-client.js');
  const { WARM_QUERIES } = built('dev/bench/warm-queries.js');
  const { embeddedDataSource } = built('dev/embedded-s3/server.js');

  const server = fork(path.join(__dirname, 'minimal-s3.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => server.once('message', (message) => resolve(Number(message))));
  pin(process.pid, 0);
  if (server.pid) pin(server.pid, 1);
  try {
    const source = embeddedDataSource(`http://127.0.0.1:${port}`);
    const raw = rawClient(source);
    const plugin = new S3QueryService();
    const query = (options: Record<string, unknown>) => () => plugin.run(source, options, 'client-cost', '1');
    const rows: Array<[string, Run, Run]> = [
      ...(
        WARM_QUERIES as Array<{
          label: string;
          query: Record<string, unknown>;
          raw: (client: unknown) => Promise<unknown>;
        }>
      ).map((warm): [string, Run, Run] => [warm.label, query(warm.query), () => warm.raw(raw)]),
      [
        'signed URL (`signed_url_for_get`)',
        query({ operation: 'signed_url_for_get', bucket: 'bench', key: 'signed.txt', expiresIn: '600' }),
        () => getSignedUrl(raw, new GetObjectCommand({ Bucket: 'bench', Key: 'signed.txt' }), { expiresIn: 600 }),
      ],
    ];
    console.log(`| warm query, plugin ÷ raw SDK (${root}) | time | processor time |\n| --- | ---: | ---: |`);
    for (const [label, pluginRun, rawRun] of rows) {
      const { ratio, cpuRatio } = await interleave(ROUNDS, BATCH, pluginRun, rawRun, WARM_UPS);
      console.log(`| ${label} | ${ratio.toFixed(3)}× | ${cpuRatio.toFixed(3)}× |`);
    }
    raw.destroy();
  } finally {
    server.kill();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
