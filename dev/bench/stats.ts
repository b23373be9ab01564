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
  /** The same median of round ratios, in this process's processor time (user + system). */
  cpuRatio: number;
}

/**
 * Runs `a` and `b` alternately (order flipped every round, so neither always runs warm),
 * each sample being `batch` sequential calls, after `warmUps` unmeasured samples of each.
 * The times shown are the median per-call times; the ratios are medians of each round's own
 * ratio: a round's two samples ran back to back, so a shared machine's slow spells (which move
 * both) cancel out of it.
 */
export async function interleave(
  rounds: number,
  batch: number,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  warmUps = 1,
): Promise<Comparison> {
  const samplesA: Sample[] = [];
  const samplesB: Sample[] = [];
  const sample = async (work: () => Promise<unknown>): Promise<Sample> => {
    const cpuBefore = process.cpuUsage();
    const time = await timeIt(async () => {
      for (let i = 0; i < batch; i += 1) await work();
    });
    const cpu = process.cpuUsage(cpuBefore);
    return { time: time / batch, cpu: cpu.user + cpu.system };
  };
  for (let i = 0; i < warmUps; i += 1) {
    await sample(a); // JIT, sockets and caches, not measured
    await sample(b);
  }
  for (let round = 0; round < rounds; round += 1) {
    if (round % 2 === 0) {
      samplesA.push(await sample(a));
      samplesB.push(await sample(b));
    } else {
      samplesB.push(await sample(b));
      samplesA.push(await sample(a));
    }
  }
  const roundRatio = (of: keyof Sample) => median(samplesA.map((s, round) => s[of] / samplesB[round][of]));
  return {
    a: median(samplesA.map((s) => s.time)),
    b: median(samplesB.map((s) => s.time)),
    ratio: roundRatio('time'),
    cpuRatio: roundRatio('cpu'),
  };
}

interface Sample {
  time: number;
  cpu: number;
}

export const ms = (value: number): string =>
  (value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toFixed(3)) + ' ms';
export const ratio = (value: number): string => `${value.toFixed(2)}×`;
