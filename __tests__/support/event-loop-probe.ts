/**
 * How long a piece of work holds the event loop: a probe that takes a turn on every pass of the
 * loop records the longest gap between its turns while the work runs. A gap counts only the
 * processor time the loop's own thread used in it (never more than the wall-clock gap): when other
 * programs on a shared machine take the processor away, the loop waits, but was not held; and
 * the garbage collector's helper threads run beside it, not on it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection, run before each run after the first of calmestRun: a jest worker's
 * heap holds the garbage of the files it ran before (2 GB in one CI run), and collecting it during
 * the probe held the loop ~100 ms five runs in a row, a stall of the neighbours, not of the work.
 * Garbage the work makes still counts. Not before every run: on a large heap it takes 100 ms.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** The main thread's time on a processor, in ms: Linux's per-thread schedstat (ns), else the process's. */
const SCHEDSTAT = '/proc/thread-self/schedstat';
export const threadCpuMs: () => number = existsSync(SCHEDSTAT)
  ? () => Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6
  : () => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1000;
    };
export interface Probed<T> {
  result?: T;
  error?: unknown;
  /** The longest the loop went without giving the probe a turn, in ms. */
  longestStallMs: number;
  /** From start to settled, in ms. */
  totalMs: number;
}

export async function probeEventLoop<T>(work: () => Promise<T>): Promise<Probed<T>> {
  let longest = 0;
  let last = performance.now();
  let lastCpu = threadCpuMs();
  let running = true;
  const gap = (): number => {
    const now = performance.now();
    const cpu = threadCpuMs();
    const held = Math.min(now - last, cpu - lastCpu);
    last = now;
    lastCpu = cpu;
    return held;
  };
  const tick = (): void => {
    longest = Math.max(longest, gap());
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const started = performance.now();
  let outcome: Pick<Probed<T>, 'result' | 'error'>;
  try {
    outcome = { result: await work() };
  } catch (error) {
    outcome = { error };
  }
  running = false;
  // The stretch between the probe's last turn and the work's end counts too.
  longest = Math.max(longest, gap());
  return { ...outcome, longestStallMs: longest, totalMs: performance.now() - started };
}

/**
 * The calmest of a few runs: a stall the code causes shows in every run, while one caused by the
 * machine (another process, earlier tests' garbage, collected before each later run) rarely
 * repeats. The first run warms the code unless `warm` is false; with `enoughMs`, runs stop at the
 * first that holds the loop no longer.
 */
export async function calmestRun<T>(
  work: () => Promise<T>,
  { runs = 3, warm = true, enoughMs = -1 }: { runs?: number; warm?: boolean; enoughMs?: number } = {},
): Promise<Probed<T>> {
  if (warm) await work().catch(() => undefined);
  let calmest: Probed<T> | undefined;
  for (let run = 0; run < runs && !(calmest && calmest.longestStallMs <= enoughMs); run += 1) {
    if (run > 0) collectGarbage();
    const probed = await probeEventLoop(work);
    if (!calmest || probed.longestStallMs < calmest.longestStallMs) calmest = probed;
  }
  return calmest as Probed<T>;
}
