/**
 * Every operation through the real plugin against a real S3-compatible server on 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import S3QueryService from '../lib/index.js';
import { useEmbeddedS3 } from './support/embedded-s3.js';

const BUCKET = 'ops-bucket';
const PAGED_BUCKET = 'paged-bucket';
const s3 = useEmbeddedS3([BUCKET, PAGED_BUCKET, 'second-bucket']);
const plugin = new S3QueryService();

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function run(queryOptions: Record<string, unknown>): Promise<Data> {
  const result = await plugin.run(s3.sourceOptions(), queryOptions, 'ops-ds', '2020-01-01T00:00:00Z');
  expect(result.status).toBe('ok');
  return result.data as Data;
}

const upload = (key: string, data: unknown, extra: Record<string, unknown> = {}): Promise<Data> =>
  run({ operation: 'upload_object', bucket: BUCKET, key, data, ...extra });
const read = (key: string): Promise<Data> => run({ operation: 'get_object', bucket: BUCKET, key });

describe('upload_object and get_object round trips', () => {
  it('stores text as UTF-8 and reads it back as text', async () => {
    const text = 'Grüße, 世界! 🚀\nline two\ttab';
    const uploaded = await upload('notes/hello.txt', text);
    expect(uploaded).toMatchObject({ Bucket: BUCKET, Key: 'notes/hello.txt', ContentLength: Buffer.byteLength(text) });
    expect(uploaded.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(uploaded.ContentType).toBe('text/plain; charset=utf-8');

    const object = await read('notes/hello.txt');
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
    await upload('bin/random.bin', bytes.toString('base64'), { encoding: 'base64' });

    const object = await read('bin/random.bin');
    expect(object.BodyEncoding).toBe('base64');
    expect(Buffer.from(object.Body, 'base64').equals(bytes)).toBe(true);

    // What an app does with a read result: write it straight back under another key.
    await upload('bin/copy.bin', object.Body, { encoding: object.BodyEncoding });
    const copy = await read('bin/copy.bin');
    expect(Buffer.from(copy.Body, 'base64').equals(bytes)).toBe(true);
  });

  it('accepts a file picker data URL, strips the prefix and keeps its content type', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(200)]);
    const uploaded = await upload('images/pixel.png', `data:image/png;base64,${png.toString('base64')}`);
    expect(uploaded.ContentType).toBe('image/png');
    expect(uploaded.ContentLength).toBe(png.length);

    const object = await read('images/pixel.png');
    expect(object.ContentType).toBe('image/png');
    expect(object.BodyEncoding).toBe('base64');
    expect(Buffer.from(object.Body, 'base64').equals(png)).toBe(true);
  });

  it('stores objects and arrays as JSON', async () => {
    const value = { name: 'report', rows: [1, 2, 3], nested: { ok: true } };
    const uploaded = await upload('data/report.json', value);
    expect(uploaded.ContentType).toBe('application/json');
    const object = await read('data/report.json');
    expect(JSON.parse(object.Body)).toEqual(value);

    await upload('data/list', [{ a: 1 }, { a: 2 }]);
    expect(JSON.parse((await read('data/list')).Body)).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('decodes hex and binary (latin1) encodings to exact bytes', async () => {
    await upload('enc/hex.bin', 'deadbeef00ff', { encoding: 'hex' });
    expect(Buffer.from((await read('enc/hex.bin')).Body, 'base64').toString('hex')).toBe('deadbeef00ff');

    const latin1 = String.fromCharCode(0xff, 0x00, 0x41, 0xe9);
    await upload('enc/latin1.bin', latin1, { encoding: 'binary' });
    expect(Buffer.from((await read('enc/latin1.bin')).Body, 'base64')).toEqual(Buffer.from([0xff, 0x00, 0x41, 0xe9]));
  });

  it('round-trips an empty object', async () => {
    const uploaded = await upload('empty.txt', '');
    expect(uploaded.ContentLength).toBe(0);
    const object = await read('empty.txt');
    expect(object).toMatchObject({ Body: '', BodyEncoding: 'utf8', ContentLength: 0 });
  });

  it('keeps a UTF-8 byte order mark', async () => {
    const withBom = '\uFEFFa,b\n1,2\n';
    await upload('bom.csv', withBom);
    const object = await read('bom.csv');
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
    await upload(key, text);
    expect((await read(key)).Body).toBe(text);
    const listed = await run({ operation: 'list_objects', bucket: BUCKET, prefix: key });
    expect(listed.Contents.map((item: Data) => item.Key)).toContain(key);
  });

  it('uses the given content type and does not send the text encoding as Content-Encoding', async () => {
    await upload('typed.dat', 'x,y', { contentType: 'text/csv', encoding: 'utf8' });
    const object = await read('typed.dat');
    expect(object.ContentType).toBe('text/csv');
    expect(object.ContentEncoding).toBeUndefined();
  });
});

describe('list_buckets', () => {
  it('keeps the SDK Buckets and Owner fields', async () => {
    const data = await run({ operation: 'list_buckets' });
    expect(data.Buckets.map((bucket: Data) => bucket.Name).sort()).toEqual(
      [BUCKET, PAGED_BUCKET, 'second-bucket'].sort(),
    );
    expect(data.Buckets[0].CreationDate).toBeInstanceOf(Date);
    expect(data.Owner).toEqual(expect.objectContaining({ ID: expect.any(String) }));
  });
});

describe('list_objects', () => {
  const keys = Array.from({ length: 25 }, (_, i) => `page/item-${String(i).padStart(3, '0')}.txt`);

  beforeAll(async () => {
    for (const key of keys) {
      await run({ operation: 'upload_object', bucket: PAGED_BUCKET, key, data: key });
    }
    await run({ operation: 'upload_object', bucket: PAGED_BUCKET, key: 'other/file.txt', data: 'x' });
  });

  it('pages through several pages with NextContinuationToken', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await run({
        operation: 'list_objects',
        bucket: PAGED_BUCKET,
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
    const page = await run({ operation: 'list_objects', bucket: PAGED_BUCKET, prefix: 'page/', maxKeys: '' });
    expect(page.MaxKeys).toBe(1000);
    expect(page.IsTruncated).toBe(false);
    expect(page.Contents).toHaveLength(keys.length);
    expect(page.Contents[0]).toEqual(
      expect.objectContaining({ Key: keys[0], Size: Buffer.byteLength(keys[0]), ETag: expect.any(String) }),
    );
  });

  it('starts after the offset key (StartAfter)', async () => {
    const page = await run({ operation: 'list_objects', bucket: PAGED_BUCKET, offset: keys[19], maxKeys: 1000 });
    expect(page.Contents.map((item: Data) => item.Key)).toEqual(keys.slice(20)); // 'other/' sorts before 'page/', so it is not after the offset
  });
});

describe('signed URLs', () => {
  it('signed_url_for_get downloads the exact bytes with a plain fetch and no credentials', async () => {
    const bytes = randomBytes(4096);
    await upload('signed/äpfel & birnen.bin', bytes.toString('base64'), { encoding: 'base64' });
    const signed = await run({
      operation: 'signed_url_for_get',
      bucket: BUCKET,
      key: 'signed/äpfel & birnen.bin',
      expiresIn: '120',
    });
    expect(signed.url).toMatch(/X-Amz-Expires=120/);
    expect(signed.method).toBe('GET');
    expect(Date.parse(signed.expiresAt) - Date.now()).toBeGreaterThan(100_000);
    expect(signed.url).not.toMatch(/x-amz-checksum/i);

    const response = await fetch(signed.url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('signed_url_for_get defaults to one hour', async () => {
    const signed = await run({ operation: 'signed_url_for_get', bucket: BUCKET, key: 'notes/hello.txt' });
    expect(signed.url).toMatch(/X-Amz-Expires=3600/);
  });

  it('signed_url_for_put uploads with a plain PUT of the declared content type', async () => {
    const signed = await run({
      operation: 'signed_url_for_put',
      bucket: BUCKET,
      key: 'uploads/from browser.png',
      contentType: 'image/png',
      expiresIn: '600',
    });
    expect(signed).toMatchObject({ method: 'PUT', headers: { 'Content-Type': 'image/png' } });
    expect(new URL(signed.url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host');
    expect(signed.url).not.toMatch(/x-amz-checksum|x-amz-sdk-checksum/i);

    const bytes = randomBytes(3000);
    const response = await fetch(signed.url, { method: 'PUT', body: bytes, headers: signed.headers });
    expect(response.status).toBe(200);

    const object = await read('uploads/from browser.png');
    expect(object.ContentType).toBe('image/png');
    expect(Buffer.from(object.Body, 'base64').equals(bytes)).toBe(true);
  });

  it('signed_url_for_put without a content type signs only the host', async () => {
    const signed = await run({ operation: 'signed_url_for_put', bucket: BUCKET, key: 'uploads/plain.txt' });
    expect(new URL(signed.url).searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(signed.headers).toEqual({});
    const response = await fetch(signed.url, { method: 'PUT', body: 'plain upload' });
    expect(response.status).toBe(200);
    expect((await read('uploads/plain.txt')).Body).toBe('plain upload');
  });
});

describe('remove_object', () => {
  it('deletes the object so a later read fails with NoSuchKey', async () => {
    await upload('to-delete.txt', 'bye');
    const removed = await run({ operation: 'remove_object', bucket: BUCKET, key: 'to-delete.txt' });
    expect(removed).toMatchObject({ Bucket: BUCKET, Key: 'to-delete.txt' });
    await expect(read('to-delete.txt')).rejects.toMatchObject({ data: expect.objectContaining({ code: 'NoSuchKey' }) });
  });
});

describe('addressing style in signed URLs (no request needed)', () => {
  it('uses path-style by default and virtual-hosted style when the toggle is off', async () => {
    const query = { operation: 'signed_url_for_get', bucket: BUCKET, key: 'a.txt' };
    const pathStyle = await plugin.run(s3.sourceOptions(), query, 'style-path');
    expect(new URL((pathStyle.data as Data).url).pathname).toBe(`/${BUCKET}/a.txt`);
    const endpoint = `http://localhost:${s3.server().port}`;
    const hosted = await plugin.run(s3.sourceOptions({ endpoint, force_path_style: false }), query, 'style-hosted');
    const url = new URL((hosted.data as Data).url);
    expect(url.hostname).toBe(`${BUCKET}.localhost`);
    expect(url.pathname).toBe('/a.txt');
  });
});
