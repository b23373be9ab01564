/**
 * Long work shares the event loop with every other query of every app (the app builder runs
 * them all in one Node.js process), so a loop that may run long gives the turn back between
 * slices: at most SLICE_MS of work, then the other queries, timers and sockets get their turn.
 */

import { performance } from 'node:perf_hooks';

/** Work done in one stretch before yielding: well under the 50 ms any one query may hold the loop, with room for what the SDK does in the same turn. */
const SLICE_MS = 5;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A clock for one piece of long work: `if (slices.due()) await slices.yield()` between steps.
 * The clock starts at the first check, so work of one step (most queries') reads it once:
 * clock reads cost microseconds on some machines, and a step is far shorter than the budget.
 */
export class TimeSlices {
  private started = -1;

  /** True when this slice has run its time. */
  due(): boolean {
    const now = performance.now();
    if (this.started < 0) this.started = now;
    return now - this.started >= SLICE_MS;
  }

  /** Lets the other work run, then starts a new slice. */
  async yield(): Promise<void> {
    await nextTurn();
    this.started = performance.now();
  }
}

/** `work` for each item, yielding between slices; the results in order. */
export async function mapInSlices<T, R>(items: readonly T[], work: (item: T, index: number) => R): Promise<R[]> {
  const slices = new TimeSlices();
  const results: R[] = new Array(items.length);
  for (let index = 0; index < items.length; index += 1) {
    results[index] = work(items[index], index);
    if (slices.due()) await slices.yield();
  }
  return results;
}

/** Items sorted natively at a time: a few milliseconds of work at most. */
const SORT_RUN = 2048;

/**
 * A stable sort that yields between slices (sorting a million listed objects natively holds the
 * loop for about a second): runs sorted natively, then merged pairwise. Returns a new array.
 */
export async function sortInSlices<T>(items: readonly T[], compare: (a: T, b: T) => number): Promise<T[]> {
  const slices = new TimeSlices();
  const total = items.length;
  let from: T[] = [];
  for (let start = 0; start < total; start += SORT_RUN) {
    for (const item of items.slice(start, start + SORT_RUN).sort(compare)) from.push(item);
    if (slices.due()) await slices.yield();
  }
  let to: T[] = new Array<T>(total);
  for (let width = SORT_RUN; width < total; width *= 2) {
    for (let left = 0; left < total; left += 2 * width) {
      const middle = Math.min(left + width, total);
      const end = Math.min(left + 2 * width, total);
      let i = left;
      let j = middle;
      let k = left;
      // Ties take the left run's item first: the order before sorting is kept among equals.
      while (i < middle && j < end) {
        to[k++] = compare(from[j], from[i]) < 0 ? from[j++] : from[i++];
        if ((k & 1023) === 0 && slices.due()) await slices.yield();
      }
      while (i < middle) to[k++] = from[i++];
      while (j < end) to[k++] = from[j++];
      if (slices.due()) await slices.yield();
    }
    [from, to] = [to, from];
  }
  return from;
}
