/**
 * Marketplace install: `npm run build:marketplace` writes a CommonJS bundle (the vm sandbox and
 * requireFromString releases) and an ES module bundle (the data: URL release). Each is loaded by
 * a model of its loader (dev/app-builder/loaders.ts) in a folder outside the project, evaluated
 * anew for every query as the server does, against the embedded S3 server.
 */
import { build } from 'esbuild';
import { fork } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { asAnotherVersion, bundleIdentity } from '../../dev/app-builder/bundle-identity.js';
import { useEmbeddedS3 } from '../support/embedded-s3.js';

const root = path.join(__dirname, '..', '..');
const marketplace = path.join(root, 'marketplace');
const bundles = {
  commonjs: path.join(marketplace, 'dist', 'index.js'),
  esm: path.join(marketplace, 'dist', 'index.mjs'),
};
const s3 = useEmbeddedS3(['marketplace-bucket']);

/** The implementation text inside the CommonJS front, caught where the front compiles it. */
function implementationOf(front: string): string {
  let implementation = '';
  const host: Record<string, unknown> = {
    Function: function (...parameters: string[]) {
      implementation = parameters[parameters.length - 1];
      return () => undefined;
    },
  };
  host.globalThis = host;
  const module = { exports: {} };
  vm.runInNewContext(front, { module, exports: module.exports, require, Buffer, global: host });
  return implementation;
}

/** What a bundle requires or imports, as esbuild parses it (strings that merely mention a package do not count). */
async function importsOf(text: string, format: 'cjs' | 'esm'): Promise<string[]> {
  const { metafile } = await build({
    stdin: { contents: text, loader: 'js' },
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format,
    external: ['*'],
    logLevel: 'silent',
  });
  return Object.values(metafile.inputs).flatMap((input) => input.imports.map((entry) => entry.path));
}

it('writes both bundles of one implementation, a CommonJS package, manifest, operations and icon', () => {
  for (const file of Object.values(bundles)) expect(existsSync(file)).toBe(true); // built by `npm test`
  for (const file of ['manifest.json', 'operations.json', 'icon.svg'])
    expect(readFileSync(path.join(marketplace, 'lib', file))).toEqual(readFileSync(path.join(root, 'lib', file)));
  const manifest = JSON.parse(readFileSync(path.join(marketplace, 'package.json'), 'utf8'));
  expect(manifest).toMatchObject({ name: '@tooljet-plugins/s3', main: 'dist/index.js' });
  expect(manifest.type).toBeUndefined();
  const key = bundleIdentity(readFileSync(bundles.commonjs, 'utf8'));
  expect(key).toMatch(/^@tooljet-plugins\/s3@1\.0\.0#[0-9a-f]{16}$/);
  expect(bundleIdentity(readFileSync(bundles.esm, 'utf8'))).toBe(key);
});

it('requires nothing but Node built-ins, through the host’s require', async () => {
  const front = readFileSync(bundles.commonjs, 'utf8');
  expect(await importsOf(front, 'cjs')).toEqual([]); // the front itself requires nothing
  const implementation = implementationOf(front);
  expect(implementation.length).toBeGreaterThan(100_000);
  const required = await importsOf(implementation, 'cjs');
  expect(required.length).toBeGreaterThan(0);
  for (const specifier of required) expect(builtinModules).toContain(specifier.replace(/^node:/, ''));
  // The ES module bundle imports only what gives it a require.
  expect(await importsOf(readFileSync(bundles.esm, 'utf8'), 'esm')).toEqual(['node:module']);
});

describe('loaded as the app builder loads it, evaluated anew for every query', () => {
  let folder: string;

  beforeAll(() => {
    // Outside the project: the bundle must not reach its files or node_modules.
    folder = mkdtempSync(path.join(tmpdir(), 'marketplace-host-'));
    for (const file of ['loaders.js', 'bundle-identity.js'])
      copyFileSync(path.join(root, '.dev-build', 'dev', 'app-builder', file), path.join(folder, file));
    for (const file of ['marketplace-host.mjs', 'plugin-round-trip.mjs'])
      copyFileSync(path.join(__dirname, '..', 'support', file), path.join(folder, file));
    for (const [name, file] of Object.entries(bundles)) {
      const text = readFileSync(file, 'utf8');
      writeFileSync(path.join(folder, `${name}.txt`), text);
      // A second version: the same code under another hash, as a rebuilt bundle would have.
      writeFileSync(path.join(folder, `${name}-v2.txt`), asAnotherVersion(text, 'second'));
    }
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** Runs the host with the S3 server's connection counts on request; resolves to its report. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function runHost(loader: string, bundle: 'commonjs' | 'esm'): Promise<any> {
    const args = [
      loader,
      `${bundle}.txt`,
      `${bundle}-v2.txt`,
      JSON.stringify(s3.sourceOptions()),
      'marketplace-bucket',
    ];
    const child = fork(path.join(folder, 'marketplace-host.mjs'), args, {
      cwd: folder,
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child.on('message', () => child.send(s3.server().connections()));
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    return new Promise((resolve, reject) =>
      child.on('exit', (code) => {
        if (code !== 0) return reject(new Error(`the host exited with ${code}: ${stderr}`));
        const lines = stdout.trim().split('\n');
        resolve(JSON.parse(lines[lines.length - 1]));
      }),
    );
  }

  it.each([
    ['vm sandbox', 'commonjs'],
    ['requireFromString', 'commonjs'],
    ['data: URL import', 'esm'],
  ] as const)(
    '%s: queries run, failures are QueryErrors, reloads share one client and socket, versions do not',
    async (loader, bundle) => {
      const report = await runHost(loader, bundle);
      expect(report.isolated).toBe(true);
      expect(report.testConnection).toEqual({ status: 'ok' });
      expect(report.upload).toMatchObject({ Key: 'drop-in/bytes.bin', ContentLength: 1024 });
      expect(report.readBackExact).toBe(true);
      // The server recognises plugin errors by constructor name.
      expect(report.failure).toMatchObject({ constructorName: 'QueryError', code: 'NoSuchKey' });
      // The first reload's query opens one connection; the next five reuse its client and socket.
      expect(report.reloads).toEqual({ allOk: true, firstOpened: 1, laterOpened: 0, sixthUsesFirstClient: true });
      expect(report.secondVersion).toEqual({ ok: true, opened: 1, sharesFirstClient: false });
      // Four versions loaded: three kept, the first dropped and its sockets closed (one each for the three kept).
      expect(report.registry).toEqual([
        '@tooljet-plugins/s3@1.0.0#…',
        '@tooljet-plugins/s3@1.0.0#…',
        '@tooljet-plugins/s3@1.0.0#…',
      ]);
      expect(report.openAfterFourVersions).toBe(3);
    },
    60_000,
  );
});
