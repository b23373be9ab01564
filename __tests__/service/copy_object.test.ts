/** copy_object: server-side copies within and across buckets, keeping or replacing metadata. */
import { createHash, randomBytes } from 'node:crypto';
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const BUCKET = 'copies';
const s3 = useS3Server([BUCKET, 'archive']);
const { run, upload, uploadBytes, read, fail } = serviceQueries(s3, 'copy-ds');
const bytes = randomBytes(5000);

beforeAll(async () => {
  await uploadBytes(BUCKET, 'src/photo 1.bin', bytes);
  await upload(BUCKET, 'src/typed.txt', 'typed', { contentType: 'text/plain', metadata: '{"owner": "ann"}' });
});

it('copies byte for byte within the bucket (destination bucket defaults to the source), with a quoted ETag', async () => {
  const data = await run({
    operation: 'copy_object',
    sourceBucket: BUCKET,
    sourceKey: 'src/photo 1.bin',
    destinationKey: 'copies/photo 1.bin',
  });
  expect(data).toMatchObject({
    Multipart: false,
    ContentLength: 5000,
    Source: { Bucket: BUCKET, Key: 'src/photo 1.bin' },
    Destination: { Bucket: BUCKET, Key: 'copies/photo 1.bin' },
    ETag: `"${createHash('md5').update(bytes).digest('hex')}"`,
  });
  expect(Buffer.from((await read(BUCKET, 'copies/photo 1.bin')).Body, 'base64').equals(bytes)).toBe(true);
  expect((await read(BUCKET, 'src/photo 1.bin')).ContentLength).toBe(5000);
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

it('copies keys with unicode and spaces', async () => {
  await upload(BUCKET, 'src/naïve 文件.txt', 'unicode');
  await run({
    operation: 'copy_object',
    sourceBucket: BUCKET,
    sourceKey: 'src/naïve 文件.txt',
    destinationKey: 'u/ü.txt',
  });
  expect((await read(BUCKET, 'u/ü.txt')).Body).toBe('unicode');
});

it('names a missing source', async () => {
  const error = await fail({
    operation: 'copy_object',
    sourceBucket: BUCKET,
    sourceKey: 'ghost.txt',
    destinationKey: 'x.txt',
  });
  expect(error.message).toBe("The object 'ghost.txt' does not exist in bucket 'copies'.");
});
