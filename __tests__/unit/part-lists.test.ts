/** The part lists of browser multipart uploads: plans, part numbers to sign, parts to complete. */
import { parseCompletedParts, parsePartNumbers, partPlan } from '../../lib/operations/part-lists.js';

const MIB = 1024 * 1024;

describe('partPlan', () => {
  it('cuts a file into parts of the asked size, the last one shorter, as Blob.slice ranges', () => {
    const plan = partPlan(12 * MIB + 1, 5 * MIB);
    expect(plan.partCount).toBe(3);
    expect(plan.parts).toEqual([
      { PartNumber: 1, start: 0, end: 5 * MIB, size: 5 * MIB },
      { PartNumber: 2, start: 5 * MIB, end: 10 * MIB, size: 5 * MIB },
      { PartNumber: 3, start: 10 * MIB, end: 12 * MIB + 1, size: 2 * MIB + 1 },
    ]);
    expect(plan.Warning).toBeUndefined();
  });

  it('raises the part size (whole MiB) so a 20 GB file fits in 10,000 parts, and says so', () => {
    const size = 20 * 1024 ** 3;
    const plan = partPlan(size, 1 * MIB);
    expect(plan.partSize).toBe(5 * MIB);
    const huge = partPlan(5 * 1024 ** 4, 16 * MIB);
    expect(huge.partCount).toBeLessThanOrEqual(10_000);
    expect(huge.partSize % MIB).toBe(0);
    expect(huge.parts[huge.parts.length - 1].end).toBe(5 * 1024 ** 4);
    expect(huge.Warning).toMatch(/raised to .* more than 10,000 parts/);
  });

  it('keeps the asked part size when it already fits', () => {
    expect(partPlan(20 * 1024 ** 3, 16 * MIB)).toMatchObject({ partSize: 16 * MIB, partCount: 1280 });
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
  ])('%j → %j', (value, expected) => {
    expect(parsePartNumbers({ partNumbers: value })).toEqual(expected);
  });

  it.each([['0'], ['10001'], ['1.5'], ['a'], ['5-2'], ['[0]'], ['{"a":1}'], [true]])('%j is refused', (value) => {
    expect(() => parsePartNumbers({ partNumbers: value })).toThrow(/Invalid 'partNumbers'/);
  });
});

describe('parseCompletedParts', () => {
  it('takes any case of the names, quotes the ETags and sorts by part number', () => {
    expect(
      parseCompletedParts({ parts: '[{"partNumber": 2, "etag": "b2"}, {"PartNumber": "1", "ETag": "\\"a1\\""}]' }),
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
  ])('%s is refused: %s', (parts, message) => {
    expect(() => parseCompletedParts({ parts })).toThrow(message);
  });
});
