/** Reading dates and sizes as people type them, and the sort that yields between slices. */
import { byteSizeOption, dateOption } from '../../lib/operations/shared/dates-and-sizes.js';
import { sortInSlices } from '../../lib/time-slices.js';

const size = (value: unknown) => byteSizeOption({ minSize: value }, 'minSize');
const date = (value: unknown) => dateOption({ modifiedAfter: value }, 'modifiedAfter');

it.each([
  ['0', 0],
  [5, 5],
  ['1200', 1200],
  ['10 KB', 10_000],
  ['2.5mb', 2_500_000],
  ['1 KiB', 1024],
  ['1.5 GiB', 1.5 * 2 ** 30],
  ['5 TiB', 5 * 2 ** 40],
  ['3 bytes', 3],
  ['0.5 B', 0],
])('reads the size %j as %d bytes', (value, bytes) => {
  expect(size(value)).toBe(bytes);
});

it.each(['-1', '10 parsecs', '1e3', 'MB', '1,000', '1 . 5 MB', '9'.repeat(30)])(
  'refuses the size %j, naming the field',
  (value) => {
    expect(() => size(value)).toThrow(/^Invalid 'minSize': must be a size in bytes, or with a unit/);
  },
);

it('refuses a list or an object as a size without writing it out', () => {
  expect(() => size(Array.from({ length: 100_000 }, () => 1))).toThrow(/\(got 'a list of 100000'\)/);
  expect(() => size({ bytes: 5 })).toThrow(/\(got 'an object'\)/);
});

it.each([
  ['2026-01-31T12:00:00Z', '2026-01-31T12:00:00.000Z'],
  ['2026-01-31', '2026-01-31T00:00:00.000Z'],
  ['Sat, 31 Jan 2026 12:00:00 GMT', '2026-01-31T12:00:00.000Z'],
  [Date.UTC(2026, 0, 31, 12), '2026-01-31T12:00:00.000Z'],
  [new Date(Date.UTC(2026, 0, 31, 12)), '2026-01-31T12:00:00.000Z'],
])('reads the date %j', (value, iso) => {
  expect(date(value)?.toISOString()).toBe(iso);
});

it.each(['last tuesday', 'Infinity', true, 1e20])('refuses the date %j, naming the field', (value) => {
  expect(() => date(value)).toThrow(/^Invalid 'modifiedAfter': must be a date, such as 2026-01-31T12:00:00Z/);
});

it('reads an unset date or size as undefined', () => {
  for (const value of [undefined, null, '', '  ']) {
    expect(date(value)).toBeUndefined();
    expect(size(value)).toBeUndefined();
  }
});

describe('sortInSlices', () => {
  it('sorts as a stable native sort does, at every length around its runs', async () => {
    for (const length of [0, 1, 2047, 2048, 2049, 4097, 10_000]) {
      const items = Array.from({ length }, (_, index) => ({ value: (index * 7919) % 97, index }));
      const compare = (a: { value: number }, b: { value: number }) => a.value - b.value;
      expect(await sortInSlices(items, compare)).toEqual(items.slice().sort(compare));
    }
  });

  it('leaves the input as it was and gives the event loop turns while it sorts many items', async () => {
    const items = Array.from({ length: 400_000 }, (_, index) => (index * 104_729) % 400_009);
    const before = items.slice();
    let turns = 0;
    const ticking = setInterval(() => (turns += 1), 0);
    const sorted = await sortInSlices(items, (a, b) => a - b);
    clearInterval(ticking);
    expect(items).toEqual(before);
    expect(sorted).toEqual(before.slice().sort((a, b) => a - b));
    expect(turns).toBeGreaterThan(0);
  });
});
