/**
 * get_object: bodies decoded by content (text or base64) or as asked (decodeAs), byte ranges,
 * the data source's read limit, and a missing object named in the error.
 */
import { randomBytes } from 'node:crypto';
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const BUCKET = 'reads';
const s3 = useS3Server([BUCKET]);
const { run, upload, uploadBytes, read, fail } = serviceQueries(s3, 'read-ds');
const big = randomBytes(2 * 1024 * 1024 + 10);

beforeAll(async () => {
  await uploadBytes(BUCKET, 'big/two-mb.bin', big);
  await upload(BUCKET, 'json/good.json', '{"a": [1, 2]}');
  await upload(BUCKET, 'json/bad.json', '{"a": ');
});

it('refuses an object over max_read_size with a clear error suggesting a signed URL', async () => {
  const error = await fail({ operation: 'get_object', bucket: BUCKET, key: 'big/two-mb.bin' }, { max_read_size: '1' });
  expect(error.message).toBe(
    "The object 'big/two-mb.bin' in bucket 'reads' is 2.0 MB, more than this data source's read limit of 1.0 MB (max_read_size). Use 'Signed url for download' (signed_url_for_get) to let the browser fetch it directly, or read a part of it with 'range'.",
  );
  expect(error.data).toMatchObject({ code: 'ObjectTooLarge', size: big.length, limit: 1024 * 1024 });
});

it('reads the same object within the default limit, byte for byte', async () => {
  expect(Buffer.from((await read(BUCKET, 'big/two-mb.bin')).Body, 'base64').equals(big)).toBe(true);
});

it("shows the body after S3's fields, as results always have (the query panel lists them in this order)", async () => {
  const keys = Object.keys(await read(BUCKET, 'json/good.json'));
  expect(keys.slice(-2)).toEqual(['Body', 'BodyEncoding']);
  expect(keys).toEqual(expect.arrayContaining(['$metadata', 'ContentLength', 'ETag', 'LastModified']));
});

it('reads a byte range', async () => {
  const data = await read(BUCKET, 'big/two-mb.bin', { range: 'bytes=100-1123', decodeAs: 'base64' });
  expect(data.ContentLength).toBe(1024);
  expect(data.ContentRange).toBe(`bytes 100-1123/${big.length}`);
  expect(Buffer.from(data.Body, 'base64').equals(big.subarray(100, 1124))).toBe(true);
});

it('a range lets a part of an object over the limit be read (open-ended range)', async () => {
  const data = await run(
    { operation: 'get_object', bucket: BUCKET, key: 'big/two-mb.bin', range: 'bytes=2097150-', decodeAs: 'base64' },
    { max_read_size: '1' },
  );
  expect(Buffer.from(data.Body, 'base64').equals(big.subarray(2097150))).toBe(true);
});

it('decodeAs json parses; invalid JSON is a clear error', async () => {
  expect(await read(BUCKET, 'json/good.json', { decodeAs: 'json' })).toMatchObject({
    Body: { a: [1, 2] },
    BodyEncoding: 'json',
  });
  const error = await fail({ operation: 'get_object', bucket: BUCKET, key: 'json/bad.json', decodeAs: 'json' });
  expect(error.message).toMatch(/^The object 'json\/bad.json' is not valid JSON: /);
});

it('decodeAs text and base64 force the encoding; text refuses binary', async () => {
  expect(await read(BUCKET, 'json/good.json', { decodeAs: 'base64' })).toMatchObject({
    Body: Buffer.from('{"a": [1, 2]}').toString('base64'),
    BodyEncoding: 'base64',
  });
  expect(await read(BUCKET, 'json/good.json', { decodeAs: 'text' })).toMatchObject({
    Body: '{"a": [1, 2]}',
    BodyEncoding: 'utf8',
  });
  const error = await fail({ operation: 'get_object', bucket: BUCKET, key: 'big/two-mb.bin', decodeAs: 'text' });
  expect(error.message).toMatch(/is not valid UTF-8 text/);
});

it('names a missing object and its bucket', async () => {
  const error = await fail({ operation: 'get_object', bucket: BUCKET, key: 'missing/file.txt' });
  expect(error.message).toBe("The object 'missing/file.txt' does not exist in bucket 'reads'.");
  expect(error.data).toMatchObject({ code: 'NoSuchKey', httpStatus: 404, bucket: BUCKET, key: 'missing/file.txt' });
});

it('names a missing bucket', async () => {
  const error = await fail({ operation: 'get_object', bucket: 'no-such-bucket', key: 'a.txt' });
  expect(error.message).toMatch(/^The bucket 'no-such-bucket' does not exist/);
  expect(error.data).toMatchObject({ code: 'NoSuchBucket', httpStatus: 404 });
});
