/**
 * A dev command interrupted by Ctrl-C or by `kill` of its process alone stops what it started
 * (the bench's Ceph daemons are processes of their own) before it exits. Runs the built helper
 * (`npm test` builds .dev-build first) in a process of its own, as the bench and `npm start` do.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

it.each([
  ['SIGTERM', 143],
  ['SIGINT', 0],
] as const)(
  'on %s it stops what it started once (however often it is asked), then exits with its code',
  async (signal, exitCode) => {
    const record = path.join(mkdtempSync(path.join(tmpdir(), 'stop-on-signals-')), 'stopped');
    const script = `
    const { appendFileSync } = require('node:fs');
    const { stopOnSignals } = require('./.dev-build/dev/stop-on-signals.js');
    const stop = stopOnSignals(async () => {
      appendFileSync(${JSON.stringify(record)}, 'stopping;');
      process.stdout.write('stopping');
      // The command's own way out (the bench's finally, as its work fails with its servers gone).
      setImmediate(() => stop());
      await new Promise((resolve) => setTimeout(resolve, 500)); // a daemon takes a while to stop
    }, { exitCode: ${exitCode} });
    setInterval(() => undefined, 1000);
    process.stdout.write('ready');`;
    const child = spawn(process.execPath, ['-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const said = (text: string) =>
      new Promise<void>((resolve) => child.stdout.on('data', (chunk) => String(chunk).includes(text) && resolve()));
    await said('ready');
    child.kill(signal);
    await said('stopping');
    child.kill(signal); // a second Ctrl-C while stopping does not stop twice
    expect(await exited).toBe(exitCode);
    expect(readFileSync(record, 'utf8')).toBe('stopping;');
  },
);
