/** copy_folder: every object under a prefix copied server-side, a page at a time. */
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { bytesOf, keysUnder, putObjects, Seeded } from '../support/folder-objects.js';
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const BUCKET = 'folders';
const s3 = useS3Server([BUCKET, 'archive', 'whole', 'whole-copy']);
const { run, fail } = serviceQueries(s3, 'copy-folder-ds');

const photo = randomBytes(3000);
const ODD = 'src/odd names/with space ü 文件 (1).txt';
const SOURCE: Seeded[] = [
  { key: 'src/a.txt', body: 'alpha' },
  { key: 'src/deep/er/photo.bin', body: photo, contentType: 'image/png', metadata: { owner: 'ann' } },
  { key: ODD, body: 'odd' },
  { key: 'src-other/sibling.txt', body: 'not in the folder' },
];
const sizeOfSource = 5 + 3000 + 3;

beforeAll(async () => {
  await putObjects(s3.raw(), BUCKET, SOURCE);
});

it('copies every object under the folder byte for byte, nested and odd keys, metadata kept; a trailing / is added', async () => {
  const data = await run({ operation: 'copy_folder', bucket: BUCKET, sourcePrefix: 'src', destinationPrefix: 'dst' });
  expect(data).toEqual({
    Bucket: BUCKET,
    Prefix: 'src/',
    DestinationBucket: BUCKET,
    DestinationPrefix: 'dst/',
    DryRun: false,
    Objects: 3,
    Bytes: sizeOfSource,
    Copied: 3,
    CopiedBytes: sizeOfSource,
    Errors: [],
    ErrorCount: 0,
    ErrorsTruncated: false,
    Stopped: false,
  });
  expect(await keysUnder(s3.raw(), BUCKET, 'dst')).toEqual(
    ['dst/a.txt', 'dst/deep/er/photo.bin', 'dst/odd names/with space ü 文件 (1).txt'].sort(),
  );
  expect((await bytesOf(s3.raw(), BUCKET, 'dst/deep/er/photo.bin')).equals(photo)).toBe(true);
  expect((await bytesOf(s3.raw(), BUCKET, 'dst/odd names/with space ü 文件 (1).txt')).toString()).toBe('odd');
  const head = await s3.raw().send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'dst/deep/er/photo.bin' }));
  expect(head).toMatchObject({ ContentType: 'image/png', Metadata: { owner: 'ann' } });
  // The source is untouched.
  expect(await keysUnder(s3.raw(), BUCKET, 'src/')).toHaveLength(3);
});

it("crosses S3's 1,000-key page: 1,005 objects copied to another bucket", async () => {
  const many = Array.from({ length: 1005 }, (_, i) => ({ key: `many/${String(i).padStart(4, '0')}.txt`, body: 'x' }));
  await putObjects(s3.raw(), BUCKET, many);
  const data = await run({
    operation: 'copy_folder',
    bucket: BUCKET,
    sourcePrefix: 'many/',
    destinationBucket: 'archive',
    destinationPrefix: 'many-copy/',
    concurrency: '16',
  });
  expect(data).toMatchObject({ Objects: 1005, Bytes: 1005, Copied: 1005, ErrorCount: 0 });
  const copied = await keysUnder(s3.raw(), 'archive', 'many-copy/');
  expect(copied).toHaveLength(1005);
  expect(copied[1004]).toBe('many-copy/1004.txt');
}, 120_000);

it('dryRun counts the objects and bytes and copies nothing', async () => {
  const data = await run({
    operation: 'copy_folder',
    bucket: BUCKET,
    sourcePrefix: 'src/',
    destinationPrefix: 'dry/',
    dryRun: true,
  });
  expect(data).toMatchObject({ DryRun: true, Objects: 3, Bytes: sizeOfSource, Copied: 0, CopiedBytes: 0 });
  expect(await keysUnder(s3.raw(), BUCKET, 'dry/')).toEqual([]);
});

it('refuses the bucket root without confirmWholeBucket; with it copies the whole bucket', async () => {
  await putObjects(s3.raw(), 'whole', [
    { key: 'top.txt', body: 'top' },
    { key: 'in/a.txt', body: 'a' },
  ]);
  const refused = await fail({ operation: 'copy_folder', bucket: 'whole', destinationBucket: 'whole-copy' });
  expect(refused.data).toMatchObject({ code: 'InvalidOption', field: 'sourcePrefix' });
  expect(refused.message).toMatch(/whole bucket 'whole'.*confirmWholeBucket/);
  expect(await keysUnder(s3.raw(), 'whole-copy')).toEqual([]);

  const data = await run({
    operation: 'copy_folder',
    bucket: 'whole',
    destinationBucket: 'whole-copy',
    confirmWholeBucket: true,
  });
  expect(data).toMatchObject({ Prefix: '', DestinationPrefix: '', Copied: 2 });
  expect(await keysUnder(s3.raw(), 'whole-copy')).toEqual(['in/a.txt', 'top.txt']);
});

it('refuses a destination inside the source in the same bucket, allows the same prefix in another bucket', async () => {
  const inside = await fail({
    operation: 'copy_folder',
    bucket: BUCKET,
    sourcePrefix: 'src',
    destinationPrefix: 'src/backup',
  });
  expect(inside.data).toMatchObject({ code: 'InvalidOption', field: 'destinationPrefix' });
  expect(inside.message).toMatch(/'src\/backup\/' is inside the source/);
  const itself = await fail({
    operation: 'copy_folder',
    bucket: BUCKET,
    sourcePrefix: 'src/',
    destinationPrefix: 'src',
  });
  expect(itself.message).toMatch(/is the source folder itself/);

  const across = await run({
    operation: 'copy_folder',
    bucket: BUCKET,
    sourcePrefix: 'src/',
    destinationBucket: 'archive',
    destinationPrefix: 'src/',
  });
  expect(across).toMatchObject({ Copied: 3, ErrorCount: 0 });
});

it('a destination bucket that does not exist stops at the first failure and lists it', async () => {
  const data = await run({
    operation: 'copy_folder',
    bucket: BUCKET,
    sourcePrefix: 'src/',
    destinationBucket: 'no-such-bucket-here',
    destinationPrefix: 'x/',
    concurrency: '1',
  });
  expect(data).toMatchObject({ Objects: 3, Copied: 0, ErrorCount: 1, Stopped: true });
  expect(data.Errors[0]).toMatchObject({ Step: 'copy', Code: 'NoSuchBucket' });
  expect(data.Errors[0].Message).toMatch(/no-such-bucket-here/);
  expect(data.Warning).toMatch(/Stopped at a failure every remaining object would meet too \(NoSuchBucket/);
});

it('keys with + & = copy where the server can (s3rver cannot: each such key is listed as failed, the rest copied)', async () => {
  await putObjects(s3.raw(), BUCKET, [
    { key: 'plus/a+b=c&d.txt', body: 'plus' },
    { key: 'plus/plain.txt', body: 'plain' },
  ]);
  const data = await run({
    operation: 'copy_folder',
    bucket: BUCKET,
    sourcePrefix: 'plus/',
    destinationPrefix: 'plus-copy/',
  });
  if (s3.differences.copiesKeysWithPlusSigns) {
    expect(data).toMatchObject({ Copied: 2, ErrorCount: 0 });
    expect((await bytesOf(s3.raw(), BUCKET, 'plus-copy/a+b=c&d.txt')).toString()).toBe('plus');
  } else {
    expect(data).toMatchObject({ Copied: 1, ErrorCount: 1, Stopped: false });
    expect(data.Errors).toEqual([
      { Key: 'plus/a+b=c&d.txt', Step: 'copy', Code: 'NoSuchKey', Message: expect.any(String) },
    ]);
    expect(await keysUnder(s3.raw(), BUCKET, 'plus-copy/')).toEqual(['plus-copy/plain.txt']);
  }
});
