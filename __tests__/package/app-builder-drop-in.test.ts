/**
 * Drop-in: this package copied into a model of the app builder's plugin monorepo goes through
 * its build and production-image steps, and the server entry they produce loads as an ES module
 * and runs queries against a real S3 server. See support/app-builder-monorepo.ts for the model.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildMonorepo, clientEntryImports, Monorepo } from '../support/app-builder-monorepo.js';
import { useEmbeddedS3 } from '../support/embedded-s3.js';
import { runHost } from '../support/node-host.js';

const project = path.join(__dirname, '..', '..');
const s3 = useEmbeddedS3(['drop-in-bucket']);
let monorepo: Monorepo;

beforeAll(() => {
  monorepo = buildMonorepo(project, path.join(project, 'packages', 'common'));
}, 300_000);

afterAll(() => {
  if (monorepo) rmSync(monorepo.root, { recursive: true, force: true });
});

it('loads the generated ESM server entry from the pruned image and runs queries with it', async () => {
  const report = await runHost('server-entry-host.mjs', [
    monorepo.image,
    JSON.stringify(s3.sourceOptions()),
    'drop-in-bucket',
  ]);
  expect(report.testConnection).toEqual({ status: 'ok' });
  expect(report.upload).toMatchObject({ Key: 'drop-in/bytes.bin', ContentLength: 1024 });
  expect(report.upload.ETag).toMatch(/^"[0-9a-f]{32}"$/);
  expect(report.readBackExact).toBe(true);
  // The server recognises plugin errors by constructor name.
  expect(report.failure).toMatchObject({ constructorName: 'QueryError', code: 'NoSuchKey' });
  expect(report.failure.message).toMatch(/does not exist/);
}, 60_000);

it("resolves the client entry's manifest, operations and icon imports", () => {
  const imports = clientEntryImports(monorepo.root);
  expect(imports.map((file) => path.relative(monorepo.root, file))).toEqual([
    'packages/s3/lib/manifest.json',
    'packages/s3/lib/operations.json',
    'packages/s3/lib/icon.svg',
  ]);
  const [manifest, operations, icon] = imports.map((file) => readFileSync(file, 'utf8'));
  expect(JSON.parse(manifest).source.kind).toBe('s3');
  expect(Object.keys(JSON.parse(operations).properties.operation)).toContain('list');
  expect(icon).toMatch(/^<svg[\s>]/);
});

it("keeps operations.json as it is through the app builder's operations-file step", () => {
  const after = readFileSync(path.join(monorepo.root, 'packages', 's3', 'lib', 'operations.json'), 'utf8');
  expect(after).toBe(readFileSync(path.join(project, 'lib', 'operations.json'), 'utf8'));
});
