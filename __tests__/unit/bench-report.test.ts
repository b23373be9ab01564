/** The bench's arithmetic and report: pure functions, so the published table is built the way it says. */
import { comparisonRow, memoryRow, renderReport, renderTable } from '../../dev/bench/report.js';
import { performance } from 'node:perf_hooks';
import { interleave, median, ratio, roundOrder } from '../../dev/bench/stats.js';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });
});

describe('interleave', () => {
  it('warms both up, then alternates which runs first each round', async () => {
    const calls: string[] = [];
    const result = await interleave(
      4,
      2,
      async () => calls.push('a'),
      async () => calls.push('b'),
    );
    // warm-up a, b; round 0: a, b; round 1: b, a; round 2: a, b; round 3: b, a (each sample is 2 calls)
    expect(calls.join('')).toBe('aabb' + 'aabb' + 'bbaa' + 'aabb' + 'bbaa');
    expect(result.ratio).toBeGreaterThan(0);
  });

  it("takes the ratio round by round, so a slow spell that hits both of a round's samples cancels", async () => {
    // Per-call costs by sample (the first is the warm-up): round 2 ran on a machine five times slower.
    const costsA = [1, 10, 50, 12];
    const costsB = [1, 2, 10, 3];
    let clock = 0;
    let sampleA = -1;
    let sampleB = -1;
    const now = jest.spyOn(performance, 'now').mockImplementation(() => clock);
    try {
      const result = await interleave(
        3,
        1,
        async () => (clock += costsA[(sampleA += 1)]),
        async () => (clock += costsB[(sampleB += 1)]),
      );
      // Medians alone (12 and 3) would say 4; the rounds' own ratios are 5, 5 and 4.
      expect(result).toMatchObject({ a: 12, b: 3, ratio: 5 });
    } finally {
      now.mockRestore();
    }
  });

  it('compares per-call medians, so a slower side shows a ratio above 1', async () => {
    // A fake clock: each call of a takes 10 ticks, each call of b 2, so the result is exact.
    let clock = 0;
    const now = jest.spyOn(performance, 'now').mockImplementation(() => clock);
    try {
      const result = await interleave(
        3,
        4,
        async () => (clock += 10),
        async () => (clock += 2),
      );
      expect(result).toMatchObject({ a: 10, b: 2, ratio: 5 });
    } finally {
      now.mockRestore();
    }
  });

  it('warms up as many samples as asked, and takes processor time round by round too', async () => {
    // A fake processor clock: each call of a uses 30 µs, each call of b 10 µs.
    let used = 0;
    let callsA = 0;
    const cpu = jest.spyOn(process, 'cpuUsage').mockImplementation((before?: NodeJS.CpuUsage) => ({
      user: used - (before?.user ?? 0),
      system: 0,
    }));
    try {
      const result = await interleave(
        4,
        2,
        async () => ((used += 30), (callsA += 1)),
        async () => (used += 10),
        3,
      );
      expect(callsA).toBe((3 + 4) * 2);
      expect(result.cpuRatio).toBe(3);
    } finally {
      cpu.mockRestore();
    }
  });
});

describe('roundOrder', () => {
  it('alternates two runs, and gives three every position and every predecessor equally often', () => {
    expect([0, 1, 2, 3].map((round) => roundOrder(2, round).join(''))).toEqual(['01', '10', '01', '10']);
    const positions = new Map<string, number>();
    const follows = new Map<string, number>();
    for (let round = 0; round < 6; round += 1) {
      const order = roundOrder(3, round);
      expect([...order].sort()).toEqual([0, 1, 2]);
      order.forEach((run, position) => {
        positions.set(`${run}@${position}`, (positions.get(`${run}@${position}`) ?? 0) + 1);
        if (position > 0)
          follows.set(`${run}<${order[position - 1]}`, (follows.get(`${run}<${order[position - 1]}`) ?? 0) + 1);
      });
    }
    expect([...positions.values()]).toEqual(Array(9).fill(2));
    expect(follows.size).toBe(6);
    expect(new Set(follows.values())).toEqual(new Set([2]));
  });
});

describe('comparisonRow', () => {
  it('meets a target at or below it and misses above it', () => {
    expect(comparisonRow('m', '1 ms', '1 ms', 1.05, 1.05)).toMatchObject({
      ratio: '1.05×',
      target: '≤ 1.05×',
      verdict: 'met',
    });
    expect(comparisonRow('m', '1 ms', '1 ms', 1.051, 1.05).verdict).toBe('missed');
    expect(comparisonRow('m', '1 ms', '1 ms', 3)).toMatchObject({ target: '—', verdict: '—' });
    expect(ratio(0.5)).toBe('0.50×');
  });
});

describe('memoryRow', () => {
  it('gives both sides as multiples of the size and checks the plugin against the limit', () => {
    expect(memoryRow('m', 2.5 * 1024, 3 * 1024, 1024, 3)).toEqual({
      measure: 'm',
      plugin: '2.50× size',
      baseline: '3.00× size',
      ratio: '0.83×',
      target: '≤ 3× size',
      verdict: 'met',
    });
    expect(memoryRow('m', 3.1 * 1024, 3 * 1024, 1024, 3).verdict).toBe('missed');
    expect(memoryRow('m', 512, 0, 1024, undefined, 'n/a')).toMatchObject({ ratio: 'n/a', target: '—', verdict: '—' });
  });
});

describe('report', () => {
  const rows = [comparisonRow('1. warm read', '4.80 ms', '4.90 ms', 0.98, 1.05)];

  it('renders a markdown table with one line per row', () => {
    const lines = renderTable(rows).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('| 1. warm read | 4.80 ms | 4.90 ms | 0.98× | ≤ 1.05× | met |');
  });

  it('names the machine and the date and lists the notes', () => {
    const report = renderReport(rows, '2 cores, 24 GiB memory, Node.js v20', '2026-11-24', ['why it is so']);
    expect(report).toContain('on 2026-11-24: 2 cores, 24 GiB memory, Node.js v20.');
    expect(report).toContain('| 1. warm read |');
    expect(report).toContain('- why it is so');
  });
});
