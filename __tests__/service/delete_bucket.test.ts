/** delete_bucket: an empty bucket goes; a full one is refused with its count unless emptied with the name confirmed. */
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  HeadBucketCommand,
  PutBucketVersioningCommand,
} from '@aws-sdk/client-s3';
import { putObjects } from '../support/folder-objects.js';
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const s3 = useS3Server(['stays']);
const { run, fail, upload } = serviceQueries(s3, 'delete-bucket-ds');

const exists = (bucket: string) =>
  s3
    .raw()
    .send(new HeadBucketCommand({ Bucket: bucket }))
    .then(
      () => true,
      () => false,
    );
const created = async (bucket: string) => {
  await s3.raw().send(new CreateBucketCommand({ Bucket: bucket }));
  return bucket;
};

it('deletes an empty bucket', async () => {
  const bucket = await created('empty-one');
  expect(await run({ operation: 'delete_bucket', bucket })).toEqual({ Bucket: bucket, Deleted: true, Emptied: false });
  expect(await exists(bucket)).toBe(false);
});

it('refuses a bucket with objects, saying how many; nothing is deleted', async () => {
  const bucket = await created('full-one');
  await putObjects(s3.raw(), bucket, [
    { key: 'a.txt', body: 'a' },
    { key: 'b/c.txt', body: 'c' },
  ]);
  const refused = await fail({ operation: 'delete_bucket', bucket });
  expect(refused.data).toMatchObject({ code: 'BucketNotEmpty', bucket, objectCount: 2 });
  expect(refused.message).toMatch(
    /^The bucket 'full-one' is not empty: it holds 2 objects\. .*emptyFirst.*confirmBucketName/,
  );
  expect(await exists(bucket)).toBe(true);
});

it('emptyFirst needs the name repeated, refused before any request', async () => {
  for (const confirmBucketName of [undefined, '', 'full-onE', 'other']) {
    const refused = await fail({ operation: 'delete_bucket', bucket: 'stays', emptyFirst: true, confirmBucketName });
    expect(refused.data).toMatchObject({ code: 'InvalidOption', field: 'confirmBucketName' });
    expect(refused.message).toMatch(/must repeat the bucket's name 'stays'/);
  }
  expect(await exists('stays')).toBe(true);
});

it(`emptyFirst deletes every object${s3.differences.versioning === 'supported' ? ', version, delete marker' : ''}${s3.differences.managesUploads ? ' and incomplete upload' : ''}, then the bucket`, async () => {
  const bucket = await created('to-empty');
  const versioned = s3.differences.versioning === 'supported';
  if (versioned)
    await s3
      .raw()
      .send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  await upload(bucket, 'a.txt', 'one');
  await upload(bucket, 'a.txt', 'two');
  await upload(bucket, 'gone.txt', 'x');
  await run({ operation: 'remove_object', bucket, key: 'gone.txt' });
  const many = Array.from({ length: 1_005 }, (_, i) => ({ key: `many/${i}.txt`, body: 'm' }));
  await putObjects(s3.raw(), bucket, many);
  if (s3.differences.managesUploads)
    await s3.raw().send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'unfinished.bin' }));

  const data = await run({ operation: 'delete_bucket', bucket, emptyFirst: true, confirmBucketName: bucket });
  expect(data).toMatchObject({
    Bucket: bucket,
    Deleted: true,
    Emptied: true,
    // Versioned: a.txt twice, gone.txt and its delete marker; else a.txt once.
    DeletedObjects: 1_005 + (versioned ? 4 : 1),
    DeletedDeleteMarkers: versioned ? 1 : 0,
    AbortedUploads: s3.differences.managesUploads ? 1 : 0,
    ErrorCount: 0,
    Stopped: false,
  });
  expect(await exists(bucket)).toBe(false);
}, 60_000);
