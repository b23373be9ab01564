/**
 * list_objects filters (key ending, text, dates, sizes) and sorts: filters apply to each page
 * listed and the result counts what was scanned and matched; a sort needs fetchAll.
 */
import { putObjects } from '../support/folder-objects.js';
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const BUCKET = 'finding';
const s3 = useS3Server([BUCKET]);
const { run, fail } = serviceQueries(s3, 'list-filters-ds');

const FIRST = [
  { key: 'docs/invoice-7.PDF', body: 'i'.repeat(2000) },
  { key: 'docs/notes.txt', body: 'n'.repeat(10) },
  { key: 'docs/report-2026.pdf', body: 'r'.repeat(50_000) },
  { key: 'photos/a.JPG', body: 'a'.repeat(3000) },
  { key: 'photos/b.png', body: 'b'.repeat(100) },
];
const LATER = [
  { key: 'docs/invoice-8.pdf', body: 'j'.repeat(1200) },
  { key: 'photos/c.jpg', body: 'c'.repeat(700) },
];
const ALL = [...FIRST, ...LATER].map((object) => object.key).sort();

interface Listed {
  Contents: Array<{ Key: string; Size: number; LastModified: string }>;
  CommonPrefixes?: Array<{ Prefix: string }>;
  KeyCount: number;
  ScannedCount?: number;
  MatchedCount?: number;
  NextContinuationToken?: string;
  IsTruncated: boolean;
  Pages?: number;
  Warning?: string;
}
const list = async (query: Record<string, unknown>) =>
  (await run({ operation: 'list_objects', bucket: BUCKET, ...query })) as unknown as Listed;
const keys = (listed: Listed) => listed.Contents.map((item) => item.Key);

let firstWritten: string;
let laterWritten: string;
let times: Map<string, number>;
/** Keys by time written (ties in key order, as a sort by date keeps them). */
const byTime = (direction: 1 | -1) =>
  [...ALL].sort((a, b) => direction * ((times.get(a) ?? 0) - (times.get(b) ?? 0)) || (a < b ? -1 : 1));

beforeAll(async () => {
  await putObjects(s3.raw(), BUCKET, FIRST);
  // LastModified has whole seconds: the later objects get a later second.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await putObjects(s3.raw(), BUCKET, LATER);
  const listed = await list({});
  times = new Map(listed.Contents.map((item) => [item.Key, new Date(item.LastModified).getTime()]));
  firstWritten = new Date(Math.max(...FIRST.map((object) => times.get(object.key) ?? NaN))).toISOString();
  laterWritten = new Date(Math.min(...LATER.map((object) => times.get(object.key) ?? NaN))).toISOString();
  expect(laterWritten > firstWritten).toBe(true);
}, 30_000);

it('keeps keys ending with any of several suffixes, in exact case or ignoring case, counting scanned and matched', async () => {
  const exact = await list({ suffix: '.jpg, .pdf' });
  expect(keys(exact)).toEqual(['docs/invoice-8.pdf', 'docs/report-2026.pdf', 'photos/c.jpg']);
  expect(exact).toMatchObject({ ScannedCount: 7, MatchedCount: 3, KeyCount: 3 });
  const anyCase = await list({ suffix: '.jpg,.pdf', ignoreCase: true });
  expect(keys(anyCase)).toEqual([
    'docs/invoice-7.PDF',
    'docs/invoice-8.pdf',
    'docs/report-2026.pdf',
    'photos/a.JPG',
    'photos/c.jpg',
  ]);
  expect(anyCase).toMatchObject({ ScannedCount: 7, MatchedCount: 5 });
});

it('keeps keys containing a text, within a size range given in bytes or with units', async () => {
  expect(keys(await list({ contains: 'invoice' }))).toEqual(['docs/invoice-7.PDF', 'docs/invoice-8.pdf']);
  expect(keys(await list({ contains: 'invoice', minSize: '1.5 KB' }))).toEqual(['docs/invoice-7.PDF']);
  expect(keys(await list({ minSize: 1200, maxSize: '2.9 KiB' }))).toEqual(['docs/invoice-7.PDF', 'docs/invoice-8.pdf']);
  expect(keys(await list({ maxSize: '100 B' }))).toEqual(['docs/notes.txt', 'photos/b.png']);
});

it('keeps objects modified after or before a date a listing returned', async () => {
  expect(keys(await list({ modifiedAfter: firstWritten }))).toEqual(LATER.map((object) => object.key));
  expect(keys(await list({ modifiedBefore: laterWritten }))).toEqual(FIRST.map((object) => object.key));
  const window = await list({ modifiedAfter: firstWritten, modifiedBefore: Date.parse(laterWritten) + 60_000 });
  expect(keys(window)).toEqual(LATER.map((object) => object.key));
});

it('filters each page: one page counts only its keys, and the token goes on from the last key scanned', async () => {
  const first = await list({ suffix: '.pdf', maxKeys: 3 });
  // The first page: invoice-7.PDF, invoice-8.pdf, notes.txt.
  expect(first).toMatchObject({ ScannedCount: 3, MatchedCount: 1, KeyCount: 1, IsTruncated: true });
  expect(keys(first)).toEqual(['docs/invoice-8.pdf']);
  const next = await list({ suffix: '.pdf', maxKeys: 3, continuationToken: first.NextContinuationToken });
  expect(next).toMatchObject({ ScannedCount: 3, MatchedCount: 1, KeyCount: 1, IsTruncated: true });
  expect(keys(next)).toEqual(['docs/report-2026.pdf']);
  const paged = await list({ suffix: '.pdf', fetchAll: true, maxKeys: 2 });
  expect(paged).toMatchObject({ ScannedCount: 7, MatchedCount: 2, Pages: 4, IsTruncated: false });
});

it('fetchAll with a filter stops at maxTotalKeys keys listed, saying how many matched, and the token resumes there', async () => {
  const capped = await list({ suffix: '.pdf', ignoreCase: true, fetchAll: true, maxTotalKeys: 4 });
  expect(capped).toMatchObject({ ScannedCount: 4, MatchedCount: 3, IsTruncated: true });
  expect(capped.Warning).toMatch(/^Stopped at maxTotalKeys \(4\) keys listed \(3 of them matched the filters\)/);
  const rest = await list({ suffix: '.pdf', ignoreCase: true, continuationToken: capped.NextContinuationToken });
  expect(rest).toMatchObject({ ScannedCount: 3, MatchedCount: 0 });
});

it('sorts every object listed by size, by date (ties in key order) or by key, ascending or descending', async () => {
  const bySize = await list({ fetchAll: true, sortBy: 'size', sortOrder: 'desc' });
  expect(bySize.Contents.map((item) => item.Size)).toEqual([50_000, 3000, 2000, 1200, 700, 100, 10]);
  const newest = await list({ fetchAll: true, sortBy: 'lastModified', sortOrder: 'desc', maxKeys: 3 });
  expect(keys(newest)).toEqual(byTime(-1));
  expect(newest.Pages).toBe(3);
  const oldest = await list({ fetchAll: true, sortBy: 'lastmodified' });
  expect(keys(oldest)).toEqual(byTime(1));
  expect(keys(await list({ fetchAll: true, sortBy: 'key', sortOrder: 'desc' }))).toEqual([...ALL].reverse());
  const folders = await list({ fetchAll: true, delimiter: '/', sortBy: 'key', sortOrder: 'desc' });
  expect(folders.CommonPrefixes).toEqual([{ Prefix: 'photos/' }, { Prefix: 'docs/' }]);
});

it('filters and sorts together, with signed URLs on the objects kept', async () => {
  const listed = (await run({
    operation: 'list_objects',
    bucket: BUCKET,
    prefix: 'photos/',
    suffix: '.jpg',
    ignoreCase: true,
    fetchAll: true,
    sortBy: 'size',
    includeSignedUrls: true,
  })) as unknown as { Contents: Array<{ Key: string; SignedUrl: string }> };
  expect(listed.Contents.map((item) => item.Key)).toEqual(['photos/c.jpg', 'photos/a.JPG']);
  const download = await fetch(listed.Contents[1].SignedUrl);
  expect(await download.text()).toBe('a'.repeat(3000));
});

it('refuses a sort without fetchAll, empty ranges, and dates, sizes or suffixes it cannot read, before any request', async () => {
  const refusals: Array<[Record<string, unknown>, string, RegExp]> = [
    [
      { sortBy: 'size' },
      'sortBy',
      /needs fetchAll: sorting one page would order only the keys of that page \(up to 1,000\)/,
    ],
    [{ sortBy: 'age', fetchAll: true }, 'sortBy', /must be one of key, lastModified, size/],
    [{ minSize: '2 MB', maxSize: '1 MB' }, 'maxSize', /must be at least minSize \(2,000,000 bytes\)/],
    [
      { modifiedAfter: '2026-02-01', modifiedBefore: '2026-01-01' },
      'modifiedBefore',
      /must be later than modifiedAfter \(2026-02-01T00:00:00.000Z\)/,
    ],
    [{ modifiedAfter: 'last tuesday' }, 'modifiedAfter', /must be a date, such as 2026-01-31T12:00:00Z/],
    [{ minSize: '10 parsecs' }, 'minSize', /must be a size in bytes, or with a unit: 10 KB/],
    [{ maxSize: '-5' }, 'maxSize', /must be a size in bytes/],
    [{ suffix: ' , ' }, 'suffix', /must name at least one ending/],
    [{ suffix: Array.from({ length: 21 }, (_, i) => `.e${i}`).join(',') }, 'suffix', /at most 20 comma-separated/],
  ];
  for (const [query, field, message] of refusals) {
    const error = await fail({ operation: 'list_objects', bucket: 'no-such-bucket-here', ...query });
    expect({ field: error.data.field, code: error.data.code }).toEqual({ field, code: 'InvalidOption' });
    expect(error.message).toMatch(message);
  }
});

it('a listing without filters has no counts, as before', async () => {
  const plain = await list({});
  expect(keys(plain)).toEqual(ALL);
  expect(plain).not.toHaveProperty('ScannedCount');
  expect(plain).not.toHaveProperty('MatchedCount');
});
