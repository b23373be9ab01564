/**
 * Runs one read in a fresh process and reports the peak memory it added (the process's peak
 * RSS after the read minus its RSS just before), so earlier work cannot hide or inflate it.
 * Started by run.ts: node --expose-gc memory-probe.js <plugin|raw> <endpoint> <bucket> <key> <size>
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3QueryService from '../lib/index';
import { EMBEDDED_ACCESS_KEY, EMBEDDED_SECRET_KEY } from '../tools/embedded-s3-server';

async function main(): Promise<void> {
  const [mode, endpoint, bucket, key] = process.argv.slice(2);
  const source = {
    access_key: EMBEDDED_ACCESS_KEY,
    secret_key: EMBEDDED_SECRET_KEY,
    endpoint_enabled: true,
    endpoint,
    max_read_size: '1024',
  };
  const plugin = new S3QueryService();
  const raw = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: EMBEDDED_ACCESS_KEY, secretAccessKey: EMBEDDED_SECRET_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const read = async (objectKey: string): Promise<unknown> => {
    if (mode === 'plugin')
      return (await plugin.run(source, { operation: 'get_object', bucket, key: objectKey }, 'probe')).data;
    const output = await raw.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }));
    return output.Body?.transformToByteArray();
  };
  await read('warmup.txt'); // load code paths and sockets before measuring
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().rss / 1024;
  const result = await read(key);
  const after = process.resourceUsage().maxRSS;
  process.send?.({ addedBytes: (after - before) * 1024, kept: result !== undefined });
  raw.destroy();
}

main().catch((error) => {
  process.send?.({ error: String(error) });
  process.exitCode = 1;
});
