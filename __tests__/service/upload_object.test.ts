/**
 * upload_object: every kind of body stored byte for byte (read back with get_object), keys with
 * any characters, content types, stored properties, and multipart uploads of large bodies.
 */
import { createHash, randomBytes } from 'node:crypto';
import { multipartEtag, useS3Server } from '../support/s3-server.js';
import { Data, serviceQueries } from '../support/service-queries.js';

const BUCKET = 'uploads';
const s3 = useS3Server([BUCKET]);
const { run, upload, uploadBytes, read } = serviceQueries(s3, 'upload-ds');
const put = (key: string, data: unknown, extra: Record<string, unknown> = {}) => upload(BUCKET, key, data, extra);
const get = (key: string, extra: Record<string, unknown> = {}) => read(BUCKET, key, extra);
const md5 = (bytes: Buffer | string) => createHash('md5').update(bytes).digest('hex');

it('stores text as UTF-8 and reads it back as text', async () => {
  const text = 'Grüße, 世界! 🚀\nline two\ttab';
  const uploaded = await put('notes/hello.txt', text);
  expect(uploaded).toMatchObject({ Bucket: BUCKET, Key: 'notes/hello.txt', ContentLength: Buffer.byteLength(text) });
  expect(uploaded.ETag).toBe(`"${md5(text)}"`);
  expect(uploaded.ContentType).toBe('text/plain; charset=utf-8');

  const object = await get('notes/hello.txt');
  expect(object.Body).toBe(text);
  expect(object.BodyEncoding).toBe('utf8');
  expect(object.ContentLength).toBe(Buffer.byteLength(text));
  expect(object.ContentType).toBe('text/plain; charset=utf-8');
  expect(object.ETag).toBe(uploaded.ETag);
  expect(object.LastModified).toBeInstanceOf(Date);
});

it('reads random binary bytes back as base64, byte for byte, and writes them back identically', async () => {
  const bytes = randomBytes(64 * 1024);
  bytes[0] = 0x89; // not valid UTF-8, like a PNG
  await uploadBytes(BUCKET, 'bin/random.bin', bytes);

  const object = await get('bin/random.bin');
  expect(object.BodyEncoding).toBe('base64');
  expect(Buffer.from(object.Body, 'base64').equals(bytes)).toBe(true);

  // What an app does with a read result: write it straight back under another key.
  await put('bin/copy.bin', object.Body, { encoding: object.BodyEncoding });
  const copy = await get('bin/copy.bin');
  expect(Buffer.from(copy.Body, 'base64').equals(bytes)).toBe(true);
});

it('stores bytes the server hands over as a Buffer or another typed array as they are', async () => {
  const bytes = randomBytes(4096);
  bytes[0] = 0x89;
  const padded = new Uint8Array(bytes.length + 8);
  padded.set(bytes, 8);
  for (const [key, data] of [
    ['bytes/buffer.bin', bytes],
    ['bytes/uint8array.bin', new Uint8Array(bytes)],
    ['bytes/view.bin', padded.subarray(8)], // a view into a larger buffer: only its own bytes
  ] as const) {
    expect(await put(key, data)).toMatchObject({ ContentLength: bytes.length, ETag: `"${md5(bytes)}"` });
    expect(Buffer.from((await get(key)).Body, 'base64').equals(bytes)).toBe(true);
  }
});

it('accepts a file picker data URL, strips the prefix and keeps its content type', async () => {
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(200)]);
  const uploaded = await put('images/pixel.png', `data:image/png;base64,${png.toString('base64')}`);
  expect(uploaded.ContentType).toBe('image/png');
  expect(uploaded.ContentLength).toBe(png.length);

  const object = await get('images/pixel.png');
  expect(object.ContentType).toBe('image/png');
  expect(object.BodyEncoding).toBe('base64');
  expect(Buffer.from(object.Body, 'base64').equals(png)).toBe(true);
});

it('stores objects and arrays as JSON', async () => {
  const value = { name: 'report', rows: [1, 2, 3], nested: { ok: true } };
  const uploaded = await put('data/report.json', value);
  expect(uploaded.ContentType).toBe('application/json');
  expect(JSON.parse((await get('data/report.json')).Body)).toEqual(value);

  await put('data/list', [{ a: 1 }, { a: 2 }]);
  expect(JSON.parse((await get('data/list')).Body)).toEqual([{ a: 1 }, { a: 2 }]);
});

it('decodes hex and binary (latin1) encodings to exact bytes', async () => {
  await put('enc/hex.bin', 'deadbeef00ff', { encoding: 'hex' });
  expect(Buffer.from((await get('enc/hex.bin')).Body, 'base64').toString('hex')).toBe('deadbeef00ff');

  const latin1 = String.fromCharCode(0xff, 0x00, 0x41, 0xe9);
  await put('enc/latin1.bin', latin1, { encoding: 'binary' });
  expect(Buffer.from((await get('enc/latin1.bin')).Body, 'base64')).toEqual(Buffer.from([0xff, 0x00, 0x41, 0xe9]));
});

it('round-trips an empty object', async () => {
  const uploaded = await put('empty.txt', '');
  expect(uploaded.ContentLength).toBe(0);
  expect(await get('empty.txt')).toMatchObject({ Body: '', BodyEncoding: 'utf8', ContentLength: 0 });
});

it('keeps a UTF-8 byte order mark', async () => {
  const withBom = '\uFEFFa,b\n1,2\n';
  await put('bom.csv', withBom);
  const object = await get('bom.csv');
  expect(object.Body).toBe(withBom);
  expect(object.ContentType).toMatch(/^text\/csv/);
});

it.each([
  ['a key with spaces.txt'],
  ['unicode/naïve 文件 🚀.txt'],
  ['plus+sign+key.txt'],
  ['percent%20and%2Fslash.txt'],
  ['deep/nested/folder/path/file.txt'],
  ["symbols !$&'()*,;=@.txt"],
])('round-trips the key %j', async (key) => {
  const text = `content of ${key}`;
  await put(key, text);
  expect((await get(key)).Body).toBe(text);
  const listed = await run({ operation: 'list_objects', bucket: BUCKET, prefix: key });
  expect(listed.Contents.map((item: Data) => item.Key)).toContain(key);
});

it('uses the given content type and does not send the text encoding as Content-Encoding', async () => {
  await put('typed.dat', 'x,y', { contentType: 'text/csv', encoding: 'utf8' });
  const object = await get('typed.dat');
  expect(object.ContentType).toBe('text/csv');
  expect(object.ContentEncoding).toBeUndefined();
});

it('stores Cache-Control, Content-Disposition and user metadata', async () => {
  await put('props/file.pdf', '%PDF-1.4', {
    cacheControl: 'public, max-age=600',
    contentDisposition: 'attachment; filename="file.pdf"',
    metadata: { Uploader: 'ann', Ticket: 42 },
  });
  const head = await run({ operation: 'head_object', bucket: BUCKET, key: 'props/file.pdf' });
  expect(head).toMatchObject({
    ContentType: 'application/pdf',
    CacheControl: 'public, max-age=600',
    ContentDisposition: 'attachment; filename="file.pdf"',
    Metadata: { uploader: 'ann', ticket: '42' },
  });
});

it('uploads a 20 MB body as a parallel multipart upload, byte for byte, with a quoted ETag', async () => {
  const bytes = randomBytes(20 * 1024 * 1024);
  const data = await uploadBytes(BUCKET, 'large/twenty.bin', bytes);
  expect(data).toMatchObject({ Multipart: true, ContentLength: bytes.length });
  const parts = [0, 1, 2].map((i) => bytes.subarray(i * 8 * 1024 * 1024, (i + 1) * 8 * 1024 * 1024)); // 8 MB parts
  expect(data.ETag).toBe(multipartEtag(s3.differences, parts));
  const back = await get('large/twenty.bin', { decodeAs: 'base64' });
  expect(back.ContentLength).toBe(bytes.length);
  expect(back.ETag).toBe(data.ETag);
  expect(Buffer.from(back.Body, 'base64').equals(bytes)).toBe(true);
});

it('uploads 17 MB of UTF-8 text as a multipart upload, character for character', async () => {
  const text = 'zürich, 東京, 🚀 — line\n'.repeat(Math.ceil((17 * 1024 * 1024) / 30));
  const data = await put('large/text.txt', text);
  expect(data).toMatchObject({ Multipart: true, ContentLength: Buffer.byteLength(text) });
  const back = await get('large/text.txt');
  expect(back.BodyEncoding).toBe('utf8');
  expect(back.Body === text).toBe(true);
});
