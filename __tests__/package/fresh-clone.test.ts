/**
 * Every documented command works from a fresh clone with only `npm ci` before it: this checkout's
 * HEAD cloned into a temporary folder, `npm ci` there (npm's cache makes it quick), then each
 * command of the README and docs/install.md, docs/development.md and docs/playground.md. Before
 * each one the clone is put back to "just cloned and installed" (`git clean`, node_modules kept),
 * so no command leans on what an earlier one built. The long-running ones are bounded: `npm start`
 * until the playground answers, then Ctrl-C; `npm run bench` in its quick mode on one measure,
 * which leaves BENCHMARKS.md as it is.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.join(__dirname, '..', '..');
let clone: string;

/** Runs a command in the clone; fails with its output. */
async function inClone(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, {
      cwd: clone,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return `${stdout}\n${stderr}`;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${`${stdout}\n${stderr}`.trim().slice(-6000)}`);
  }
}

/** The clone as `npm ci` left it: every ignored or untracked file but node_modules removed. */
const asInstalled = () => inClone('git', ['clean', '-fdxq', '-e', 'node_modules']);

beforeAll(async () => {
  clone = mkdtempSync(path.join(tmpdir(), 'fresh-clone-'));
  await promisify(execFile)('git', ['clone', '--quiet', root, clone]);
  await inClone('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
}, 300_000);

afterAll(() => clone && rmSync(clone, { recursive: true, force: true }));

beforeEach(asInstalled, 60_000);

it('npm run build:marketplace writes both bundles and the plugin files', async () => {
  await inClone('npm', ['run', 'build:marketplace']);
  for (const file of ['dist/index.js', 'dist/index.mjs', 'lib/manifest.json', 'lib/operations.json', 'lib/icon.svg'])
    expect(existsSync(path.join(clone, 'marketplace', file))).toBe(true);
}, 120_000);

it('npm pack builds the plugin and packs it', async () => {
  const output = await inClone('npm', ['pack', '--json', '--pack-destination', clone]);
  const [packed] = JSON.parse(output.slice(output.indexOf('['), output.lastIndexOf(']') + 1));
  expect(existsSync(path.join(clone, packed.filename))).toBe(true);
  expect(packed.files.map((file: { path: string }) => file.path)).toEqual(
    expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'lib/index.ts']),
  );
}, 120_000);

it('npm run build compiles the plugin to dist/', async () => {
  await inClone('npm', ['run', 'build']);
  for (const file of ['index.js', 'index.d.ts']) expect(existsSync(path.join(clone, 'dist', file))).toBe(true);
}, 120_000);

it('npm start opens the playground, and Ctrl-C stops it', async () => {
  // Its own process group, so Ctrl-C reaches npm and everything it started, as in a terminal.
  const child = spawn('npm', ['start'], { cwd: clone, env: { ...process.env, PORT: '0' }, detached: true });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(String(code ?? signal))));
  let url: string | undefined;
  try {
    const deadline = Date.now() + 90_000;
    while (!/S3 plugin playground: (http:\S+)/.test(output) && child.exitCode === null && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    url = /S3 plugin playground: (http:\S+)/.exec(output)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(url as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
  } finally {
    if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGINT');
  }
  // npm ends by the signal (as in a terminal); the playground stops cleanly and stops serving.
  expect(await exited).toMatch(/^(0|SIGINT)$/);
  expect(output).toMatch(/Stopping…/);
  await expect(fetch(url as string)).rejects.toThrow();
}, 120_000);

it('npm run bench runs end to end in its quick mode and leaves BENCHMARKS.md alone', async () => {
  const before = readFileSync(path.join(clone, 'BENCHMARKS.md'), 'utf8');
  const output = await inClone('npm', ['run', 'bench'], { BENCH_QUICK: '1', BENCH_ONLY: '7' });
  expect(output).toMatch(/\| 7\. Marketplace, vm sandbox \(newest releases\): .* \| \d+\.\d\d× \| ≤ 1\.30× \|/);
  expect(output).toMatch(/Smoke or partial run: BENCHMARKS\.md left unchanged\./);
  expect(readFileSync(path.join(clone, 'BENCHMARKS.md'), 'utf8')).toBe(before);
}, 180_000);

it('npm run demo runs every step against the embedded server', async () => {
  const output = await inClone('npm', ['run', 'demo']);
  expect(output).toMatch(/=== test connection ===\n\{\n {2}"status": "ok"/);
  // Every operation once (the demo test checks each in detail): the last one ran too.
  for (const operation of ['list_buckets', 'upload_object', 'get_object', 'delete_bucket_cors'])
    expect(output).toContain(`=== ${operation} ===`);
}, 120_000);
