/**
 * The package's shape: one source of truth for the files the app builder reads, sources that
 * stay valid ES modules, no install-time scripts, and a packed tarball with the plugin only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { readProjectJson } from '../../dev/project-root.js';

const root = path.join(__dirname, '..', '..');
const packageJson = readProjectJson('package.json');

function sourcesUnder(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(folder, file));
}

it.each(['manifest.json', 'operations.json', 'icon.svg'])(
  '%s at the top level is the one in lib/, byte for byte',
  (file) => {
    expect(readFileSync(path.join(root, file))).toEqual(readFileSync(path.join(root, 'lib', file)));
  },
);

it('has no script npm runs by itself on install, prune or pack', () => {
  const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'preprepare', 'postprepare'];
  expect(Object.keys(packageJson.scripts).filter((name) => lifecycle.includes(name))).toEqual([]);
  expect(readProjectJson('packages/common/package.json').scripts ?? {}).not.toHaveProperty('prepare');
});

it('runs no dependency install script, and says so for each one that has one (npm ci warns of each it skips)', () => {
  // esbuild's postinstall only checks and speeds up the binary its platform package already holds; @parcel/watcher's
  // install builds from source only when asked to (npm_config_build_from_source), its prebuilt binary coming the
  // same way. Both work without them, so they are denied (npm 11 runs no unapproved script and lists what it skipped).
  const lock = readProjectJson('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean }> };
  const withScripts = Object.entries(lock.packages)
    .filter(([, entry]) => entry.hasInstallScript)
    .map(([location]) => location.replace(/^.*node_modules\//, ''));
  expect(withScripts.length).toBeGreaterThan(0);
  expect(Object.fromEntries(withScripts.map((name) => [name, packageJson.allowScripts?.[name]]))).toEqual(
    Object.fromEntries(withScripts.map((name) => [name, false])),
  );
});

it('builds the plugin only', () => {
  expect(packageJson.scripts.build).toBe('tsc -p tsconfig.build.json');
  expect(readProjectJson('tsconfig.build.json').include).toEqual(['lib/**/*.ts']);
});

describe('plugin sources (lib/)', () => {
  const sources = sourcesUnder('lib').map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8') }));

  // TypeScript's own scanner: static, side-effect, re-exported and dynamic imports alike.
  const imports = sources.flatMap(({ file, text }) =>
    ts.preProcessFile(text, true, true).importedFiles.map((imported) => ({ file, specifier: imported.fileName })),
  );

  it('import relative modules with the .js extension ES modules need', () => {
    const relative = imports.filter(({ specifier }) => specifier.startsWith('.'));
    expect(relative.length).toBeGreaterThan(20);
    expect(relative.filter(({ specifier }) => !specifier.endsWith('.js'))).toEqual([]);
  });

  it('use no CommonJS-only globals and import no JSON', () => {
    expect(imports.filter(({ specifier }) => specifier.endsWith('.json'))).toEqual([]);
    const offending = sources.filter(({ text }) => /\b(require\(|__dirname|__filename|module\.exports)/.test(text));
    expect(offending.map(({ file }) => file)).toEqual([]);
  });

  it("has no operations/index (the app builder's build would overwrite operations.json with its export)", () => {
    expect(sources.map(({ file }) => file)).not.toContain(path.join('lib', 'operations', 'index.ts'));
  });
});
