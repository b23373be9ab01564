/** The part lists of browser multipart uploads: plans, part numbers to sign, parts to complete. */
import { partPlan } from '../../lib/operations/multipart/part-plan.js';
import { parseCompletedParts, parsePartNumbers } from '../../lib/operations/shared/part-lists.js';

const MIB = 1024 * 1024;

describe('partPlan', () => {
  it('cuts a file into parts of the asked size, the last one shorter, as Blob.slice ranges', async () => {
    const plan = partPlan(12 * MIB + 1, 5 * MIB);
    expect(plan.PartCount).toBe(3);
    expect(plan.Parts).toEqual([
      { PartNumber: 1, Start: 0, End: 5 * MIB, Size: 5 * MIB },
      { PartNumber: 2, Start: 5 * MIB, End: 10 * MIB, Size: 5 * MIB },
      { PartNumber: 3, Start: 10 * MIB, End: 12 * MIB + 1, Size: 2 * MIB + 1 },
    ]);
    expect(plan.Warning).toBeUndefined();
  });

  it('raises the part size (whole MiB) so a 20 GB file fits in 10,000 parts, and says so', async () => {
    const size = 20 * 1024 ** 3;
    const plan = partPlan(size, 1 * MIB);
    expect(plan.PartSize).toBe(5 * MIB);
    const huge = partPlan(5 * 1024 ** 4, 16 * MIB);
    expect(huge.PartCount).toBeLessThanOrEqual(10_000);
    expect(huge.PartSize % MIB).toBe(0);
    expect(huge.Parts[huge.Parts.length - 1].End).toBe(5 * 1024 ** 4);
    expect(huge.Warning).toMatch(/raised to .* more than 10,000 parts/);
  });

  it('keeps the asked part size when it already fits', async () => {
    expect(partPlan(20 * 1024 ** 3, 16 * MIB)).toMatchObject({ PartSize: 16 * MIB, PartCount: 1280 });
  });
});

describe('parsePartNumbers', () => {
  it.each([
    ['1-3', [1, 2, 3]],
    [' 5, 1-2 ,2 ', [1, 2, 5]],
    ['[3, 1, "2"]', [1, 2, 3]],
    [
      [4, 4, 1],
      [1, 4],
    ],
    [7, [7]],
    ['10000', [10000]],
  ])('%j → %j', async (value, expected) => {
    expect(await parsePartNumbers({ partNumbers: value })).toEqual(expected);
  });

  it.each([['0'], ['10001'], ['1.5'], ['a'], ['5-2'], ['[0]'], ['{"a":1}'], [true]])('%j is refused', async (value) => {
    await expect(parsePartNumbers({ partNumbers: value })).rejects.toThrow(/Invalid 'partNumbers'/);
  });
});

describe('parsePartNumbers on hostile lists', () => {
  it('merges repeated and overlapping ranges before expanding any (each number once)', async () => {
    const repeated = '1-10000,'.repeat(9_999) + '1-10000';
    expect(repeated.length).toBeLessThanOrEqual(80_000);
    const numbers = await parsePartNumbers({ partNumbers: repeated });
    expect(numbers).toHaveLength(10_000);
    expect(numbers[0]).toBe(1);
    expect(numbers[9_999]).toBe(10_000);
    expect(await parsePartNumbers({ partNumbers: '5-9, 1-3, 2-6, 20, 9-10' })).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20,
    ]);
  });

  it('refuses text longer than 10,000 part numbers can need, before reading it', async () => {
    await expect(parsePartNumbers({ partNumbers: '1,'.repeat(40_001) })).rejects.toThrow(
      /Invalid 'partNumbers': must be at most 80,000 characters \(got 80,002\)/,
    );
  });

  it('refuses a deeply nested JSON array with a message, not a stack overflow', async () => {
    const nested = '['.repeat(30_000) + ']'.repeat(30_000);
    await expect(parsePartNumbers({ partNumbers: nested })).rejects.toThrow(/nested more than 64 levels/);
    // From an expression: the value itself, no text.
    let deep: unknown[] = [1];
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    await expect(parsePartNumbers({ partNumbers: deep })).rejects.toThrow(/nested more than 64 levels/);
  });
});

describe('parseCompletedParts', () => {
  it('takes any case of the names, quotes the ETags and sorts by part number', async () => {
    expect(
      await parseCompletedParts({
        parts: '[{"partNumber": 2, "etag": "b2"}, {"PartNumber": "1", "ETag": "\\"a1\\""}]',
      }),
    ).toEqual([
      { PartNumber: 1, ETag: '"a1"' },
      { PartNumber: 2, ETag: '"b2"' },
    ]);
  });

  it.each([
    ['[]', /at least one part/],
    ['[1, 2]', /entry 1 must be an object/],
    ['[{"PartNumber": 1, "ETag": ""}]', /needs the ETag/],
    ['[{"PartNumber": 1, "ETag": "a b"}]', /not an ETag/],
    ['[{"PartNumber": 10001, "ETag": "a"}]', /1 to 10,000/],
    ['[{"PartNumber": 1, "ETag": "a"}, {"PartNumber": 1, "ETag": "b"}]', /part 1 twice/],
    ['[{"PartNumber": 1', /not valid JSON/],
    ['[{"PartNumber": 1, "ETag": "' + 'e'.repeat(257) + '"}]', /longer than 256 characters/],
    [
      `[{"PartNumber": 1, "ETag": "a"${Array.from({ length: 20 }, (_, i) => `, "x${i}": 0`).join('')}}]`,
      /20 properties|22 properties/,
    ],
    [`[${'{"PartNumber": 1, "ETag": "a"},'.repeat(10_001).slice(0, -1)}]`, /at most 10,000 parts/],
    [[[[[[]]]]], /must be an object/],
  ])('%s is refused: %s', async (parts, message) => {
    await expect(parseCompletedParts({ parts })).rejects.toThrow(message);
  });

  it('refuses text longer than 10,000 parts can need before parsing it', async () => {
    const parts = `[${' '.repeat(3_000_001)}]`;
    await expect(parseCompletedParts({ parts })).rejects.toThrow(/at most 3,000,000 characters \(got 3,000,003\)/);
  });
});
