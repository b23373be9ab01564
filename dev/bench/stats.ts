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
  const { baseline, arms } = await interleaveAgainst(rounds, batch, [a], b, warmUps);
  return { a: arms[0].time, b: baseline, ratio: arms[0].ratio, cpuRatio: arms[0].cpuRatio };
}

/** One arm of interleaveAgainst: its median per-call time and its round ratios to the baseline. */
export interface Arm {
  time: number;
  ratio: number;
  cpuRatio: number;
}

/**
 * interleave with several arms against one baseline in the same rounds (roundOrder), so two
 * builds compare with the raw SDK alike.
 */
export async function interleaveAgainst(
  rounds: number,
  batch: number,
  arms: Array<() => Promise<unknown>>,
  baseline: () => Promise<unknown>,
  warmUps = 1,
): Promise<{ baseline: number; arms: Arm[] }> {
  const runs = [...arms, baseline];
  const samples: Sample[][] = runs.map(() => []);
  const sample = async (work: () => Promise<unknown>): Promise<Sample> => {
    const cpuBefore = process.cpuUsage();
    const time = await timeIt(async () => {
      for (let i = 0; i < batch; i += 1) await work();
    });
    const cpu = process.cpuUsage(cpuBefore);
    return { time: time / batch, cpu: cpu.user + cpu.system };
  };
  for (let i = 0; i < warmUps; i += 1) for (const run of runs) await sample(run); // JIT, sockets, caches
  for (let round = 0; round < rounds; round += 1)
    for (const index of roundOrder(runs.length, round)) samples[index].push(await sample(runs[index]));
  const base = samples[runs.length - 1];
  const roundRatio = (of: Sample[], key: keyof Sample) => median(of.map((s, round) => s[key] / base[round][key]));
  return {
    baseline: median(base.map((s) => s.time)),
    arms: samples.slice(0, arms.length).map((of) => ({
      time: median(of.map((s) => s.time)),
      ratio: roundRatio(of, 'time'),
      cpuRatio: roundRatio(of, 'cpu'),
    })),
  };
}

/**
 * The order of a round: rotated by one each round and, beyond two runs, reversed every other
 * cycle of rotations, so every run takes every position and, within rounds, follows every other
 * run equally often (a run that always came second would always follow the same one, and pay
 * for what it left, such as garbage). With two runs: a b, b a, a b, ...
 */
export function roundOrder(runs: number, round: number): number[] {
  const rotated = Array.from({ length: runs }, (_, index) => (index + round) % runs);
  return runs > 2 && Math.floor(round / runs) % 2 === 1 ? rotated.reverse() : rotated;
}

interface Sample {
  time: number;
  cpu: number;
}

export const ms = (value: number): string =>
  (value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toFixed(3)) + ' ms';
export const ratio = (value: number): string => `${value.toFixed(2)}×`;
