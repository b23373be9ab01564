import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/** Runs one of the .mjs hosts in a plain Node process and returns the JSON report it prints. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function runHost(script: string, args: string[]): Promise<any> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(__dirname, script), ...args], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}
