import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The project folder (the one holding lib/manifest.json), from source or from the dev build. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'lib', 'manifest.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the project root (lib/manifest.json)');
    dir = parent;
  }
  return dir;
}

/** A JSON file of the project, read at run time: a JSON import would not compile in the app builder's build. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function readProjectJson(relativePath: string): any {
  return JSON.parse(readFileSync(path.join(projectRoot(), relativePath), 'utf8'));
}
