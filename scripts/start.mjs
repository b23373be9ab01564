// `npm start` and `npm run start:rgw`: builds the plugin and the playground, saying so (the build is
// the slow part of a start), then runs the playground in this process (its arguments passed on).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (line) => process.stdout.write(`${line}\n`);

const started = Date.now();
say('Building the plugin and the playground (TypeScript: packages/common, lib/ and dev/)…');
// npm runs this script with npm_execpath set: the same npm runs the build.
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
execFileSync(npm[0], [...npm.slice(1), 'run', '--silent', 'build:dev'], { cwd: root, stdio: 'inherit' });
say(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
await import(pathToFileURL(path.join(root, '.dev-build', 'dev', 'playground', 'start.js')).href);
