/**
 * `npm start`'s script (scripts/start.mjs): builds, saying what and how long, starts the embedded S3
 * server and the playground, saying each step (issue 21: 14 s passed with no output), prints the URL,
 * serves the seeded demo bucket, and Ctrl-C (SIGINT) stops both processes cleanly.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { readProjectJson } from '../../dev/project-root.js';

const root = path.join(__dirname, '..', '..');
const script = path.join(root, 'scripts', 'start.mjs');

jest.setTimeout(120_000);

it('builds and starts saying each step, serves the demo bucket, and stops both servers on Ctrl-C', async () => {
  expect(readProjectJson('package.json').scripts.start).toBe('node scripts/start.mjs');
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (errors += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const deadline = Date.now() + 80_000; // the build (incremental after `npm test`'s) and the start
  while (!/S3 plugin playground: (http:\S+)/.test(output) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  const playgroundUrl = /S3 plugin playground: (http:\S+)/.exec(output)?.[1];
  const s3Endpoint = /Embedded S3 server: (http:\S+)/.exec(output)?.[1];
  expect(playgroundUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  expect(s3Endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

  const forms = (await (await fetch(`${playgroundUrl}api/forms`)).json()) as {
    connectionDefaults: Record<string, unknown>;
  };
  const listed = await fetch(`${playgroundUrl}api/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sourceOptions: forms.connectionDefaults,
      queryOptions: { operation: 'list_objects', bucket: 'demo-bucket' },
    }),
  });
  const result = (await listed.json()) as { data: { Contents: Array<{ Key: string }> } };
  expect(result.data.Contents.map((item) => item.Key)).toEqual(
    expect.arrayContaining([
      'readme.txt',
      'data/report.json',
      'data/sales.csv',
      'images/logo.png',
      'reports/2026-q3-summary.txt',
    ]),
  );

  // A failing query leaves the terminal quiet: no error description, no SDK notice.
  const failed = await fetch(`${playgroundUrl}api/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sourceOptions: forms.connectionDefaults,
      queryOptions: { operation: 'get_object', bucket: 'demo-bucket', key: 'no/such/key.txt' },
    }),
  });
  expect(((await failed.json()) as { message: string }).message).toMatch(/does not exist/);

  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(errors).toBe('');
  expect(output).not.toMatch(/does not exist|NoSuchKey|NodeVersionSupportWarning/);
  expect(output.trim().split('\n').filter(Boolean)).toEqual([
    'Building the plugin and the playground (TypeScript: packages/common, lib/ and dev/)…',
    expect.stringMatching(/^Built in \d+\.\d s\.$/),
    'Starting the embedded S3 server (s3rver 3.7.1 behind a SigV4 check)…',
    'Seeding demo-bucket through the plugin (5 objects)…',
    expect.stringMatching(/^Embedded S3 server: http:\/\/127\.0\.0\.1:\d+ \(checks signatures/),
    expect.stringMatching(/^ {2}S3 plugin playground: http/),
    '  Press Ctrl-C to stop.',
    'Stopping…',
  ]);
  await expect(fetch(`${s3Endpoint}/`)).rejects.toThrow(); // the S3 server's process is gone too
  await expect(fetch(playgroundUrl as string)).rejects.toThrow();
});
