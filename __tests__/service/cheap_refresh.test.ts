/** get_object and head_object with ifNoneMatch / ifModifiedSince: an unchanged object answers NotModified, with no body. */
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const BUCKET = 'refreshing';
const s3 = useS3Server([BUCKET]);
const { run, fail, upload } = serviceQueries(s3, 'cheap-refresh-ds');

it.each(['get_object', 'head_object'])(
  '%s: the ETag last read answers NotModified, a changed object its new content',
  async (operation) => {
    const key = `${operation}.json`;
    const first = await upload(BUCKET, key, '{"v": 1}');
    const unchanged = await run({ operation, bucket: BUCKET, key, ifNoneMatch: first.ETag });
    expect(unchanged).toMatchObject({ NotModified: true, Bucket: BUCKET, Key: key });
    expect(unchanged).not.toHaveProperty('Body');
    expect('$metadata' in unchanged).toBe(operation === 'get_object');
    // Unquoted, as some tools show ETags, it is the same ETag.
    expect(await run({ operation, bucket: BUCKET, key, ifNoneMatch: first.ETag.replace(/"/g, '') })).toMatchObject({
      NotModified: true,
    });

    const second = await upload(BUCKET, key, '{"v": 2}');
    const changed = await run({ operation, bucket: BUCKET, key, ifNoneMatch: first.ETag });
    expect(changed.NotModified).toBeUndefined();
    expect(changed.ETag).toBe(second.ETag);
    if (operation === 'get_object') expect(changed.Body).toBe('{"v": 2}');
  },
);

it('ifModifiedSince: not newer answers NotModified; an older date reads the object', async () => {
  await upload(BUCKET, 'dated.txt', 'hello');
  const head = await run({ operation: 'head_object', bucket: BUCKET, key: 'dated.txt' });
  const later = new Date(Date.parse(head.LastModified) + 60_000).toISOString();
  const unchanged = await run({ operation: 'get_object', bucket: BUCKET, key: 'dated.txt', ifModifiedSince: later });
  expect(unchanged).toMatchObject({ NotModified: true });
  expect(unchanged).not.toHaveProperty('Body');
  const earlier = 'Thu, 01 Jan 2015 00:00:00 GMT';
  const read = await run({ operation: 'get_object', bucket: BUCKET, key: 'dated.txt', ifModifiedSince: earlier });
  expect(read.Body).toBe('hello');
});

it('refuses a bad ETag or date before any request, naming the field', async () => {
  const base = { operation: 'get_object', bucket: 'no-such-bucket-here', key: 'k' };
  const bad = await fail({ ...base, ifModifiedSince: 'last tuesday-ish' });
  expect(bad.data).toMatchObject({ code: 'InvalidOption', field: 'ifModifiedSince' });
  const etag = await fail({ ...base, operation: 'head_object', ifNoneMatch: 'a"b' });
  expect(etag.data).toMatchObject({ code: 'InvalidOption', field: 'ifNoneMatch' });
});
