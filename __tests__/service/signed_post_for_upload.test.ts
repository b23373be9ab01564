/**
 * signed_post_for_upload: an HTML-form upload whose limits the server enforces. Each upload
 * here is the multipart/form-data POST a browser sends for a <form> or fetch(FormData), and
 * each refusal comes from the server checking the signed policy (RGW natively; on s3rver the
 * SigV4 check in front of it).
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sharedBucketName, useS3Server } from '../support/s3-server.js';
import { Data, serviceQueries } from '../support/service-queries.js';

const BUCKET = sharedBucketName('form-uploads');
const s3 = useS3Server([BUCKET], { sharedNamespace: true });
const { run, read, fail } = serviceQueries(s3, 'signed-post-ds');

/** What a browser sends: the signed fields, the extra fields the page adds, then the file. */
async function post(
  signed: Data,
  file: { bytes: Buffer; name: string; type?: string },
  extra: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...signed.Fields, ...extra })) form.append(name, value as string);
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? '' }), file.name);
  const response = await fetch(signed.Url, { method: 'POST', body: form });
  return { status: response.status, text: await response.text() };
}

const code = (text: string): string | undefined => /<Code>([^<]+)<\/Code>/.exec(text)?.[1];

it('a file inside the limits is stored byte-exact under the prefix and its own name, with the signed metadata', async () => {
  const signed = await run({
    operation: 'signed_post_for_upload',
    bucket: BUCKET,
    keyPrefix: 'avatars/',
    maxSizeBytes: '4096',
    contentTypePrefix: 'image/',
    metadata: '{"uploaded-by": "ada"}',
    expiresIn: '600',
  });
  expect(signed).toMatchObject({
    Method: 'POST',
    FileField: 'file',
    KeyPrefix: 'avatars/',
    MaxSizeBytes: 4096,
    Fields: { key: 'avatars/${filename}', success_action_status: '201', 'x-amz-meta-uploaded-by': 'ada' },
  });
  expect(Date.parse(signed.ExpiresAt) - Date.now()).toBeGreaterThan(590_000);
  const bytes = randomBytes(4096);
  const answer = await post(signed, { bytes, name: 'me.png', type: 'image/png' }, { 'Content-Type': 'image/png' });
  expect(answer.status).toBe(201);
  expect(answer.text).toContain('avatars/me.png');
  const stored = await read(BUCKET, 'avatars/me.png');
  expect(stored.ContentType).toBe('image/png');
  expect(stored.Metadata).toEqual({ 'uploaded-by': 'ada' });
  expect(Buffer.from(stored.Body, 'base64').equals(bytes)).toBe(true);
});

it('a fixed key stores the file under that key whatever the file is called', async () => {
  const signed = await run({ operation: 'signed_post_for_upload', bucket: BUCKET, key: 'reports/latest.csv' });
  expect(signed.Key).toBe('reports/latest.csv');
  expect(signed.RequiredFields).toEqual({ 'Content-Type': "the file's type" });
  const answer = await post(
    signed,
    { bytes: Buffer.from('a,b\n1,2\n'), name: 'whatever.csv' },
    { 'Content-Type': 'text/csv' },
  );
  expect(answer.status).toBe(201);
  expect((await read(BUCKET, 'reports/latest.csv')).Body).toBe('a,b\n1,2\n');
});

it('a file one byte over the limit is refused and not stored', async () => {
  const signed = await run({
    operation: 'signed_post_for_upload',
    bucket: BUCKET,
    key: 'limits/too-big.bin',
    maxSizeBytes: '1000',
  });
  const answer = await post(
    signed,
    { bytes: randomBytes(1001), name: 'big.bin' },
    { 'Content-Type': 'application/octet-stream' },
  );
  expect(answer.status).toBe(400);
  expect(code(answer.text)).toBe('EntityTooLarge');
  expect((await fail({ operation: 'head_object', bucket: BUCKET, key: 'limits/too-big.bin' })).data).toMatchObject({
    httpStatus: 404,
  });
});

it('a file of another content type is refused', async () => {
  const signed = await run({
    operation: 'signed_post_for_upload',
    bucket: BUCKET,
    keyPrefix: 'images/',
    contentTypePrefix: 'image/',
  });
  const answer = await post(
    signed,
    { bytes: Buffer.from('#!/bin/sh'), name: 'run.sh', type: 'text/x-sh' },
    { 'Content-Type': 'text/x-sh' },
  );
  expect(answer.status).toBe(403);
  expect(code(answer.text)).toBe('AccessDenied');
  expect((await fail({ operation: 'head_object', bucket: BUCKET, key: 'images/run.sh' })).data.httpStatus).toBe(404);
});

it('a key outside the prefix is refused', async () => {
  const signed = await run({ operation: 'signed_post_for_upload', bucket: BUCKET, keyPrefix: 'inbox/' });
  const answer = await post(
    signed,
    { bytes: Buffer.from('sneaky'), name: 'x.txt' },
    { key: 'admin/x.txt', 'Content-Type': 'text/plain' },
  );
  expect(answer.status).toBe(403);
  expect(code(answer.text)).toBe('AccessDenied');
  expect((await fail({ operation: 'head_object', bucket: BUCKET, key: 'admin/x.txt' })).data.httpStatus).toBe(404);
});

it('an expired form is refused', async () => {
  const signed = await run({ operation: 'signed_post_for_upload', bucket: BUCKET, key: 'late/file.txt', expiresIn: 1 });
  // The policy's expiration is to the second: wait until it has passed.
  await sleep(Math.max(0, Date.parse(signed.ExpiresAt) - Date.now()) + 1500);
  const answer = await post(
    signed,
    { bytes: Buffer.from('too late'), name: 'file.txt' },
    { 'Content-Type': 'text/plain' },
  );
  expect(answer.status).toBe(403);
  expect(code(answer.text)).toBe('AccessDenied');
  expect((await fail({ operation: 'head_object', bucket: BUCKET, key: 'late/file.txt' })).data.httpStatus).toBe(404);
});

it('a form signed with a wrong secret is refused', async () => {
  const signed = await run(
    { operation: 'signed_post_for_upload', bucket: BUCKET, key: 'forged/file.txt' },
    { secret_key: 'not-the-secret' },
  );
  const answer = await post(
    signed,
    { bytes: Buffer.from('forged'), name: 'file.txt' },
    { 'Content-Type': 'text/plain' },
  );
  expect(answer.status).toBe(403);
  expect(code(answer.text)).toBe(s3.differences.wrongFormSignature);
  expect((await fail({ operation: 'head_object', bucket: BUCKET, key: 'forged/file.txt' })).data.httpStatus).toBe(404);
});

it('a key prefix is a folder: a / is added, so users/12 never admits users/123/', async () => {
  const signed = await run({ operation: 'signed_post_for_upload', bucket: BUCKET, keyPrefix: 'users/12' });
  expect(signed).toMatchObject({ KeyPrefix: 'users/12/', Fields: { key: 'users/12/${filename}' } });
  const answer = await post(
    signed,
    { bytes: Buffer.from('x'), name: 'x.txt' },
    { key: 'users/123/x.txt', 'Content-Type': 'text/plain' },
  );
  expect(answer.status).toBe(403);
  expect((await fail({ operation: 'head_object', bucket: BUCKET, key: 'users/123/x.txt' })).data.httpStatus).toBe(404);
});

describe('a form serves its files as downloads unless inline display is allowed', () => {
  const page = {
    bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    name: 'x.svg',
  };

  it(`by default the policy requires Content-Disposition: attachment, which the fields carry (${s3.differences.formContentDisposition} by this server)`, async () => {
    const signed = await run({
      operation: 'signed_post_for_upload',
      bucket: BUCKET,
      keyPrefix: 'pictures/',
      contentTypePrefix: 'image/',
    });
    expect(signed.Fields['Content-Disposition']).toBe('attachment');
    const { 'Content-Disposition': _required, ...without } = signed.Fields;
    const refused = await post({ ...signed, Fields: without }, page, { 'Content-Type': 'image/svg+xml' });
    expect(refused.status).toBe(403);
    expect(code(refused.text)).toBe('AccessDenied');
    expect((await fail({ operation: 'head_object', bucket: BUCKET, key: 'pictures/x.svg' })).data.httpStatus).toBe(404);
    const inline = await post(signed, page, { 'Content-Type': 'image/svg+xml', 'Content-Disposition': 'inline' });
    expect(inline.status).toBe(403);
    const stored = await post(signed, page, { 'Content-Type': 'image/svg+xml' });
    expect(stored.status).toBe(201);
    const head = await run({ operation: 'head_object', bucket: BUCKET, key: 'pictures/x.svg' });
    expect(head.ContentType).toBe('image/svg+xml');
    // S3 stores the field with the object; RGW checks it but keeps only the type and metadata of a form.
    const stores = s3.differences.formContentDisposition === 'stored';
    expect(head.ContentDisposition).toBe(stores ? 'attachment' : undefined);
  });

  it('allowInline signs no such condition: the file is served as the browser sees fit', async () => {
    const signed = await run({
      operation: 'signed_post_for_upload',
      bucket: BUCKET,
      key: 'pages/x.html',
      allowInline: true,
    });
    expect(signed.Fields['Content-Disposition']).toBeUndefined();
    const stored = await post(signed, { ...page, name: 'x.html' }, { 'Content-Type': 'text/html' });
    expect(stored.status).toBe(201);
    const head = await run({ operation: 'head_object', bucket: BUCKET, key: 'pages/x.html' });
    expect(head).toMatchObject({ ContentType: 'text/html' });
    expect(head.ContentDisposition).toBeUndefined();
  });
});

it('without a key or a key prefix nothing is signed, and the message says which to give', async () => {
  const error = await fail({ operation: 'signed_post_for_upload', bucket: BUCKET });
  expect(error.data).toMatchObject({ code: 'MissingOption', field: 'key' });
  expect(error.message).toMatch(/'key' or 'keyPrefix' is required/);
});

describe('options are checked before anything is signed', () => {
  it.each([
    [{ key: 'a.txt', keyPrefix: 'in/' }, 'keyPrefix', /either a key or a keyPrefix/],
    [{ key: 'in/${filename}' }, 'key', /must not contain \$\{filename\}: use keyPrefix/],
    [{ keyPrefix: 'in/${filename}' }, 'keyPrefix', /must not contain \$\{filename\}/],
    [{ key: 'a.txt', maxSizeBytes: '0' }, 'maxSizeBytes', /1 to 5,368,709,120/],
    [{ key: 'a.txt', maxSizeBytes: String(5 * 1024 ** 3 + 1) }, 'maxSizeBytes', /1 to 5,368,709,120/],
    [{ key: 'a.txt', contentTypePrefix: 'image' }, 'contentTypePrefix', /such as image\//],
    [{ key: 'a.txt', expiresIn: '604801' }, 'expiresIn', /1 to 604,800/],
    [{ key: 'a.txt', metadata: '{"name": "Zoë"}' }, 'metadata', /ASCII/],
  ])('%j is refused naming %s', async (options, field, message) => {
    const error = await fail({ operation: 'signed_post_for_upload', bucket: BUCKET, ...options });
    expect(error.data).toMatchObject({ code: 'InvalidOption', field });
    expect(error.message).toMatch(message);
  });
});
