/** Timing helpers: interleaved runs in one process, compared by medians. */
import { performance } from 'node:perf_hooks';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export async function timeIt(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export interface Comparison {
  a: number;
  b: number;
  ratio: number;
}

/**
 * Runs `a` and `b` alternately (order flipped every round, so neither always runs warm),
 * each sample being `batch` sequential calls. The times shown are the median per-call times;
 * the ratio is the median of each round's own ratio: a round's two samples ran back to back,
 * so a shared machine's slow spells (which move both) cancel out of it.
 */
export async function interleave(
  rounds: number,
  batch: number,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
): Promise<Comparison> {
  const timesA: number[] = [];
  const timesB: number[] = [];
  const sample = async (work: () => Promise<unknown>): Promise<number> =>
    (await timeIt(async () => {
      for (let i = 0; i < batch; i += 1) await work();
    })) / batch;
  await sample(a); // warm-up: JIT, sockets and caches, not measured
  await sample(b);
  for (let round = 0; round < rounds; round += 1) {
    if (round % 2 === 0) {
      timesA.push(await sample(a));
      timesB.push(await sample(b));
    } else {
      timesB.push(await sample(b));
      timesA.push(await sample(a));
    }
  }
  return { a: median(timesA), b: median(timesB), ratio: median(timesA.map((time, round) => time / timesB[round])) };
}

export const ms = (value: number): string =>
  (value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toFixed(3)) + ' ms';
export const ratio = (value: number): string => `${value.toFixed(2)}×`;
