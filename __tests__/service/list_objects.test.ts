/**
 * list_objects: pages with continuation tokens, prefixes and offsets, folders with a delimiter,
 * fetch-all up to a cap, and ready signed download URLs.
 */
import { useS3Server } from '../support/s3-server.js';
import { Data, serviceQueries } from '../support/service-queries.js';

const PAGED = 'paged';
const FOLDERS = 'folders';
const MANY = 'many';
const s3 = useS3Server([PAGED, FOLDERS, MANY]);
const { run, upload } = serviceQueries(s3, 'list-ds');
const keys = Array.from({ length: 25 }, (_, i) => `page/item-${String(i).padStart(3, '0')}.txt`);
const many = Array.from({ length: 1200 }, (_, i) => `bulk/item-${String(i).padStart(5, '0')}.txt`);

beforeAll(async () => {
  for (const key of keys) await upload(PAGED, key, key);
  await upload(PAGED, 'other/file.txt', 'x');
  for (let i = 0; i < many.length; i += 50)
    await Promise.all(many.slice(i, i + 50).map((key) => upload(MANY, key, key)));
  await upload(FOLDERS, 'docs/a.txt', 'a');
  await upload(FOLDERS, 'docs/2026/b.txt', 'b');
  await upload(FOLDERS, 'docs/2026/q3/c.txt', 'c');
  await upload(FOLDERS, 'docs/readme.md', '# docs');
}, 120_000);

it('pages through several pages with NextContinuationToken', async () => {
  const seen: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await run({
      operation: 'list_objects',
      bucket: PAGED,
      prefix: 'page/',
      maxKeys: '10',
      continuationToken: token ?? '',
    });
    pages += 1;
    expect(page.KeyCount).toBe(page.Contents.length);
    expect(page.Contents.length).toBeLessThanOrEqual(10);
    seen.push(...page.Contents.map((item: Data) => item.Key));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
    if (page.IsTruncated) expect(typeof page.NextContinuationToken).toBe('string');
  } while (token);
  expect(pages).toBe(3);
  expect(seen).toEqual(keys);
});

it('defaults to 1000 keys per page and filters by prefix', async () => {
  const page = await run({ operation: 'list_objects', bucket: PAGED, prefix: 'page/', maxKeys: '' });
  expect(page.MaxKeys).toBe(1000);
  expect(page.IsTruncated).toBe(false);
  expect(page.Contents).toHaveLength(keys.length);
  expect(page.Contents[0]).toEqual(
    expect.objectContaining({ Key: keys[0], Size: Buffer.byteLength(keys[0]), ETag: expect.stringMatching(/^"/) }),
  );
});

it('starts after the offset key (StartAfter)', async () => {
  const page = await run({ operation: 'list_objects', bucket: PAGED, offset: keys[19], maxKeys: 1000 });
  expect(page.Contents.map((item: Data) => item.Key)).toEqual(keys.slice(20)); // 'other/' sorts before 'page/'
});

it('returns folders as CommonPrefixes beside the objects with a delimiter', async () => {
  const data = await run({ operation: 'list_objects', bucket: FOLDERS, prefix: 'docs/', delimiter: '/' });
  expect(data.Contents.map((item: Data) => item.Key)).toEqual(['docs/a.txt', 'docs/readme.md']);
  expect(data.CommonPrefixes).toEqual([{ Prefix: 'docs/2026/' }]);
  expect(data.Delimiter).toBe('/');
});

it('fetchAll follows continuation tokens and returns every object', async () => {
  const data = await run({ operation: 'list_objects', bucket: MANY, maxKeys: '500', fetchAll: true });
  expect(data.Contents.map((item: Data) => item.Key)).toEqual(many);
  expect(data).toMatchObject({ KeyCount: 1200, IsTruncated: false, Pages: 3, ReachedMaxTotalKeys: false });
  expect(data.Warning).toBeUndefined();
});

it('fetchAll stops at maxTotalKeys, says so, and the token resumes exactly there', async () => {
  const first = await run({
    operation: 'list_objects',
    bucket: MANY,
    maxKeys: '500',
    fetchAll: 'true',
    maxTotalKeys: '700',
  });
  expect(first.Contents).toHaveLength(700);
  expect(first).toMatchObject({ IsTruncated: true, ReachedMaxTotalKeys: true, MaxTotalKeys: 700 });
  expect(first.Warning).toMatch(/Stopped at maxTotalKeys \(700\)/);
  const rest = await run({
    operation: 'list_objects',
    bucket: MANY,
    fetchAll: true,
    continuationToken: first.NextContinuationToken,
  });
  expect(rest.Contents.map((item: Data) => item.Key)).toEqual(many.slice(700));
});

it('adds a working signed download URL to every listed object', async () => {
  const data = await run({
    operation: 'list_objects',
    bucket: FOLDERS,
    prefix: 'docs/2026/',
    includeSignedUrls: true,
    expiresIn: '120',
  });
  expect(data.Contents).toHaveLength(2);
  for (const item of data.Contents) {
    expect(item.SignedUrl).toMatch(/X-Amz-Expires=120/);
    const response = await fetch(item.SignedUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(item.Key.endsWith('b.txt') ? 'b' : 'c');
  }
});
