/**
 * `node .dev-build/dev/bench/client-cost.js [root ...]`: what the plugin adds to a warm query,
 * measured where nothing else hides it. A minimal HTTP server (a child process answering every
 * request at once with fixed bytes) stands in for S3, so a request's time is nearly all client
 * work; each row interleaves 100 rounds of 10 plugin queries and 10 raw SDK calls and reports the
 * median of the rounds' ratios, in time and in processor time. With two or more cores the bench
 * process and the server are pinned to different ones (taskset), so neither steals the other's.
 * Pass checkouts' roots (each built with `npm run build:dev`) to measure their plugins instead,
 * in the same rounds against the same raw client: a before/after in one process.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { execFileSync, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { interleaveAgainst } from './stats.js';
import { rawClient } from './raw-client.js';
import { WARM_QUERIES } from './warm-queries.js';
import { embeddedDataSource } from '../embedded-s3/server.js';

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

/** The query service of a checkout's dev build. */
function serviceOf(
  root: string,
): new () => { run(source: object, options: object, id: string, at: string): Promise<unknown> } {
  const load = createRequire(path.join(root, 'package.json'));
  return load(path.join(root, '.dev-build', 'lib', 'index.js')).default;
}

async function main(): Promise<void> {
  const roots = process.argv.slice(2).map((root) => path.resolve(root));
  if (roots.length === 0) roots.push(path.resolve(__dirname, '..', '..', '..'));
  const server = fork(path.join(__dirname, 'minimal-s3.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => server.once('message', (message) => resolve(Number(message))));
  pin(process.pid, 0);
  if (server.pid) pin(server.pid, 1);
  try {
    const source = embeddedDataSource(`http://127.0.0.1:${port}`);
    const raw = rawClient(source);
    const plugins = roots.map((root) => new (serviceOf(root))());
    const queries = (options: Record<string, unknown>): Run[] =>
      plugins.map((plugin) => () => plugin.run(source, options, 'client-cost', '1'));
    const rows: Array<[string, Run[], Run]> = [
      ...WARM_QUERIES.map((warm): [string, Run[], Run] => [warm.label, queries(warm.query), () => warm.raw(raw)]),
      [
        'signed URL (`signed_url_for_get`)',
        queries({ operation: 'signed_url_for_get', bucket: 'bench', key: 'signed.txt', expiresIn: '600' }),
        () => getSignedUrl(raw, new GetObjectCommand({ Bucket: 'bench', Key: 'signed.txt' }), { expiresIn: 600 }),
      ],
    ];
    const columns = roots.map((root) => `time (${root}) | processor time`);
    console.log(`| warm query, plugin ÷ raw SDK | ${columns.join(' | ')} |`);
    console.log(`| --- |${' ---: | ---: |'.repeat(roots.length)}`);
    for (const [label, pluginRuns, rawRun] of rows) {
      const { arms } = await interleaveAgainst(ROUNDS, BATCH, pluginRuns, rawRun, WARM_UPS);
      const cells = arms.map((arm) => `${arm.ratio.toFixed(3)}× | ${arm.cpuRatio.toFixed(3)}×`);
      console.log(`| ${label} | ${cells.join(' | ')} |`);
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
