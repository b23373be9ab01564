/**
 * `npm run build:marketplace`: the plugin as an app builder marketplace plugin.
 *
 * The app builder stores the bundle's text and evaluates it for every query; how depends on its
 * release (docs/install.md): in a vm sandbox as a CommonJS script (`module.exports.default`,
 * Node built-ins through the host's `require`), through module-from-string's requireFromString
 * (CommonJS too), or, in one release, imported from a `data:` URL as an ES module. So there are
 * two bundles of the same code, each self-contained (only Node built-ins are required):
 *   marketplace/dist/index.js    CommonJS: the vm sandbox and requireFromString releases
 *   marketplace/dist/index.mjs   ES module: the data: URL release (served as dist/index.js)
 *   marketplace/lib/             manifest.json, operations.json, icon.svg
 *   marketplace/package.json     the marketplace package
 * Each is a small front (scripts/marketplace/front.js) with the implementation inside as text,
 * compiled once per process and kept in a registry on the host's global object.
 */
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { builtinModules } from 'node:module';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'marketplace');
const builtins = new Set(builtinModules.filter((name) => !name.startsWith('_')));

/** Built-ins stay require() calls, always spelt `node:…`. */
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

// The server recognises plugin errors by `error.constructor.name === 'QueryError'`; minifying
// renames classes, so that one name is set back (keepNames for every function costs 5% in size).
// retireAllClients lets the front close an older version's clients when it drops that version.
const entry = `
import S3QueryService from './lib/index.ts';
import { QueryError } from '@tooljet-plugins/common';
export { retireAllClients } from './lib/connection/client-cache.ts';
Object.defineProperty(QueryError, 'name', { value: 'QueryError' });
export default S3QueryService;
`;

async function buildImplementation() {
  const result = await build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    write: false,
    stdin: { contents: entry, resolveDir: root, sourcefile: 'marketplace-entry.js', loader: 'js' },
    format: 'cjs',
    // import() would fail in code compiled by Function (no module to resolve from): require() instead.
    supported: { 'dynamic-import': false },
    // The SDK's ES module builds, which tree-shake; its CommonJS builds do not.
    mainFields: ['module', 'main'],
    // The common package from its sources: a fresh clone has not built its dist/ yet.
    alias: { '@tooljet-plugins/common': path.join(root, 'packages', 'common', 'lib', 'index.ts') },
    plugins: [nodeBuiltins],
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/** The front as a CommonJS script (dist/index.js), with the implementation and identity in place. */
async function buildFront(implementation, identity) {
  const source = readFileSync(path.join(root, 'scripts', 'marketplace', 'front.js'), 'utf8');
  const define = { IMPLEMENTATION: JSON.stringify(implementation), IDENTITY: JSON.stringify(identity) };
  return (await transform(source, { loader: 'js', define, minify: true, legalComments: 'none' })).code;
}

/** The same front as an ES module (dist/index.mjs): a require of its own, and its export as the default. */
const asEsModule = (front) =>
  [
    "import { createRequire } from 'node:module';",
    "const require = createRequire('/'), module = { exports: {} }, exports = module.exports;",
    front,
    'export default module.exports.default;',
    '',
  ].join('\n');

const { name, version, description, license } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const implementation = await buildImplementation();
const hash = createHash('sha256').update(implementation).digest('hex').slice(0, 16);
const identity = { name, version, hash, key: `${name}@${version}#${hash}` };

rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(out, 'lib'), { recursive: true });
mkdirSync(path.join(out, 'dist'), { recursive: true });
const front = await buildFront(implementation, identity);
writeFileSync(path.join(out, 'dist', 'index.js'), front);
writeFileSync(path.join(out, 'dist', 'index.mjs'), asEsModule(front));
for (const file of ['manifest.json', 'operations.json', 'icon.svg'])
  copyFileSync(path.join(root, 'lib', file), path.join(out, 'lib', file));
const manifest = { name, version, description, license, main: 'dist/index.js' };
writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

for (const file of ['index.js', 'index.mjs']) {
  const bytes = statSync(path.join(out, 'dist', file)).size;
  console.log(`marketplace/dist/${file}: ${(bytes / 1024).toFixed(0)} KB (${identity.key})`);
}
