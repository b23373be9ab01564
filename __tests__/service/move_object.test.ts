/** move_object: copy, then delete the source only once the copy succeeded. */
import { randomBytes } from 'node:crypto';
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const BUCKET = 'moves';
const s3 = useS3Server([BUCKET, 'archive']);
const { run, upload, uploadBytes, read, fail } = serviceQueries(s3, 'move-ds');

it('moves: the destination has the bytes and the source is gone', async () => {
  const moving = randomBytes(777);
  await uploadBytes(BUCKET, 'move/from.bin', moving);
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
  expect(data.ETag).toMatch(/^"[0-9a-f]{32}"$/);
  expect(Buffer.from((await read('archive', 'move/to.bin')).Body, 'base64').equals(moving)).toBe(true);
  const error = await fail({ operation: 'get_object', bucket: BUCKET, key: 'move/from.bin' });
  expect(error.data).toMatchObject({ code: 'NoSuchKey' });
});

it('a move of a missing source fails naming the source and deletes nothing', async () => {
  await upload(BUCKET, 'move/keep.txt', 'keep');
  const error = await fail({
    operation: 'move_object',
    sourceBucket: BUCKET,
    sourceKey: 'move/ghost.txt',
    destinationKey: 'move/keep.txt',
  });
  expect(error.message).toBe("The object 'move/ghost.txt' does not exist in bucket 'moves'.");
  expect((await read(BUCKET, 'move/keep.txt')).Body).toBe('keep');
});

it('a move onto its own key is refused, even replacing the metadata, and the object stays', async () => {
  // The copy would replace the object's metadata in place, then the delete of the "source" remove it.
  await upload(BUCKET, 'move/self.txt', 'still here');
  const error = await fail({
    operation: 'move_object',
    sourceBucket: BUCKET,
    sourceKey: 'move/self.txt',
    destinationKey: 'move/self.txt',
    metadataDirective: 'REPLACE',
    contentType: 'text/plain',
  });
  expect(error.data).toMatchObject({ code: 'InvalidOption', field: 'destinationKey' });
  expect(error.message).toMatch(/is the source itself/);
  expect((await read(BUCKET, 'move/self.txt')).Body).toBe('still here');
});
