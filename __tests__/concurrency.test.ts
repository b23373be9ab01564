/**
 * Hundreds of queries at once through one data source (one cached client, a bounded socket
 * pool) against the real server: every result correct.
 */
import { createHash, randomBytes } from 'node:crypto';
import S3QueryService from '../lib/index.js';
import { useEmbeddedS3 } from './support/embedded-s3.js';

const s3 = useEmbeddedS3(['busy-bucket']);
const plugin = new S3QueryService();
const UPDATED = '2024-01-01T00:00:00Z';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const run = async (query: Record<string, unknown>): Promise<Data> =>
  (await plugin.run(s3.sourceOptions(), query, 'busy-ds', UPDATED)).data as Data;
const md5 = (bytes: Buffer): string => createHash('md5').update(bytes).digest('hex');

it('handles 300 concurrent queries (100 uploads, then 200 mixed reads and lists) correctly', async () => {
  const files = Array.from({ length: 100 }, (_, i) => ({
    key: `load/file-${i}.bin`,
    bytes: randomBytes(1024 + i * 37),
  }));
  const uploads = await Promise.all(
    files.map(({ key, bytes }) =>
      run({
        operation: 'upload_object',
        bucket: 'busy-bucket',
        key,
        data: bytes.toString('base64'),
        encoding: 'base64',
      }),
    ),
  );
  uploads.forEach((result, i) => expect(result.ETag).toBe(`"${md5(files[i].bytes)}"`));

  const reads = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      i % 10 === 0
        ? run({ operation: 'list_objects', bucket: 'busy-bucket', prefix: 'load/' })
        : run({ operation: 'get_object', bucket: 'busy-bucket', key: files[i % files.length].key }),
    ),
  );
  reads.forEach((result, i) => {
    if (i % 10 === 0) {
      expect(result.KeyCount).toBe(files.length);
    } else {
      expect(Buffer.from(result.Body, 'base64').equals(files[i % files.length].bytes)).toBe(true);
    }
  });
});
