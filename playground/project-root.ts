import { existsSync } from 'node:fs';
import path from 'node:path';

/** The folder holding manifest.json, from source (playground/) or build (dist/playground/). */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'manifest.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the project root (manifest.json)');
    dir = parent;
  }
  return dir;
}
