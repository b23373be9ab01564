/**
 * A model of the app builder's plugin monorepo, built from the facts of its sources
 * (ToolJet/ToolJet: plugins/package.json, plugins/tsconfig.json, plugins/build-scripts/*.js,
 * docker/ce-production.Dockerfile), with this project installed as `packages/s3` the way the
 * README says: `npm pack`, then the tarball unpacked there. Each step runs the real tool
 * (npm, tar, tsc, node) and fails with its output.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The plugins workspace root: an ES module package whose workspaces are `packages/*`. */
const ROOT_PACKAGE = {
  name: '@tooljet/plugins',
  version: '0.0.1',
  private: true,
  type: 'module',
  workspaces: ['packages/*'],
};

/** The root tsconfig: ES2020 modules, bundler resolution, not strict, no `include` (every .ts under it). */
const ROOT_TSCONFIG = {
  compilerOptions: {
    declaration: true,
    declarationMap: true,
    sourceMap: true,
    strict: false,
    skipLibCheck: true,
    outDir: './dist',
    esModuleInterop: true,
    module: 'ES2020',
    moduleResolution: 'bundler',
    target: 'ES2020',
    composite: true,
    resolveJsonModule: true,
  },
};

/** The app builder's common package: built by `tsc -b`, main and types in dist. */
const COMMON_PACKAGE = {
  name: '@tooljet-plugins/common',
  version: '1.0.0',
  main: 'dist/index.js',
  types: 'dist/index.d.ts',
  scripts: { build: 'tsc -b' },
};

export interface Monorepo {
  /** The plugins folder of the build stage. */
  root: string;
  /** What the production image keeps of it: dist, client.js, node_modules, packages/common, package.json. */
  image: string;
}

function run(step: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(command, args, {
      cwd,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${step} failed (${command} ${args.join(' ')}):\n${`${stdout}\n${stderr}`.trim().slice(-6000)}`);
  }
}

/** Folders of a working copy that are not the project: installs, builds, local data. */
const NOT_PROJECT = new Set([
  '.git',
  'node_modules',
  'dist',
  '.dev-build',
  'marketplace',
  '.playground-data',
  '.node22',
  'coverage',
  'artifacts',
]);

/** The project folder as a user would copy it (links kept as links), without installs and builds. */
function copyWorkingCopy(project: string, target: string): void {
  cpSync(project, target, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => !NOT_PROJECT.has(path.basename(source)),
  });
}

/** `npm pack` (its prepack builds the plugin), unpacked where the app builder keeps the package. */
function installPacked(project: string, root: string, target: string): void {
  const [packed] = JSON.parse(run('npm pack', 'npm', ['pack', '--json', '--pack-destination', root], project));
  mkdirSync(target, { recursive: true });
  run('unpack', 'tar', ['-xzf', path.join(root, packed.filename), '-C', target, '--strip-components=1'], root);
}

/**
 * The workspace lockfile npm would write, derived from this project's own: the same resolved
 * versions, hoisted to the workspace root, so the install takes what CI's `npm ci` has just put
 * in npm's cache and asks the registry only for what is missing there.
 */
function workspaceLockfile(project: string): object {
  const lock = JSON.parse(readFileSync(path.join(project, 'package-lock.json'), 'utf8'));
  const { '': plugin, ...installed } = lock.packages as Record<string, Record<string, unknown>>;
  const { workspaces: _ownWorkspaces, ...s3 } = plugin;
  return {
    name: ROOT_PACKAGE.name,
    version: ROOT_PACKAGE.version,
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: ROOT_PACKAGE.name, version: ROOT_PACKAGE.version, workspaces: ROOT_PACKAGE.workspaces },
      ...installed, // includes packages/common and its link, which sit where the monorepo has them
      'packages/s3': s3,
      'node_modules/@tooljet-plugins/s3': { resolved: 'packages/s3', link: true },
    },
  };
}

const writeJson = (file: string, value: unknown): void => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/** plugins/build-scripts/create-client-entry.js and create-server-entry.js, for the one package here. */
function writeEntries(root: string): void {
  writeFileSync(
    path.join(root, 'client.js'),
    [
      "import S3 from './packages/s3/lib/manifest.json'",
      "import S3Operation from './packages/s3/lib/operations.json'",
      "import s3Svg from './packages/s3/lib/icon.svg'",
      'export const allManifests = { S3 }',
      'export const allOperations = { S3: S3Operation }',
      'export const allSvgs = { s3: s3Svg }',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(root, 'server.ts'),
    [
      "import s3 from './packages/s3/lib/index.js'",
      "import { QueryError } from './packages/common/lib/index.js'",
      'export default { s3 }',
      'export { QueryError }',
      '',
    ].join('\n'),
  );
}

/** plugins/build-scripts/create-operations-file.js: a package's dist/operations/index.js replaces its operations.json. */
function regenerateOperationsFiles(root: string): void {
  for (const name of readdirSync(path.join(root, 'packages'))) {
    const generated = path.join(root, 'packages', name, 'dist', 'operations', 'index.js');
    if (name === 'common' || !existsSync(generated)) continue;
    const script = `const m = await import(${JSON.stringify(`file://${generated}`)}); process.stdout.write(JSON.stringify(m.default));`;
    const json = run('regenerate operations files', process.execPath, ['--input-type=module', '-e', script], root);
    writeFileSync(path.join(root, 'packages', name, 'lib', 'operations.json'), json);
  }
}

/**
 * Runs the app builder's build and production-image steps in order: workspace install, client
 * and server entries, package builds (common first, as lerna orders them), the root `tsc -b`,
 * operations files, prune of devDependencies, and the copy the production image keeps.
 */
export function buildMonorepo(project: string, common: string): Monorepo {
  const root = mkdtempSync(path.join(tmpdir(), 'app-builder-plugins-'));
  try {
    return buildIn(root, project, common);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

function buildIn(root: string, project: string, common: string): Monorepo {
  writeJson(path.join(root, 'package.json'), ROOT_PACKAGE);
  writeJson(path.join(root, 'tsconfig.json'), ROOT_TSCONFIG);
  mkdirSync(path.join(root, 'packages', 'common'), { recursive: true });
  cpSync(path.join(common, 'lib'), path.join(root, 'packages', 'common', 'lib'), { recursive: true });
  cpSync(path.join(common, 'tsconfig.json'), path.join(root, 'packages', 'common', 'tsconfig.json'));
  writeJson(path.join(root, 'packages', 'common', 'package.json'), COMMON_PACKAGE);
  installPacked(project, root, path.join(root, 'packages', 's3'));
  writeJson(path.join(root, 'package-lock.json'), workspaceLockfile(project));

  const quiet = ['--prefer-offline', '--no-audit', '--no-fund'];
  run('workspace install', 'npm', ['install', ...quiet], root);
  writeEntries(root);
  const production = { NODE_ENV: 'production' };
  const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
  run('build common', 'npm', ['run', 'build', '--workspace', 'packages/common'], root, production);
  run('build s3', 'npm', ['run', 'build', '--workspace', 'packages/s3'], root, production);
  run('root tsc -b', tsc, ['-b'], root, production);
  regenerateOperationsFiles(root);
  compileWorkingCopy(project, root, tsc);
  run('prune devDependencies', 'npm', ['prune', '--omit=dev', ...quiet], root, production);

  const image = path.join(root, 'image');
  for (const kept of ['dist', 'client.js', 'node_modules', 'package.json', path.join('packages', 'common')])
    cpSync(path.join(root, kept), path.join(image, kept), { recursive: true, verbatimSymlinks: true });
  return { root, image };
}

/**
 * Whoever copies the whole project folder into packages/ instead gets every .ts file here,
 * tests and dev tools included, compiled by the root tsconfig: the same settings are checked on
 * a copy of the folder beside the workspace (where npm does not take it for a second s3 package).
 * The root tsconfig's library is ES2020's (target ES2020, no `lib`), and the workspace's
 * @types/node may be any version: some add later methods to ES2020's types (`at` on arrays and
 * strings, Symbol.dispose), others do not. So the check uses an @types/node that adds none.
 */
function compileWorkingCopy(project: string, root: string, tsc: string): void {
  copyWorkingCopy(project, path.join(root, 'working-copy'));
  const types = path.join(root, 'types-without-es-additions');
  cpSync(path.join(root, 'node_modules', '@types'), types, { recursive: true, dereference: true });
  for (const addition of ['indexable.d.ts', 'disposable.d.ts'])
    writeFileSync(path.join(types, 'node', 'compatibility', addition), '');
  writeJson(path.join(root, 'tsconfig.working-copy.json'), {
    extends: './tsconfig.json',
    compilerOptions: { outDir: './working-copy-dist', typeRoots: ['./types-without-es-additions'] },
    include: ['working-copy'],
  });
  run('root tsconfig over the whole project folder', tsc, ['-p', 'tsconfig.working-copy.json'], root);
}

/** The relative files client.js imports, resolved from the plugins folder. */
export function clientEntryImports(root: string): string[] {
  const source = readFileSync(path.join(root, 'client.js'), 'utf8');
  return [...source.matchAll(/^import \w+ from '(\.[^']+)'/gm)].map((match) => path.join(root, match[1]));
}
