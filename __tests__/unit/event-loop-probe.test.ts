/** The probe the 50 ms budget tests rely on measures the work, not the garbage of earlier tests. */
import { calmestRun, probeEventLoop, threadCpuMs } from '../support/event-loop-probe.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
/** ES2021's WeakRef, typed here: the app builder's plugin build compiles this folder with ES2020's library. */
const { WeakRef } = globalThis as unknown as {
  WeakRef: new <T extends object>(target: T) => { deref(): T | undefined };
};

it('collects the garbage left before a second run, so a collection of it is not counted as the work', async () => {
  let left: object | null = { payload: new Array(1000).fill('left') };
  const ref = new WeakRef(left);
  left = null;
  await nextTurn(); // A WeakRef's target lives to the end of the turn that made or read it.
  const found: Array<object | undefined> = [];
  await calmestRun(async () => found.push(found.length === 0 ? {} : ref.deref()), { runs: 2, warm: false });
  expect(found).toEqual([{}, undefined]);
});

it('records a stretch of the work that does not yield', async () => {
  const probed = await probeEventLoop(async () => {
    await nextTurn();
    const until = threadCpuMs() + 80;
    while (threadCpuMs() < until);
  });
  expect(probed.longestStallMs).toBeGreaterThanOrEqual(60);
});

it('stops at the first run within enoughMs, and warms only when asked', async () => {
  let calls = 0;
  const work = async () => (calls += 1);
  const probed = await calmestRun(work, { runs: 5, warm: false, enoughMs: 1000 });
  expect({ calls, result: probed.result }).toEqual({ calls: 1, result: 1 });
  calls = 0;
  await calmestRun(work, { runs: 2 });
  expect(calls).toBe(3);
});
