/**
 * Long work shares the event loop with every other query of every app (the app builder runs
 * them all in one Node.js process), so a loop that may run long gives the turn back between
 * slices: at most SLICE_MS of work, then the other queries, timers and sockets get their turn.
 */

/** Work done in one stretch before yielding: well under the 50 ms any one query may hold the loop, with room for what the SDK does in the same turn. */
const SLICE_MS = 5;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A clock for one piece of long work: `if (slices.due()) await slices.yield()` between steps. */
export class TimeSlices {
  private started = performance.now();

  /** True when this slice has run its time. */
  due(): boolean {
    return performance.now() - this.started >= SLICE_MS;
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
