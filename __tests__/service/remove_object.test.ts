/** remove_object: one object deleted. */
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const BUCKET = 'removals';
const s3 = useS3Server([BUCKET]);
const { run, upload, read, fail } = serviceQueries(s3, 'remove-ds');

it('deletes the object so a later read fails with NoSuchKey', async () => {
  await upload(BUCKET, 'to-delete.txt', 'bye');
  expect((await read(BUCKET, 'to-delete.txt')).Body).toBe('bye');
  const removed = await run({ operation: 'remove_object', bucket: BUCKET, key: 'to-delete.txt' });
  expect(removed).toMatchObject({ Bucket: BUCKET, Key: 'to-delete.txt' });
  const error = await fail({ operation: 'get_object', bucket: BUCKET, key: 'to-delete.txt' });
  expect(error.data).toMatchObject({ code: 'NoSuchKey' });
});

it('removing a key that does not exist succeeds, as S3 does', async () => {
  await expect(run({ operation: 'remove_object', bucket: BUCKET, key: 'never-there.txt' })).resolves.toMatchObject({
    Key: 'never-there.txt',
  });
});
