/**
 * The file-manager operations against the real S3-compatible server on 127.0.0.1: folders,
 * fetch-all listing, signed URLs per object, head, delete many, copy, move, create bucket,
 * the read guard, ranges, decodeAs, upload properties and multipart uploads.
 */
import { createHash, randomBytes } from 'node:crypto';
import S3QueryService from '../lib/index.js';
import { useEmbeddedS3 } from './support/embedded-s3.js';
import { queryError } from './support/query.js';

const BUCKET = 'files';
const s3 = useEmbeddedS3([BUCKET, 'archive', 'many']);
const plugin = new S3QueryService();

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
async function run(query: Record<string, unknown>, source: Record<string, unknown> = {}): Promise<Data> {
  const result = await plugin.run(
    s3.sourceOptions(source),
    query,
    `fm-${JSON.stringify(source)}`,
    '2024-01-01T00:00:00Z',
  );
  expect(result.status).toBe('ok');
  return result.data as Data;
}
const put = (key: string, data: string, extra: Record<string, unknown> = {}, bucket = BUCKET) =>
  run({ operation: 'upload_object', bucket, key, data, ...extra });
const putBytes = (key: string, bytes: Buffer, bucket = BUCKET) =>
  put(key, bytes.toString('base64'), { encoding: 'base64' }, bucket);
const read = (key: string, extra: Record<string, unknown> = {}, bucket = BUCKET) =>
  run({ operation: 'get_object', bucket, key, ...extra });
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

async function putMany(bucket: string, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 50) {
    await Promise.all(keys.slice(i, i + 50).map((key) => put(key, key, {}, bucket)));
  }
}

describe('list_objects: folders, fetch-all and signed URLs', () => {
  const many = Array.from({ length: 1200 }, (_, i) => `bulk/item-${String(i).padStart(5, '0')}.txt`);

  beforeAll(async () => {
    await putMany('many', many);
    await put('docs/a.txt', 'a');
    await put('docs/2026/b.txt', 'b');
    await put('docs/2026/q3/c.txt', 'c');
    await put('docs/readme.md', '# docs');
  });

  it('returns folders as CommonPrefixes beside the objects with a delimiter', async () => {
    const data = await run({ operation: 'list_objects', bucket: BUCKET, prefix: 'docs/', delimiter: '/' });
    expect(data.Contents.map((item: Data) => item.Key)).toEqual(['docs/a.txt', 'docs/readme.md']);
    expect(data.CommonPrefixes).toEqual([{ Prefix: 'docs/2026/' }]);
    expect(data.Delimiter).toBe('/');
  });

  it('fetchAll follows continuation tokens and returns every object', async () => {
    const data = await run({ operation: 'list_objects', bucket: 'many', maxKeys: '500', fetchAll: true });
    expect(data.Contents.map((item: Data) => item.Key)).toEqual(many);
    expect(data).toMatchObject({ KeyCount: 1200, IsTruncated: false, Pages: 3, ReachedMaxTotalKeys: false });
    expect(data.Warning).toBeUndefined();
  });

  it('fetchAll stops at maxTotalKeys, says so, and the token resumes exactly there', async () => {
    const first = await run({
      operation: 'list_objects',
      bucket: 'many',
      maxKeys: '500',
      fetchAll: 'true',
      maxTotalKeys: '700',
    });
    expect(first.Contents).toHaveLength(700);
    expect(first).toMatchObject({ IsTruncated: true, ReachedMaxTotalKeys: true, MaxTotalKeys: 700 });
    expect(first.Warning).toMatch(/Stopped at maxTotalKeys \(700\)/);
    const rest = await run({
      operation: 'list_objects',
      bucket: 'many',
      fetchAll: true,
      continuationToken: first.NextContinuationToken,
    });
    expect(rest.Contents.map((item: Data) => item.Key)).toEqual(many.slice(700));
  });

  it('adds a working signed download URL to every listed object', async () => {
    const data = await run({
      operation: 'list_objects',
      bucket: BUCKET,
      prefix: 'docs/2026/',
      includeSignedUrls: true,
      expiresIn: '120',
    });
    expect(data.Contents).toHaveLength(2);
    for (const item of data.Contents) {
      expect(item.SignedUrl).toMatch(/X-Amz-Expires=120/);
      const response = await fetch(item.SignedUrl);
      expect(await response.text()).toBe(item.Key.endsWith('b.txt') ? 'b' : 'c');
    }
  });
});

describe('head_object', () => {
  it('returns metadata only', async () => {
    await put('head/report.csv', 'a,b\n1,2\n', { metadata: '{"Department": "finance"}', cacheControl: 'max-age=60' });
    const data = await run({ operation: 'head_object', bucket: BUCKET, key: 'head/report.csv' });
    expect(data).toMatchObject({
      ContentLength: 8,
      ContentType: 'text/csv; charset=utf-8',
      StorageClass: 'STANDARD',
      Metadata: { department: 'finance' },
      CacheControl: 'max-age=60',
    });
    expect(data.ETag).toBe(`"${md5(Buffer.from('a,b\n1,2\n'))}"`);
    expect(data.LastModified).toBeInstanceOf(Date);
    expect(data.Body).toBeUndefined();
  });

  it('names a missing object', async () => {
    const error = await queryError(
      plugin.run(s3.sourceOptions(), { operation: 'head_object', bucket: BUCKET, key: 'nope.txt' }, 'fm-head'),
    );
    expect(error.message).toBe("The object 'nope.txt' does not exist in bucket 'files'.");
    expect(error.data).toMatchObject({ httpStatus: 404 });
  });
});

describe('remove_objects', () => {
  it('deletes 1,200 keys in batches of 1000 and reports each', async () => {
    const keys = Array.from({ length: 1200 }, (_, i) => `del/k-${i}.txt`);
    await putMany(BUCKET, keys);
    const data = await run({ operation: 'remove_objects', bucket: BUCKET, keys: JSON.stringify(keys) });
    expect(data).toMatchObject({ DeletedCount: 1200, ErrorCount: 0, Errors: [] });
    expect(data.Deleted.map((item: Data) => item.Key).sort()).toEqual([...keys].sort());
    const left = await run({ operation: 'list_objects', bucket: BUCKET, prefix: 'del/' });
    expect(left.KeyCount).toBe(0);
  });

  it('takes one key a line, with spaces and unicode kept', async () => {
    await put('lines/a file.txt', '1');
    await put('lines/ünï.txt', '2');
    const data = await run({ operation: 'remove_objects', bucket: BUCKET, keys: 'lines/a file.txt\nlines/ünï.txt\n' });
    expect(data.Deleted.map((item: Data) => item.Key).sort()).toEqual(['lines/a file.txt', 'lines/ünï.txt']);
  });
});

describe('copy_object and move_object', () => {
  const bytes = randomBytes(5000);
  beforeAll(async () => {
    await putBytes('src/photo 1.bin', bytes);
    await put('src/typed.txt', 'typed', { contentType: 'text/plain', metadata: '{"owner": "ann"}' });
  });

  it('copies byte for byte within the bucket (destination bucket defaults to the source)', async () => {
    const data = await run({
      operation: 'copy_object',
      sourceBucket: BUCKET,
      sourceKey: 'src/photo 1.bin',
      destinationKey: 'copies/photo 1.bin',
    });
    expect(data).toMatchObject({
      Multipart: false,
      ContentLength: 5000,
      Destination: { Bucket: BUCKET, Key: 'copies/photo 1.bin' },
    });
    expect(Buffer.from((await read('copies/photo 1.bin')).Body, 'base64').equals(bytes)).toBe(true);
    expect((await read('src/photo 1.bin')).ContentLength).toBe(5000);
  });

  it('copies to another bucket keeping metadata, or replaces it', async () => {
    await run({
      operation: 'copy_object',
      sourceBucket: BUCKET,
      sourceKey: 'src/typed.txt',
      destinationBucket: 'archive',
      destinationKey: 'kept.txt',
    });
    const kept = await run({ operation: 'head_object', bucket: 'archive', key: 'kept.txt' });
    expect(kept).toMatchObject({ ContentType: 'text/plain', Metadata: { owner: 'ann' } });

    await run({
      operation: 'copy_object',
      sourceBucket: BUCKET,
      sourceKey: 'src/typed.txt',
      destinationBucket: 'archive',
      destinationKey: 'replaced.txt',
      metadataDirective: 'REPLACE',
      contentType: 'text/markdown',
      metadata: { owner: 'bob' },
    });
    const replaced = await run({ operation: 'head_object', bucket: 'archive', key: 'replaced.txt' });
    expect(replaced).toMatchObject({ ContentType: 'text/markdown', Metadata: { owner: 'bob' } });
  });

  it('moves: the destination has the bytes and the source is gone', async () => {
    const moving = randomBytes(777);
    await putBytes('move/from.bin', moving);
    const data = await run({
      operation: 'move_object',
      sourceBucket: BUCKET,
      sourceKey: 'move/from.bin',
      destinationBucket: 'archive',
      destinationKey: 'move/to.bin',
    });
    expect(data).toMatchObject({
      SourceDeleted: true,
      Source: { Bucket: BUCKET, Key: 'move/from.bin' },
      Destination: { Bucket: 'archive', Key: 'move/to.bin' },
    });
    expect(Buffer.from((await read('move/to.bin', {}, 'archive')).Body, 'base64').equals(moving)).toBe(true);
    const error = await queryError(
      plugin.run(s3.sourceOptions(), { operation: 'get_object', bucket: BUCKET, key: 'move/from.bin' }, 'fm-moved'),
    );
    expect(error.data).toMatchObject({ code: 'NoSuchKey' });
  });

  it('a move of a missing source fails naming the source and deletes nothing', async () => {
    await put('move/keep.txt', 'keep');
    const error = await queryError(
      plugin.run(
        s3.sourceOptions(),
        {
          operation: 'move_object',
          sourceBucket: BUCKET,
          sourceKey: 'move/ghost.txt',
          destinationKey: 'move/keep.txt',
        },
        'fm-ghost',
      ),
    );
    expect(error.message).toBe("The object 'move/ghost.txt' does not exist in bucket 'files'.");
    expect((await read('move/keep.txt')).Body).toBe('keep');
  });
});

describe('create_bucket', () => {
  it('creates a bucket that list_buckets then shows', async () => {
    const data = await run({ operation: 'create_bucket', bucket: 'fresh-bucket-1' });
    expect(data).toMatchObject({ Bucket: 'fresh-bucket-1', Region: 'us-east-1' });
    const buckets = await run({ operation: 'list_buckets' });
    expect(buckets.Buckets.map((bucket: Data) => bucket.Name)).toContain('fresh-bucket-1');
  });
});

describe('get_object: size guard, range and decodeAs', () => {
  const big = randomBytes(2 * 1024 * 1024 + 10);
  beforeAll(async () => {
    await putBytes('big/two-mb.bin', big);
    await put('json/good.json', '{"a": [1, 2]}');
    await put('json/bad.json', '{"a": ');
  });

  it('refuses an object over max_read_size with a clear error suggesting a signed URL', async () => {
    const error = await queryError(
      plugin.run(
        s3.sourceOptions({ max_read_size: '1' }),
        { operation: 'get_object', bucket: BUCKET, key: 'big/two-mb.bin' },
        'fm-guard',
      ),
    );
    expect(error.message).toBe(
      "The object 'big/two-mb.bin' in bucket 'files' is 2.0 MB, more than this data source's read limit of 1.0 MB (max_read_size). Use 'Signed url for download' (signed_url_for_get) to let the browser fetch it directly, or read a part of it with 'range'.",
    );
    expect(error.data).toMatchObject({ code: 'ObjectTooLarge', size: big.length, limit: 1024 * 1024 });
  });

  it('reads the same object within the default limit, byte for byte', async () => {
    expect(Buffer.from((await read('big/two-mb.bin')).Body, 'base64').equals(big)).toBe(true);
  });

  it('reads a byte range', async () => {
    const data = await read('big/two-mb.bin', { range: 'bytes=100-1123', decodeAs: 'base64' });
    expect(data.ContentLength).toBe(1024);
    expect(data.ContentRange).toBe(`bytes 100-1123/${big.length}`);
    expect(Buffer.from(data.Body, 'base64').equals(big.subarray(100, 1124))).toBe(true);
  });

  it('a range lets a part of an object over the limit be read (open-ended range)', async () => {
    // (s3rver does not implement suffix ranges such as bytes=-16; S3 does, and they pass validation.)
    const source = { max_read_size: '1' };
    const data = await run(
      { operation: 'get_object', bucket: BUCKET, key: 'big/two-mb.bin', range: 'bytes=2097150-', decodeAs: 'base64' },
      source,
    );
    expect(Buffer.from(data.Body, 'base64').equals(big.subarray(2097150))).toBe(true);
  });

  it('decodeAs json parses; invalid JSON is a clear error', async () => {
    expect(await read('json/good.json', { decodeAs: 'json' })).toMatchObject({
      Body: { a: [1, 2] },
      BodyEncoding: 'json',
    });
    const error = await queryError(
      plugin.run(
        s3.sourceOptions(),
        { operation: 'get_object', bucket: BUCKET, key: 'json/bad.json', decodeAs: 'json' },
        'fm-json',
      ),
    );
    expect(error.message).toMatch(/^The object 'json\/bad.json' is not valid JSON: /);
  });

  it('decodeAs text and base64 force the encoding; text refuses binary', async () => {
    expect(await read('json/good.json', { decodeAs: 'base64' })).toMatchObject({
      Body: Buffer.from('{"a": [1, 2]}').toString('base64'),
      BodyEncoding: 'base64',
    });
    expect(await read('json/good.json', { decodeAs: 'text' })).toMatchObject({
      Body: '{"a": [1, 2]}',
      BodyEncoding: 'utf8',
    });
    const error = await queryError(
      plugin.run(
        s3.sourceOptions(),
        { operation: 'get_object', bucket: BUCKET, key: 'big/two-mb.bin', decodeAs: 'text' },
        'fm-text',
      ),
    );
    expect(error.message).toMatch(/is not valid UTF-8 text/);
  });
});

describe('upload properties and multipart uploads', () => {
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

  it('uploads a 20 MB body as a parallel multipart upload, byte for byte', async () => {
    const bytes = randomBytes(20 * 1024 * 1024);
    const data = await putBytes('large/twenty.bin', bytes);
    expect(data).toMatchObject({ Multipart: true, ContentLength: bytes.length });
    const back = await read('large/twenty.bin', { decodeAs: 'base64' });
    expect(back.ContentLength).toBe(bytes.length);
    expect(Buffer.from(back.Body, 'base64').equals(bytes)).toBe(true);
  });

  it('uploads 17 MB of UTF-8 text as a multipart upload, character for character', async () => {
    const text = 'zürich, 東京, 🚀 — line\n'.repeat(Math.ceil((17 * 1024 * 1024) / 30));
    const data = await put('large/text.txt', text);
    expect(data).toMatchObject({ Multipart: true, ContentLength: Buffer.byteLength(text) });
    const back = await read('large/text.txt');
    expect(back.BodyEncoding).toBe('utf8');
    expect(back.Body === text).toBe(true);
  });
});

describe('signed_url_for_get download options', () => {
  it('sets an attachment file name (unicode-safe) and the response content type', async () => {
    await put('dl/data.bin', 'x,y\n1,2\n', { contentType: 'application/octet-stream' });
    const signed = await run({
      operation: 'signed_url_for_get',
      bucket: BUCKET,
      key: 'dl/data.bin',
      downloadFilename: 'Q3 résumé "final".csv',
      responseContentType: 'text/csv',
    });
    const response = await fetch(signed.url);
    expect(response.headers.get('content-type')).toBe('text/csv');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="Q3 r_sum_ _final_.csv"; filename*=UTF-8''Q3%20r%C3%A9sum%C3%A9%20%22final%22.csv`,
    );
    expect(await response.text()).toBe('x,y\n1,2\n');
  });
});
