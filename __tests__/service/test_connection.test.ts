/** Test connection against the server: working and rejected credentials, and a test bucket. */
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const s3 = useS3Server(['scoped-bucket', 'uploads-bucket']);
const { plugin, run } = serviceQueries(s3, 'test-connection-ds');

it('reports ok for working credentials', async () => {
  await expect(plugin.testConnection(s3.sourceOptions())).resolves.toEqual({ status: 'ok' });
});

it('reports an unknown access key as failed with a clear message, never throwing', async () => {
  const result = await plugin.testConnection(s3.sourceOptions({ access_key: 'WRONGKEY0000000000' }));
  expect(result.status).toBe('failed');
  expect(result.message).toMatch(/access key was not recognised/);
});

it('a wrong secret key fails', async () => {
  const result = await plugin.testConnection(s3.sourceOptions({ secret_key: 'not-the-secret-key-at-all' }));
  expect(result).toEqual({
    status: 'failed',
    message:
      'The secret key does not match the access key (the request signature was rejected). Check the secret key in the data source settings.',
  });
});

it('with test_bucket, lists that bucket instead of all buckets', async () => {
  const result = await plugin.testConnection(s3.sourceOptions({ test_bucket: 'scoped-bucket' }));
  expect(result).toEqual({
    status: 'ok',
    message: expect.stringMatching(/^Connected: bucket 'scoped-bucket' is reachable and can be listed\. /),
  });
  const missing = await plugin.testConnection(s3.sourceOptions({ test_bucket: 'not-there' }));
  expect(missing).toEqual({
    status: 'failed',
    message: expect.stringMatching(/^The bucket 'not-there' does not exist/),
  });
});

it('with test_bucket, warns (still ok) while no CORS rule allows browser uploads, and not once one does', async () => {
  const source = s3.sourceOptions({ test_bucket: 'uploads-bucket' });
  const warned = await plugin.testConnection(source);
  expect(warned).toEqual({
    status: 'ok',
    message:
      "Connected: bucket 'uploads-bucket' is reachable and can be listed. Warning: its CORS rules allow no browser uploads (no rule allows PUT or POST and exposes ETag), so uploads from a web page with a signed URL fail with a network error. Add a rule with 'Write bucket CORS rules' (put_bucket_cors, preset 'browser-uploads'); queries from the app builder's server are not affected.",
  });
  // Downloads only: still no uploads.
  await run({
    operation: 'put_bucket_cors',
    bucket: 'uploads-bucket',
    allowedOrigins: 'https://apps.example.com',
    allowedMethods: 'GET',
  });
  expect((await plugin.testConnection(source)).message).toMatch(/Warning: its CORS rules allow no browser uploads/);
  await run({
    operation: 'put_bucket_cors',
    bucket: 'uploads-bucket',
    preset: 'browser-uploads',
    allowedOrigins: 'https://apps.example.com',
    mode: 'append',
  });
  expect(await plugin.testConnection(source)).toEqual({
    status: 'ok',
    message: "Connected: bucket 'uploads-bucket' is reachable and can be listed.",
  });
});
