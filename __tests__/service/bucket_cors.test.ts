/**
 * Bucket CORS rules: reading (none is an empty list, not an error), writing from the form or the
 * browser-uploads preset, replacing or appending, deleting, and what a browser's preflight then
 * gets from the server itself.
 */
import { APP_PAGE_ORIGIN, useS3Server } from '../support/s3-server.js';
import { Data, serviceQueries } from '../support/service-queries.js';

const BUCKET = 'cors-rules';
const s3 = useS3Server([BUCKET]);
const { run, upload } = serviceQueries(s3, 'cors-ds');
const ORIGIN = APP_PAGE_ORIGIN;

/** A browser's preflight for a PUT of `key` from `origin`, answered by the server. */
const preflight = (origin: string, key = 'upload.txt') =>
  fetch(`${s3.endpoint()}/${s3.unsignedBucketPath(BUCKET)}/${key}`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Headers': 'content-type',
    },
  });

/** A rule with its lists sorted, to compare rules whatever order a server keeps. */
const sortedLists = (rule: Data): Data =>
  Object.fromEntries(
    Object.entries(rule).map(([name, value]) => [name, Array.isArray(value) ? [...value].sort() : value]),
  );

it('reads a bucket without CORS rules as an empty list, with a note', async () => {
  await run({ operation: 'delete_bucket_cors', bucket: BUCKET });
  const data = await run({ operation: 'get_bucket_cors', bucket: BUCKET });
  expect(data).toEqual({
    CORSRules: [],
    Configured: false,
    AllowsBrowserUploads: false,
    Bucket: BUCKET,
    Note: expect.stringMatching(/^The bucket has no CORS configuration: browsers may not call it from a web page/),
  });
  expect((await preflight(ORIGIN)).status).toBe(403);
});

it('writes the browser-uploads preset, which a browser preflight from that origin then passes', async () => {
  const written = await run({
    operation: 'put_bucket_cors',
    bucket: BUCKET,
    preset: 'browser-uploads',
    allowedOrigins: `["${ORIGIN}", "http://localhost:3000"]`,
  });
  const rule = {
    AllowedOrigins: [ORIGIN, 'http://localhost:3000'],
    AllowedMethods: ['GET', 'PUT', 'POST', 'HEAD'],
    AllowedHeaders: ['*'],
    ExposeHeaders: ['ETag', 'x-amz-version-id'],
    MaxAgeSeconds: 3000,
  };
  expect(written).toMatchObject({ Rule: rule, CORSRules: [rule], Added: true, Mode: 'replace', Bucket: BUCKET });
  expect(written.PreviousRules).toEqual([]);
  // Headers listed with the preset are added to its own: ETag stays exposed.
  const extra = await run({
    operation: 'put_bucket_cors',
    bucket: BUCKET,
    preset: 'browser-uploads',
    allowedOrigins: ORIGIN,
    exposeHeaders: 'x-amz-request-id',
    mode: 'append',
  });
  expect(extra.Rule.ExposeHeaders).toEqual(['ETag', 'x-amz-version-id', 'x-amz-request-id']);
  await run({
    operation: 'put_bucket_cors',
    bucket: BUCKET,
    preset: 'browser-uploads',
    allowedOrigins: `["${ORIGIN}", "http://localhost:3000"]`,
  });
  const read = await run({ operation: 'get_bucket_cors', bucket: BUCKET });
  expect(read).toMatchObject({ Configured: true, AllowsBrowserUploads: true });
  // Ceph RGW stores methods and origins as sets and answers them sorted.
  expect(read.CORSRules.map(sortedLists)).toEqual([expect.objectContaining(sortedLists(rule))]);

  const allowed = await preflight(ORIGIN);
  expect(allowed.status).toBe(200);
  expect(allowed.headers.get('access-control-allow-origin')).toBe(
    s3.differences.corsAllowOrigin === '*' ? '*' : ORIGIN,
  );
  expect(allowed.headers.get('access-control-allow-methods')).toMatch(/PUT/);
  expect((await preflight('https://elsewhere.example.com')).status).toBe(403);

  // The upload itself, as a page sends it: the page may read the ETag.
  const signed = await run({ operation: 'signed_url_for_put', bucket: BUCKET, key: 'upload.txt' });
  const put = await fetch(signed.url, { method: 'PUT', body: 'from a page', headers: { Origin: ORIGIN } });
  expect(put.status).toBe(200);
  expect(put.headers.get('access-control-expose-headers')?.toLowerCase()).toMatch(/etag/);
});

it('replaces the rules by default; append adds a rule once', async () => {
  await run({
    operation: 'put_bucket_cors',
    bucket: BUCKET,
    allowedOrigins: 'https://one.example.com\nhttps://two.example.com',
    allowedMethods: 'get\nhead\nGET',
    maxAgeSeconds: '60',
  });
  const custom = {
    AllowedOrigins: ['https://one.example.com', 'https://two.example.com'],
    AllowedMethods: ['GET', 'HEAD'],
    AllowedHeaders: ['*'],
    ExposeHeaders: ['ETag'],
    MaxAgeSeconds: 60,
  };
  const replaced = await run({ operation: 'get_bucket_cors', bucket: BUCKET });
  // What the replace removed comes back with it.
  const again = await run({
    operation: 'put_bucket_cors',
    bucket: BUCKET,
    allowedOrigins: 'https://one.example.com\nhttps://two.example.com',
    allowedMethods: 'get\nhead\nGET',
    maxAgeSeconds: '60',
  });
  expect(again.PreviousRules.map(sortedLists)).toEqual([expect.objectContaining(sortedLists(custom))]);
  expect(replaced.CORSRules.map(sortedLists)).toEqual([expect.objectContaining(sortedLists(custom))]);
  expect(replaced.AllowsBrowserUploads).toBe(false);

  const append = {
    operation: 'put_bucket_cors',
    bucket: BUCKET,
    mode: 'append',
    allowedOrigins: '*',
    allowedMethods: '["PUT"]',
    allowedHeaders: 'Content-Type',
    exposeHeaders: 'ETag, x-amz-request-id',
  };
  const added = await run(append);
  expect(added).toMatchObject({ Added: true, Mode: 'append' });
  expect(added.CORSRules).toHaveLength(2);
  const repeated = await run(append);
  expect(repeated).toMatchObject({ Added: false });
  const both = await run({ operation: 'get_bucket_cors', bucket: BUCKET });
  expect(both.CORSRules.map((rule: Data) => rule.AllowedOrigins.sort())).toEqual([custom.AllowedOrigins, ['*']]);
  expect(both.AllowsBrowserUploads).toBe(true);
});

it('deletes the rules', async () => {
  await upload(BUCKET, 'kept.txt', 'objects stay');
  const deleted = await run({ operation: 'delete_bucket_cors', bucket: BUCKET });
  expect(deleted).toMatchObject({ Deleted: true, Bucket: BUCKET });
  expect(await run({ operation: 'get_bucket_cors', bucket: BUCKET })).toMatchObject({
    CORSRules: [],
    Configured: false,
  });
  expect((await run({ operation: 'get_object', bucket: BUCKET, key: 'kept.txt' })).Body).toBe('objects stay');
});
