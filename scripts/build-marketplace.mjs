/**
 * `npm run build:marketplace`: the plugin as an app builder marketplace plugin.
 *
 * The app builder stores the bundle's text and, for every query, imports it from a
 * `data:text/javascript,…` URL and constructs `module.default`. So the bundle must be one
 * self-contained ES module (a data: URL module can import nothing but Node built-ins) and
 * small (the server URI-encodes the whole text per query). Writes:
 *   marketplace/dist/index.js   the bundle
 *   marketplace/lib/            manifest.json, operations.json, icon.svg
 *   marketplace/package.json    the marketplace package (an ES module package)
 */
import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'marketplace');
const builtins = new Set(builtinModules.filter((name) => !name.startsWith('_')));

/** Built-ins stay imports, always spelt `node:…`. */
const nodeBuiltins = {
  name: 'node-builtins',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, ({ path: specifier }) => {
      const name = specifier.replace(/^node:/, '');
      if (builtins.has(name) || builtins.has(name.split('/')[0])) return { path: `node:${name}`, external: true };
      return undefined;
    });
  },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(out, 'lib'), { recursive: true });
// The server recognises plugin errors by `error.constructor.name === 'QueryError'`; minifying
// renames classes, so that one name is set back (keepNames for every function costs 5% in size).
const entry = `
import S3QueryService from './lib/index.ts';
import { QueryError } from '@tooljet-plugins/common';
Object.defineProperty(QueryError, 'name', { value: 'QueryError' });
export default S3QueryService;
`;

await build({
  stdin: { contents: entry, resolveDir: root, sourcefile: 'marketplace-entry.js', loader: 'js' },
  outfile: path.join(out, 'dist', 'index.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  // The SDK's ES module builds, which tree-shake; its CommonJS builds do not.
  mainFields: ['module', 'main'],
  target: 'node20',
  minify: true,
  legalComments: 'none',
  // The SDK's CommonJS parts call require() for built-ins; a data: URL module has none of its own.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire('/');",
  },
  plugins: [nodeBuiltins],
  logLevel: 'warning',
});
for (const file of ['manifest.json', 'operations.json', 'icon.svg'])
  copyFileSync(path.join(root, 'lib', file), path.join(out, 'lib', file));
const { name, version, description, license } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const manifest = { name, version, description, license, type: 'module', main: 'dist/index.js' };
writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

const bytes = statSync(path.join(out, 'dist', 'index.js')).size;
console.log(`marketplace/dist/index.js: ${(bytes / 1024).toFixed(0)} KB`);
