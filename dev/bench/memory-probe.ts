/**
 * Runs one read or upload in a fresh process and reports the peak memory it added (the process's
 * peak RSS during the work minus its RSS just before), so earlier work cannot hide or inflate it.
 * On Linux the kernel's peak-RSS mark is reset just before the work, so making the input (which
 * briefly needs more memory than it keeps) cannot hide the work's own peak.
 * Started by run.ts: node --expose-gc memory-probe.js <plugin|raw> <read|upload> <data source JSON> <bucket> <key> [MB]
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import S3QueryService from '../../lib/index.js';
import { rawClient } from './raw-client.js';

async function main(): Promise<void> {
  const [mode, work, sourceJson, bucket, key, sizeMb] = process.argv.slice(2);
  const source = JSON.parse(sourceJson) as Record<string, unknown>;
  const plugin = new S3QueryService();
  const raw = rawClient(source);
  const read = async (objectKey: string): Promise<unknown> => {
    if (mode === 'plugin')
      return (await plugin.run(source, { operation: 'get_object', bucket, key: objectKey }, 'probe')).data;
    const output = await raw.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }));
    return output.Body?.transformToByteArray();
  };
  // Upload input is what each side is handed: base64 text for the plugin (as the app builder
  // sends it), bytes for the raw SDK. It exists before the baseline is taken, so it is not counted.
  const input =
    work === 'upload'
      ? mode === 'plugin'
        ? randomBytes(Number(sizeMb) * 1024 * 1024).toString('base64')
        : randomBytes(Number(sizeMb) * 1024 * 1024)
      : undefined;
  const upload = async (): Promise<unknown> =>
    mode === 'plugin'
      ? plugin.run(source, { operation: 'upload_object', bucket, key, data: input, encoding: 'base64' }, 'probe')
      : raw.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: input as Buffer }));
  await read('warmup.txt'); // load code paths and sockets before measuring
  const before = (await settledRss()) / 1024;
  const resetPeak = tryResetPeak();
  const result = work === 'upload' ? await upload() : await read(key);
  const peak = resetPeak ? linuxPeakKb() : process.resourceUsage().maxRSS;
  process.send?.({ addedBytes: (peak - before) * 1024, kept: result !== undefined });
  raw.destroy();
}

/**
 * RSS once garbage is collected and freed: V8 releases large buffers on a background thread,
 * so RSS keeps falling for a moment after gc() returns.
 */
async function settledRss(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  let last = Infinity;
  for (let i = 0; i < 20; i += 1) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const rss = process.memoryUsage().rss;
    if (Math.abs(last - rss) < 1024 * 1024) return rss;
    last = rss;
  }
  return last;
}

/** Resets the kernel's peak-RSS mark (VmHWM) to the current RSS; false where that is not possible. */
function tryResetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function linuxPeakKb(): number {
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
}

main().catch((error) => {
  process.send?.({ error: String(error) });
  process.exitCode = 1;
});
