/**
 * Marketplace install: `npm run build:marketplace` writes one self-contained ES module, which the
 * app builder's server stores, imports from a data: URL and constructs for every query.
 */
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { useEmbeddedS3 } from '../support/embedded-s3.js';
import { runHost } from '../support/node-host.js';

const marketplace = path.join(__dirname, '..', '..', 'marketplace');
const bundle = path.join(marketplace, 'dist', 'index.js');
const s3 = useEmbeddedS3(['marketplace-bucket']);

it('writes the marketplace shape: the bundle, an ES module package, manifest, operations and icon', () => {
  expect(existsSync(bundle)).toBe(true); // built by `npm test` (build:marketplace)
  for (const file of ['manifest.json', 'operations.json', 'icon.svg'])
    expect(readFileSync(path.join(marketplace, 'lib', file))).toEqual(
      readFileSync(path.join(__dirname, '..', '..', 'lib', file)),
    );
  expect(JSON.parse(readFileSync(path.join(marketplace, 'package.json'), 'utf8'))).toMatchObject({
    type: 'module',
    main: 'dist/index.js',
  });
});

it('imports nothing but node: built-ins', async () => {
  // esbuild parses the bundle and lists what it imports (strings that merely mention a package do not count).
  const { metafile } = await build({
    entryPoints: [bundle],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    external: ['*'],
    logLevel: 'silent',
  });
  const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.map((entry) => entry.path));
  expect(imports.length).toBeGreaterThan(0);
  const builtins = new Set(builtinModules);
  for (const specifier of imports) {
    expect(specifier).toMatch(/^node:/);
    expect(builtins.has(specifier.slice('node:'.length))).toBe(true);
  }
});

it('loads as the server loads it, twice, runs queries through both instances, and they share one client', async () => {
  const report = await runHost('marketplace-host.mjs', [
    bundle,
    JSON.stringify(s3.sourceOptions()),
    'marketplace-bucket',
  ]);
  expect(report.testConnection).toEqual({ status: 'ok' });
  expect(report.upload).toMatchObject({ Key: 'drop-in/bytes.bin', ContentLength: 1024 });
  expect(report.readBackExact).toBe(true);
  expect(report.failure).toMatchObject({ constructorName: 'QueryError', code: 'NoSuchKey' });
  expect(report.twoInstances).toBe(true);
  expect(report.sharedClient).toBe(true);
}, 60_000);
