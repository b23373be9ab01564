/** create_bucket: a new bucket, then listed. (The location sent is checked on the wire in protocol/create_bucket.) */
import { useS3Server } from '../support/s3-server.js';
import { Data, serviceQueries } from '../support/service-queries.js';

const s3 = useS3Server([]);
const { run } = serviceQueries(s3, 'create-ds');

it('creates a bucket that list_buckets then shows', async () => {
  const data = await run({ operation: 'create_bucket', bucket: 'fresh-bucket-1' });
  expect(data).toMatchObject({ Bucket: 'fresh-bucket-1', Region: 'us-east-1' });
  expect(data.LocationConstraint).toBeUndefined();
  const buckets = await run({ operation: 'list_buckets' });
  expect(buckets.Buckets.map((bucket: Data) => bucket.Name)).toContain('fresh-bucket-1');
});
