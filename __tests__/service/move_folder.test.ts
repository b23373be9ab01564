/** move_folder: copy each object, delete its source only once the copy succeeded; a rerun finishes. */
import { randomBytes } from 'node:crypto';
import { copyFolder } from '../../lib/operations/folders/folder-copy.js';
import { bytesOf, describePlainly, keysUnder, putObjects } from '../support/folder-objects.js';
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const BUCKET = 'moving';
const s3 = useS3Server([BUCKET, 'archive']);
const { run } = serviceQueries(s3, 'move-folder-ds');

it('moves every object: the destination has the bytes, the sources are gone, a sibling folder stays', async () => {
  const photo = randomBytes(2048);
  await putObjects(s3.raw(), BUCKET, [
    { key: 'inbox/photo.bin', body: photo },
    { key: 'inbox/deep/note 1.txt', body: 'note' },
    { key: 'inbox-other/keep.txt', body: 'keep' },
  ]);
  const data = await run({
    operation: 'move_folder',
    bucket: BUCKET,
    sourcePrefix: 'inbox',
    destinationBucket: 'archive',
    destinationPrefix: 'inbox-2026',
  });
  expect(data).toMatchObject({
    Prefix: 'inbox/',
    DestinationPrefix: 'inbox-2026/',
    Objects: 2,
    Bytes: 2052,
    Copied: 2,
    CopiedBytes: 2052,
    Deleted: 2,
    DeletedBytes: 2052,
    ErrorCount: 0,
    Stopped: false,
  });
  expect(await keysUnder(s3.raw(), 'archive', 'inbox-2026/')).toEqual([
    'inbox-2026/deep/note 1.txt',
    'inbox-2026/photo.bin',
  ]);
  expect((await bytesOf(s3.raw(), 'archive', 'inbox-2026/photo.bin')).equals(photo)).toBe(true);
  expect(await keysUnder(s3.raw(), BUCKET, 'inbox')).toEqual(['inbox-other/keep.txt']);
});

it('an object whose copy fails keeps its source and is listed; the others move', async () => {
  // Under the longer destination folder this key would pass S3's 1,024 bytes: refused before any request.
  const long = `m/${`${'k'.repeat(100)}/`.repeat(10)}end.txt`;
  await putObjects(s3.raw(), BUCKET, [
    { key: long, body: 'long' },
    { key: 'm/short.txt', body: 'short' },
  ]);
  const data = await run({
    operation: 'move_folder',
    bucket: BUCKET,
    sourcePrefix: 'm/',
    destinationPrefix: 'moved-folder/',
  });
  expect(data).toMatchObject({ Objects: 2, Copied: 1, Deleted: 1, ErrorCount: 1, Stopped: false });
  expect(data.Errors).toEqual([
    { Key: long, Step: 'copy', Code: 'DestinationKeyRefused', Message: expect.stringMatching(/more than S3's 1024/) },
  ]);
  expect(await keysUnder(s3.raw(), BUCKET, 'm/')).toEqual([long]);
  expect(await keysUnder(s3.raw(), BUCKET, 'moved-folder/')).toEqual(['moved-folder/short.txt']);
});

it('a missing destination bucket deletes nothing; once it exists, running the move again finishes it', async () => {
  await putObjects(s3.raw(), BUCKET, [
    { key: 'later/a.txt', body: 'a' },
    { key: 'later/b.txt', body: 'b' },
  ]);
  const query = {
    operation: 'move_folder',
    bucket: BUCKET,
    sourcePrefix: 'later/',
    destinationBucket: 'not-yet-there',
    destinationPrefix: 'later/',
  };
  const stopped = await run(query);
  expect(stopped).toMatchObject({ Copied: 0, Deleted: 0, Stopped: true });
  expect(stopped.Errors[0]).toMatchObject({ Step: 'copy', Code: 'NoSuchBucket' });
  expect(await keysUnder(s3.raw(), BUCKET, 'later/')).toEqual(['later/a.txt', 'later/b.txt']);

  await run({ operation: 'create_bucket', bucket: 'not-yet-there' });
  expect(await run(query)).toMatchObject({ Copied: 2, Deleted: 2, ErrorCount: 0 });
  expect(await keysUnder(s3.raw(), 'not-yet-there', 'later/')).toEqual(['later/a.txt', 'later/b.txt']);
  expect(await keysUnder(s3.raw(), BUCKET, 'later/')).toEqual([]);
});

it('a rerun completes a move left part way (some copied and deleted, some copied only, some not yet)', async () => {
  // What a move interrupted mid-page leaves: a.txt moved, b.txt copied but its source not deleted, c.txt untouched.
  await putObjects(s3.raw(), BUCKET, [
    { key: 'half/b.txt', body: 'b' },
    { key: 'half/c.txt', body: 'c' },
  ]);
  await putObjects(s3.raw(), 'archive', [
    { key: 'half/a.txt', body: 'a' },
    { key: 'half/b.txt', body: 'b' },
  ]);
  const data = await run({
    operation: 'move_folder',
    bucket: BUCKET,
    sourcePrefix: 'half/',
    destinationBucket: 'archive',
    destinationPrefix: 'half/',
  });
  expect(data).toMatchObject({ Objects: 2, Copied: 2, Deleted: 2, ErrorCount: 0 });
  expect(await keysUnder(s3.raw(), 'archive', 'half/')).toEqual(['half/a.txt', 'half/b.txt', 'half/c.txt']);
  expect((await bytesOf(s3.raw(), 'archive', 'half/c.txt')).toString()).toBe('c');
  expect(await keysUnder(s3.raw(), BUCKET, 'half/')).toEqual([]);
});

it('works page by page: sources of each page deleted after their copies, over several pages', async () => {
  const keys = Array.from({ length: 7 }, (_, i) => `paged/${i}.txt`);
  await putObjects(
    s3.raw(),
    BUCKET,
    keys.map((key) => ({ key, body: key })),
  );
  const data = await copyFolder(
    s3.raw(),
    {
      bucket: BUCKET,
      prefix: 'paged/',
      destinationBucket: BUCKET,
      destinationPrefix: 'paged-moved/',
      move: true,
      dryRun: false,
      concurrency: 2,
      pageSize: 3,
    },
    describePlainly,
  );
  expect(data).toMatchObject({ Objects: 7, Copied: 7, Deleted: 7, ErrorCount: 0 });
  expect(await keysUnder(s3.raw(), BUCKET, 'paged/')).toEqual([]);
  expect(await keysUnder(s3.raw(), BUCKET, 'paged-moved/')).toEqual(
    keys.map((key) => key.replace('paged/', 'paged-moved/')),
  );
});

it('dryRun moves nothing', async () => {
  await putObjects(s3.raw(), BUCKET, [{ key: 'stay/x.txt', body: 'xyz' }]);
  const data = await run({
    operation: 'move_folder',
    bucket: BUCKET,
    sourcePrefix: 'stay/',
    destinationPrefix: 'gone/',
    dryRun: 'true',
  });
  expect(data).toMatchObject({ DryRun: true, Objects: 1, Bytes: 3, Copied: 0, Deleted: 0 });
  expect(await keysUnder(s3.raw(), BUCKET, 'stay/')).toEqual(['stay/x.txt']);
  expect(await keysUnder(s3.raw(), BUCKET, 'gone/')).toEqual([]);
});
