/** head_object: an object's metadata without its body. */
import { createHash } from 'node:crypto';
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const BUCKET = 'heads';
const s3 = useS3Server([BUCKET]);
const { run, upload, fail } = serviceQueries(s3, 'head-ds');

it('returns metadata only', async () => {
  await upload(BUCKET, 'head/report.csv', 'a,b\n1,2\n', {
    metadata: '{"Department": "finance"}',
    cacheControl: 'max-age=60',
  });
  const data = await run({ operation: 'head_object', bucket: BUCKET, key: 'head/report.csv' });
  expect(data).toMatchObject({
    Bucket: BUCKET,
    Key: 'head/report.csv',
    ContentLength: 8,
    ContentType: 'text/csv; charset=utf-8',
    StorageClass: 'STANDARD',
    Metadata: { department: 'finance' },
    CacheControl: 'max-age=60',
  });
  expect(data.ETag).toBe(`"${createHash('md5').update('a,b\n1,2\n').digest('hex')}"`);
  expect(data.LastModified).toBeInstanceOf(Date);
  expect(data.Body).toBeUndefined();
});

it('names a missing object', async () => {
  const error = await fail({ operation: 'head_object', bucket: BUCKET, key: 'nope.txt' });
  expect(error.message).toBe("The object 'nope.txt' does not exist in bucket 'heads'.");
  expect(error.data).toMatchObject({ httpStatus: 404 });
});
