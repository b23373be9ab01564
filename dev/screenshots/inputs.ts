/**
 * What the screenshots in docs/screenshots/ are drawn from: the page's sources, the forms, the
 * playground server, the demo content and the scenes shot. Their hash is recorded beside the
 * images (inputs.json); a unit test recomputes it, so a change to any of them without
 * `npm run screenshots` fails. Hashing the inputs, not the pixels: Chromium versions draw text a
 * pixel apart, the sources do not change by themselves.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../project-root.js';

export const SCREENSHOTS_FOLDER = 'docs/screenshots';
export const RECORD_FILE = `${SCREENSHOTS_FOLDER}/inputs.json`;

/** The folders and files whose every file goes into the hash, relative to the project root. */
const INPUTS = [
  'dev/playground',
  'dev/screenshots',
  'lib/manifest.json',
  'lib/operations.json',
  'lib/icon.svg',
  // The page formats sizes with the plugin's own module (served by the playground server).
  'lib/format-bytes.ts',
];

/** Files under INPUTS that draw nothing: `npm start`'s entry (the scenes start the stack themselves). */
const NOT_DRAWN = new Set(['dev/playground/start.ts']);

/** A file, or every file under a folder, as paths relative to the project root. */
function filesUnder(root: string, entry: string): string[] {
  const full = path.join(root, entry);
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((item) => item.isFile())
    .map((item) => path.relative(root, path.join(item.parentPath, item.name)).split(path.sep).join('/'))
    .filter((file) => !NOT_DRAWN.has(file));
}

/** The input files, sorted, and the hash of their paths and contents (line endings as LF). */
export function screenshotInputs(): { files: string[]; sha256: string } {
  const root = projectRoot();
  const files = INPUTS.flatMap((entry) => filesUnder(root, entry)).sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(path.join(root, file), 'utf8').replace(/\r\n/g, '\n'));
    hash.update('\n');
  }
  return { files, sha256: hash.digest('hex') };
}
