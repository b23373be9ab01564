/**
 * One S3Client per data source, reused across queries and rebuilt when the data source is
 * updated or its options change.
 */
import { getCachedConnection } from '@tooljet-plugins/common';
import S3QueryService from '../lib/index.js';
import { useEmbeddedS3 } from './support/embedded-s3.js';

const s3 = useEmbeddedS3(['cache-bucket']);
const plugin = new S3QueryService();
const UPDATED = '2024-05-01T10:00:00.000Z';

it('reuses the same client for every query of a data source', async () => {
  const first = await plugin.getConnection(s3.sourceOptions(), {}, true, 'ds-reuse', UPDATED);
  const second = await plugin.getConnection(s3.sourceOptions(), {}, true, 'ds-reuse', UPDATED);
  expect(second).toBe(first);

  await plugin.run(s3.sourceOptions(), { operation: 'list_buckets' }, 'ds-reuse', UPDATED);
  expect(getCachedConnection('ds-reuse', UPDATED).client).toBe(first);
});

it('keeps separate clients for separate data sources', async () => {
  const a = await plugin.getConnection(s3.sourceOptions(), {}, true, 'ds-a', UPDATED);
  const b = await plugin.getConnection(s3.sourceOptions(), {}, true, 'ds-b', UPDATED);
  expect(a).not.toBe(b);
});

it('builds a new client once the data source was updated after caching', async () => {
  const before = await plugin.getConnection(s3.sourceOptions(), {}, true, 'ds-updated', UPDATED);
  const later = new Date(Date.now() + 1000).toISOString();
  const after = await plugin.getConnection(s3.sourceOptions(), {}, true, 'ds-updated', later);
  expect(after).not.toBe(before);
});

it('a changed secret takes effect on the next query even with the same updated-at', async () => {
  const oldClient = await plugin.getConnection(
    s3.sourceOptions({ secret_key: 'old-secret' }),
    {},
    true,
    'ds-secret',
    UPDATED,
  );
  const newClient = await plugin.getConnection(
    s3.sourceOptions({ secret_key: 'new-secret' }),
    {},
    true,
    'ds-secret',
    UPDATED,
  );
  expect(newClient).not.toBe(oldClient);
  const credentials = await newClient.config.credentials();
  expect(credentials.secretAccessKey).toBe('new-secret');
});

it('a changed access key takes effect on the next query', async () => {
  const good = s3.sourceOptions();
  await expect(plugin.run(good, { operation: 'list_buckets' }, 'ds-key', UPDATED)).resolves.toMatchObject({
    status: 'ok',
  });
  await expect(
    plugin.run({ ...good, access_key: 'REVOKED' }, { operation: 'list_buckets' }, 'ds-key', UPDATED),
  ).rejects.toMatchObject({ data: expect.objectContaining({ code: 'InvalidAccessKeyId' }) });
  await expect(plugin.run(good, { operation: 'list_buckets' }, 'ds-key', UPDATED)).resolves.toMatchObject({
    status: 'ok',
  });
});

it('does not cache without a data source id (test connection, previews)', async () => {
  const a = await plugin.getConnection(s3.sourceOptions(), {}, true);
  const b = await plugin.getConnection(s3.sourceOptions(), {}, true);
  expect(a).not.toBe(b);
});
