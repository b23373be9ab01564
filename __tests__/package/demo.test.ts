/**
 * `npm run demo`'s built entry: every operation of operations.json run once on the embedded S3
 * server, each with a heading and its result, or (only where s3rver lacks the feature) its error
 * message; nothing else on the terminal (no SDK notice, no logged error description).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { readProjectJson } from '../../dev/project-root.js';
import { EMBEDDED_LACKS } from '../../dev/embedded-s3/server.js';

const root = path.join(__dirname, '..', '..');

it('prints every operation’s result, refusals only for what s3rver lacks, and nothing else', async () => {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['.dev-build/dev/demo.js'], {
    cwd: root,
    timeout: 60_000,
  });
  expect(stderr).toBe('');
  const lines = stdout.split('\n');
  expect(lines[0]).toMatch(/^Embedded S3 server on http:\/\/127\.0\.0\.1:\d+, bucket 'demo-bucket' seeded/);
  expect(stdout).not.toMatch(/NodeVersionSupportWarning|\| Code: /);
  const operations = (readProjectJson('lib/operations.json').properties.operation.list as Array<{ value: string }>).map(
    (choice) => choice.value,
  );
  const sections = stdout.split(/\n=== /).slice(2); // the seeding line, then test connection
  const headed = sections.map((section) => section.split(/[ \n]/)[0]);
  expect([...headed].sort()).toEqual([...operations].sort());
  const refused = sections.filter((section) => /\nfailed: /.test(section)).map((section) => section.split(/[ \n]/)[0]);
  expect(refused.sort()).toEqual(EMBEDDED_LACKS.flatMap((gap) => gap.operations).sort());
  for (const section of sections.filter((text) => !/\nfailed: /.test(text)))
    expect(section).toMatch(/\n\{\n[\s\S]*\n\}\s*$/); // a result, as JSON
});
