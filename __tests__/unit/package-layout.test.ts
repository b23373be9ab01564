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
