/** Multipart copies stay within S3's 10,000 parts, whatever the size. */
import { copyParts } from '../../lib/operations/shared/copy.js';

const MIB = 1024 * 1024;

it('uses the given part size while it needs at most 10,000 parts', () => {
  const parts = copyParts(12 * MIB, 5 * MIB);
  expect(parts.map(({ start, end }) => [start, end])).toEqual([
    [0, 5 * MIB - 1],
    [5 * MIB, 10 * MIB - 1],
    [10 * MIB, 12 * MIB - 1],
  ]);
});

it.each([5 * 1024 ** 4, 5 * 1024 ** 4 - 1, 10_000 * 512 * MIB + 1])(
  'a %d byte copy takes at most 10,000 whole-MiB parts covering every byte once',
  (size) => {
    const parts = copyParts(size, 512 * MIB);
    expect(parts.length).toBeLessThanOrEqual(10_000);
    expect(parts[0].start).toBe(0);
    expect(parts[parts.length - 1].end).toBe(size - 1);
    for (let i = 1; i < parts.length; i += 1) expect(parts[i].start).toBe(parts[i - 1].end + 1);
    expect((parts[0].end + 1) % MIB).toBe(0);
  },
);
