/**
 * `npm start`'s script (scripts/start.mjs): builds, saying what and how long, starts the embedded S3
 * server and the playground, saying each step (issue 21: 14 s passed with no output), prints the URL,
 * serves the seeded demo bucket, and Ctrl-C (SIGINT) stops both processes cleanly.
 */
import { readProjectJson } from '../../dev/project-root.js';
import { runDevCommand } from '../support/dev-command.js';

jest.setTimeout(120_000);

it('builds and starts saying each step, serves the demo bucket, and stops both servers on Ctrl-C', async () => {
  expect(readProjectJson('package.json').scripts.start).toBe('node scripts/start.mjs');
  const start = runDevCommand(['scripts/start.mjs']);
  // The build (incremental after `npm test`'s) and the start.
  const playgroundUrl = (await start.waitFor(/S3 plugin playground: (http:\S+)/, 80_000))?.[1];
  const s3Endpoint = /Embedded S3 server: (http:\S+)/.exec(start.output())?.[1];
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

  start.child.kill('SIGINT');
  expect(await start.exited).toBe(0);
  expect(start.errors()).toBe('');
  expect(start.output()).not.toMatch(/does not exist|NoSuchKey|NodeVersionSupportWarning/);
  expect(start.output().trim().split('\n').filter(Boolean)).toEqual([
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
