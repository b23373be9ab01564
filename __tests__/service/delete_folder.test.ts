/** delete_folder: every object under a prefix deleted, 1,000 per request, and nothing beside it. */
import { deleteFolder } from '../../lib/operations/folders/folder-delete.js';
import { describePlainly, keysUnder, putObjects } from '../support/folder-objects.js';
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const BUCKET = 'deleting';
const s3 = useS3Server([BUCKET, 'scratch']);
const { run, fail } = serviceQueries(s3, 'delete-folder-ds');

it('deletes only under the folder: a sibling folder-other/ and the key "folder" stay; a trailing / is added', async () => {
  await putObjects(s3.raw(), BUCKET, [
    { key: 'folder/a.txt', body: 'aaaa' },
    { key: 'folder/deep/b c ü.txt', body: 'bb' },
    { key: 'folder-other/keep.txt', body: 'keep' },
    { key: 'folder', body: 'a file, not the folder' },
  ]);
  const data = await run({ operation: 'delete_folder', bucket: BUCKET, prefix: 'folder' });
  expect(data).toEqual({
    Bucket: BUCKET,
    Prefix: 'folder/',
    DryRun: false,
    Objects: 2,
    Bytes: 6,
    Deleted: 2,
    DeletedBytes: 6,
    Errors: [],
    ErrorCount: 0,
    ErrorsTruncated: false,
    Stopped: false,
  });
  expect(await keysUnder(s3.raw(), BUCKET)).toEqual(['folder', 'folder-other/keep.txt']);
});

it('dryRun counts the objects and bytes and deletes nothing', async () => {
  await putObjects(s3.raw(), BUCKET, [
    { key: 'dry/1.txt', body: '1' },
    { key: 'dry/2.txt', body: '22' },
  ]);
  const data = await run({ operation: 'delete_folder', bucket: BUCKET, prefix: 'dry/', dryRun: true });
  expect(data).toMatchObject({ DryRun: true, Objects: 2, Bytes: 3, Deleted: 0, DeletedBytes: 0 });
  expect(await keysUnder(s3.raw(), BUCKET, 'dry/')).toEqual(['dry/1.txt', 'dry/2.txt']);
});

it('deletes page by page', async () => {
  const keys = Array.from({ length: 5 }, (_, i) => `pages/${i}.txt`);
  await putObjects(
    s3.raw(),
    BUCKET,
    keys.map((key) => ({ key, body: 'x' })),
  );
  const data = await deleteFolder(
    s3.raw(),
    { bucket: BUCKET, prefix: 'pages/', dryRun: false, pageSize: 2 },
    describePlainly,
  );
  expect(data).toMatchObject({ Objects: 5, Deleted: 5, ErrorCount: 0 });
  expect(await keysUnder(s3.raw(), BUCKET, 'pages/')).toEqual([]);
});

it('refuses the bucket root without confirmWholeBucket, before deleting anything; with it empties the bucket', async () => {
  await putObjects(s3.raw(), 'scratch', [
    { key: 'top.txt', body: 't' },
    { key: 'in/deep.txt', body: 'd' },
  ]);
  for (const prefix of [undefined, '', '   ']) {
    const refused = await fail({ operation: 'delete_folder', bucket: 'scratch', prefix });
    expect(refused.data).toMatchObject({ code: 'InvalidOption', field: 'prefix' });
    expect(refused.message).toMatch(/whole bucket 'scratch'.*confirmWholeBucket/);
  }
  expect(await keysUnder(s3.raw(), 'scratch')).toHaveLength(2);
  const data = await run({ operation: 'delete_folder', bucket: 'scratch', confirmWholeBucket: true });
  expect(data).toMatchObject({ Prefix: '', Deleted: 2 });
  expect(await keysUnder(s3.raw(), 'scratch')).toEqual([]);
});

it('a missing bucket fails the query, naming the bucket', async () => {
  const error = await fail({ operation: 'delete_folder', bucket: 'no-such-bucket-here', prefix: 'x/' });
  expect(error.data).toMatchObject({ code: 'NoSuchBucket' });
  expect(error.message).toMatch(/'no-such-bucket-here' does not exist/);
});
