/**
 * Objects stored as web pages (`text/html`): a HEAD of one answers `text/html`, which is the
 * object's type, not a web console's page. Inspecting, copying, moving, restoring and deleting a
 * version of such an object works, and so does completing a multipart upload of one (Ceph RGW
 * sends no ETag then, so the plugin reads it back with a HEAD).
 */
import { createHash } from 'node:crypto';
import { useS3Server } from '../support/s3-server.js';
import { Data, serviceQueries } from '../support/service-queries.js';

const SITE = 'site-pages';
const VERSIONED = 'site-versions';
const PAGE = '<!doctype html><html><body><h1>Hello</h1></body></html>';
const HTML = 'text/html; charset=utf-8';
const s3 = useS3Server([SITE, VERSIONED]);
const { run, upload, read, fail } = serviceQueries(s3, 'html-objects-ds');
const versioned = s3.differences.versioning === 'supported';
const md5 = (text: string | Buffer) => `"${createHash('md5').update(text).digest('hex')}"`;

beforeAll(async () => {
  if (versioned) await run({ operation: 'put_bucket_versioning', bucket: VERSIONED, status: 'Enabled' });
});

it('inspects a web page object: its own type, size and ETag', async () => {
  await upload(SITE, 'site/index.html', PAGE, { contentType: HTML });
  const head = await run({ operation: 'head_object', bucket: SITE, key: 'site/index.html' });
  expect(head).toMatchObject({ ContentType: HTML, ContentLength: PAGE.length, ETag: md5(PAGE) });
});

it('copies and moves a web page object, which keeps its type', async () => {
  await upload(SITE, 'site/about.html', PAGE, { contentType: HTML });
  const copied = await run({
    operation: 'copy_object',
    sourceBucket: SITE,
    sourceKey: 'site/about.html',
    destinationKey: 'site/about-copy.html',
  });
  expect(copied.ETag).toBe(md5(PAGE));
  const moved = await run({
    operation: 'move_object',
    sourceBucket: SITE,
    sourceKey: 'site/about-copy.html',
    destinationKey: 'archive/about.html',
  });
  expect(moved).toMatchObject({ ETag: md5(PAGE), SourceDeleted: true });
  const stored = await read(SITE, 'archive/about.html');
  expect(stored).toMatchObject({ Body: PAGE, ContentType: HTML });
  const gone = await fail({ operation: 'head_object', bucket: SITE, key: 'site/about-copy.html' });
  expect(gone.data).toMatchObject({ httpStatus: 404 });
});

it('completes a multipart upload of a web page (the ETag read back where the server sends none)', async () => {
  const key = 'site/big.html';
  const plan = await run({ operation: 'create_multipart_upload', bucket: SITE, key, contentType: HTML });
  const signed = await run({
    operation: 'signed_urls_for_parts',
    bucket: SITE,
    key,
    uploadId: plan.UploadId,
    partNumbers: '1',
    expiresIn: 900,
  });
  const response = await fetch(signed.Urls[0].Url, { method: 'PUT', body: PAGE });
  expect(response.status).toBe(200);
  const done = await run({
    operation: 'complete_multipart_upload',
    bucket: SITE,
    key,
    uploadId: plan.UploadId,
    parts: JSON.stringify([{ PartNumber: 1, ETag: response.headers.get('etag') }]),
  });
  expect(done.ETag).toMatch(/^"[0-9a-f]{32}(-1)?"$/);
  expect((await read(SITE, key)).ContentType).toBe(HTML);
});

it(`restores and deletes versions of a web page object (${versioned ? 'versioned bucket' : 'this server has no versions'})`, async () => {
  const key = 'site/home.html';
  const first = await upload(VERSIONED, key, PAGE, { contentType: HTML });
  await upload(VERSIONED, key, '<html>second</html>', { contentType: HTML });
  const versionOf = (data: Data) => data.VersionId as string;
  if (!versioned) {
    // s3rver ignores versionId: the plugin says so (not that the server is no S3 service).
    const restore = await fail({ operation: 'restore_object_version', bucket: VERSIONED, key, versionId: 'v1' });
    expect(restore.data).toMatchObject({ code: 'VersionIdIgnored' });
    const remove = await fail({ operation: 'remove_object', bucket: VERSIONED, key, versionId: 'v1' });
    expect(remove.data).toMatchObject({ code: 'VersionIdIgnored' });
    return;
  }
  const restored = await run({
    operation: 'restore_object_version',
    bucket: VERSIONED,
    key,
    versionId: versionOf(first),
  });
  expect(restored).toMatchObject({ RestoredFrom: versionOf(first), ETag: md5(PAGE) });
  expect(await read(VERSIONED, key)).toMatchObject({ Body: PAGE, ContentType: HTML });
  const removed = await run({ operation: 'remove_object', bucket: VERSIONED, key, versionId: versionOf(first) });
  expect(removed).toMatchObject({ Permanent: true, VersionId: versionOf(first) });
  const versions = await run({ operation: 'list_object_versions', bucket: VERSIONED, key });
  expect(versions.Versions.map(versionOf)).not.toContain(versionOf(first));
});
