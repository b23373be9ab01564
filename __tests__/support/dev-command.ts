/** A dev command (`npm start`'s script, the playground's entry) run as a user runs it: its output as it comes. */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

export interface DevCommand {
  child: ChildProcess;
  output(): string;
  errors(): string;
  exited: Promise<number | null>;
  /** The first match of `pattern` in the output, waiting up to `ms` (undefined if it never came or the command ended). */
  waitFor(pattern: RegExp, ms: number): Promise<RegExpExecArray | undefined>;
}

/** Runs `node <args>` in the project folder with PORT=0 (any free port). */
export function runDevCommand(args: string[]): DevCommand {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (errors += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    errors: () => errors,
    exited,
    async waitFor(pattern, ms) {
      const deadline = Date.now() + ms;
      while (!pattern.test(output) && Date.now() < deadline && child.exitCode === null)
        await new Promise((resolve) => setTimeout(resolve, 100));
      return pattern.exec(output) ?? undefined;
    },
  };
}
