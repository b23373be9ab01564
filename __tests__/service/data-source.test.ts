/**
 * The data source across queries: one S3Client per data source, reused and rebuilt when the
 * data source changes; hundreds of concurrent queries through it; rejected credentials.
 */
import { createHash, randomBytes } from 'node:crypto';
import { consoleOutput } from '../support/console-output.js';
import { useS3Server } from '../support/s3-server.js';
import { Data, serviceQueries } from '../support/service-queries.js';

const BUCKET = 'busy-bucket';
const s3 = useS3Server([BUCKET]);
const { plugin, run, fail } = serviceQueries(s3, 'busy-ds');
const UPDATED = '2024-05-01T10:00:00.000Z';
const md5 = (bytes: Buffer): string => createHash('md5').update(bytes).digest('hex');

it('reuses the same client for every query of a data source', async () => {
  const first = await plugin.getConnection(s3.sourceOptions(), {}, true, 'ds-reuse', UPDATED);
  const second = await plugin.getConnection(s3.sourceOptions(), {}, true, 'ds-reuse', UPDATED);
  expect(second).toBe(first);
  await plugin.run(s3.sourceOptions(), { operation: 'list_buckets' }, 'ds-reuse', UPDATED);
  expect(await plugin.getConnection(s3.sourceOptions(), {}, true, 'ds-reuse', UPDATED)).toBe(first);
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
  expect((await newClient.config.credentials()).secretAccessKey).toBe('new-secret');
});

it('a changed access key takes effect on the next query', async () => {
  const good = s3.sourceOptions();
  await expect(plugin.run(good, { operation: 'list_buckets' }, 'ds-key', UPDATED)).resolves.toMatchObject({
    status: 'ok',
  });
  await expect(
    plugin.run({ ...good, access_key: 'REVOKED00000000000' }, { operation: 'list_buckets' }, 'ds-key', UPDATED),
  ).rejects.toMatchObject({ data: expect.objectContaining({ code: 'InvalidAccessKeyId', httpStatus: 403 }) });
  await expect(plugin.run(good, { operation: 'list_buckets' }, 'ds-key', UPDATED)).resolves.toMatchObject({
    status: 'ok',
  });
});

it('a wrong secret fails queries with the clear message, and never shows the secret', async () => {
  const secret = 'Wrong/Secret+Key-That-Must-Never-Leak';
  const query = { operation: 'list_objects', bucket: BUCKET };
  const error = await fail(query, { secret_key: secret });
  expect(error.message).toBe(
    'The secret key does not match the access key (the request signature was rejected). Check the secret key in the data source settings.',
  );
  expect(error.data).toMatchObject({ code: 'SignatureDoesNotMatch', httpStatus: 403, requestId: expect.any(String) });
  expect(JSON.stringify({ m: error.message, d: error.description, x: error.data })).not.toContain(secret);
  expect(consoleOutput()).not.toContain(secret);
});

it('does not cache without a data source id (test connection, previews)', async () => {
  const a = await plugin.getConnection(s3.sourceOptions(), {}, true);
  const b = await plugin.getConnection(s3.sourceOptions(), {}, true);
  expect(a).not.toBe(b);
});

it('handles 300 concurrent queries (100 uploads, then 200 mixed reads and lists) correctly', async () => {
  const files = Array.from({ length: 100 }, (_, i) => ({
    key: `load/file-${i}.bin`,
    bytes: randomBytes(1024 + i * 37),
  }));
  const uploads = await Promise.all(
    files.map(({ key, bytes }) =>
      run({ operation: 'upload_object', bucket: BUCKET, key, data: bytes.toString('base64'), encoding: 'base64' }),
    ),
  );
  uploads.forEach((result, i) => expect(result.ETag).toBe(`"${md5(files[i].bytes)}"`));

  const reads = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      i % 10 === 0
        ? run({ operation: 'list_objects', bucket: BUCKET, prefix: 'load/' })
        : run({ operation: 'get_object', bucket: BUCKET, key: files[i % files.length].key }),
    ),
  );
  reads.forEach((result: Data, i) => {
    if (i % 10 === 0) expect(result.KeyCount).toBe(files.length);
    else expect(Buffer.from(result.Body, 'base64').equals(files[i % files.length].bytes)).toBe(true);
  });
});
