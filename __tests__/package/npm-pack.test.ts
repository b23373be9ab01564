/** `npm pack`: the tarball the README installs into the app builder holds the plugin only. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

it('packs the plugin only: its sources, its build, the JSON files and icon, README and tsconfigs', () => {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
  );
  const files: string[] = packed.files.map((file: { path: string }) => file.path);
  const outside = files.filter(
    (file) =>
      !/^(dist|lib)\//.test(file) &&
      !['package.json', 'README.md', 'tsconfig.json', 'tsconfig.build.json'].includes(file),
  );
  expect(outside).toEqual([]);
  expect(files).toEqual(
    expect.arrayContaining([
      'dist/index.js',
      'lib/index.ts',
      'lib/manifest.json',
      'lib/operations.json',
      'lib/icon.svg',
    ]),
  );
  expect(files.filter((file) => /^(dev|__tests__|scripts|marketplace)\//.test(file))).toEqual([]);
});
