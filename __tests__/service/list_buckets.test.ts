/** list_buckets: the user's buckets with the SDK's fields. */
import { useS3Server } from '../support/s3-server.js';
import { Data, serviceQueries } from '../support/service-queries.js';

const s3 = useS3Server(['first-bucket', 'second-bucket']);
const { run } = serviceQueries(s3, 'buckets-ds');

it('keeps the SDK Buckets and Owner fields', async () => {
  const data = await run({ operation: 'list_buckets' });
  expect(data.Buckets.map((bucket: Data) => bucket.Name).sort()).toEqual(['first-bucket', 'second-bucket']);
  expect(data.Buckets[0].CreationDate).toBeInstanceOf(Date);
  expect(data.Owner).toEqual(expect.objectContaining({ ID: expect.any(String) }));
});
