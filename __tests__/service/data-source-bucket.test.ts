/**
 * A data source with a bucket of its own (`bucket_name` and `allow_dynamic_connection_parameters`,
 * as the app builder's S3 plugin saves them since April 2026): queries that name no bucket use it;
 * with the toggle off, no query reaches another bucket.
 */
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const OWN = 'own-bucket';
const OTHER = 'other-bucket';
const s3 = useS3Server([OWN, OTHER]);
const { plugin, run, fail } = serviceQueries(s3, 'bucket-ds');
const pinned = { bucket_name: OWN, allow_dynamic_connection_parameters: false };

beforeAll(async () => {
  await run({ operation: 'upload_object', bucket: OWN, key: 'note.txt', data: 'own' });
  await run({ operation: 'upload_object', bucket: OTHER, key: 'note.txt', data: 'other' });
});

it("a query that names no bucket uses the data source's; one that names its own keeps it", async () => {
  const source = { bucket_name: OWN, allow_dynamic_connection_parameters: true };
  expect((await run({ operation: 'get_object', key: 'note.txt' }, source)).Body).toBe('own');
  expect((await run({ operation: 'get_object', bucket: '', key: 'note.txt' }, source)).Body).toBe('own');
  expect((await run({ operation: 'get_object', bucket: OTHER, key: 'note.txt' }, source)).Body).toBe('other');
  const listed = await run({ operation: 'list_objects' }, source);
  expect(listed.Contents.map((object: { Key: string }) => object.Key)).toEqual(['note.txt']);
  expect(listed.Name).toBe(OWN);
});

it('with dynamic connection parameters off, every query uses that bucket and another is refused before any request', async () => {
  await run({ operation: 'upload_object', key: 'pinned.txt', data: 'kept' }, pinned);
  expect((await run({ operation: 'get_object', bucket: OWN, key: 'pinned.txt' }, pinned)).Body).toBe('kept');
  // An endpoint nothing listens on: a request sent would fail to connect, not as a refused option.
  const offline = { ...pinned, endpoint: 'http://127.0.0.1:9' };
  const refused = await fail({ operation: 'get_object', bucket: OTHER, key: 'note.txt' }, offline);
  expect(refused.message).toMatch(/allows only its own bucket 'own-bucket'.*'bucket' names 'other-bucket'/);
  expect(refused.data).toMatchObject({ code: 'InvalidOption', field: 'bucket' });
  const copy = { operation: 'copy_object', sourceKey: 'note.txt', destinationBucket: OTHER, destinationKey: 'x' };
  expect((await fail(copy, offline)).data).toMatchObject({ code: 'InvalidOption', field: 'destinationBucket' });
  // Saved with a bucket but without the toggle (an older data source given a bucket): the toggle reads off.
  const untoggled = { bucket_name: OWN, endpoint: 'http://127.0.0.1:9' };
  const query = { operation: 'get_object', bucket: OTHER, key: 'note.txt' };
  expect((await fail(query, untoggled)).data).toMatchObject({ code: 'InvalidOption', field: 'bucket' });
});

it("a copy with no destination bucket lands in the data source's bucket", async () => {
  await run({ operation: 'copy_object', sourceKey: 'note.txt', destinationKey: 'copied.txt' }, pinned);
  expect((await run({ operation: 'get_object', bucket: OWN, key: 'copied.txt' })).Body).toBe('own');
});

it('Test connection checks the data source’s bucket when no test bucket is set', async () => {
  const result = await plugin.testConnection(s3.sourceOptions({ bucket_name: OWN }));
  expect(result).toEqual({
    status: 'ok',
    message: expect.stringMatching(/^Connected: bucket 'own-bucket' is reachable and can be listed\. /),
  });
});
