/**
 * The peak memory a piece of work adds to this process: its peak RSS during the work minus its RSS
 * just before. On Linux the kernel's peak-RSS mark is reset just before the work, so making the
 * input (which briefly needs more memory than it keeps) cannot hide the work's own peak. Run it in
 * a fresh process (memory-probe.ts, form-upload-probe.ts), so earlier work cannot hide or inflate it.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export async function peakAdded<T>(work: () => Promise<T>): Promise<{ addedBytes: number; result: T }> {
  const before = (await settledRss()) / 1024;
  const resetPeak = tryResetPeak();
  const result = await work();
  const peak = resetPeak ? linuxPeakKb() : process.resourceUsage().maxRSS;
  return { addedBytes: (peak - before) * 1024, result };
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
