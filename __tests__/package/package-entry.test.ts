/**
 * The built package entry (package.json "main") required in a plain Node process: its default
 * export is the query service and runs against a real server. (In this repository the local
 * common package must be built too; `npm test` and the dev scripts do it with build:common.)
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readProjectJson } from '../../dev/project-root.js';
import { useEmbeddedS3 } from '../support/embedded-s3.js';
import { runHost } from '../support/node-host.js';

const s3 = useEmbeddedS3(['entry-bucket']);
const entry = path.join(__dirname, '..', '..', readProjectJson('package.json').main);

it('exports the query service as the default export of the built entry', async () => {
  expect(existsSync(entry)).toBe(true); // built by `npm test` or `npm run build`
  const report = await runHost('package-entry-host.mjs', [entry, JSON.stringify(s3.sourceOptions()), 'entry-bucket']);
  expect(report.testConnection).toEqual({ status: 'ok' });
  expect(report.readBackExact).toBe(true);
  expect(report.failure).toMatchObject({ constructorName: 'QueryError', code: 'NoSuchKey' });
});
