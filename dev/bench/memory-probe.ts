/**
 * Runs one read or upload in a fresh process and reports the peak memory it added (peak-memory.ts).
 * Started by run.ts: node --expose-gc memory-probe.js <plugin|raw> <read|upload> <data source JSON> <bucket> <key> [MB]
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import S3QueryService from '../../lib/index.js';
import { peakAdded } from './peak-memory.js';
import { rawClient } from './raw-client.js';

async function main(): Promise<void> {
  const [mode, work, sourceJson, bucket, key, sizeMb] = process.argv.slice(2);
  const source = JSON.parse(sourceJson) as Record<string, unknown>;
  const plugin = new S3QueryService();
  const raw = rawClient(source);
  const read = async (objectKey: string): Promise<unknown> => {
    if (mode === 'plugin')
      return (await plugin.run(source, { operation: 'get_object', bucket, key: objectKey }, 'probe')).data;
    const output = await raw.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }));
    return output.Body?.transformToByteArray();
  };
  // Upload input is what each side is handed: base64 text for the plugin (as the app builder
  // sends it), bytes for the raw SDK. It exists before the baseline is taken, so it is not counted.
  const input =
    work === 'upload'
      ? mode === 'plugin'
        ? randomBytes(Number(sizeMb) * 1024 * 1024).toString('base64')
        : randomBytes(Number(sizeMb) * 1024 * 1024)
      : undefined;
  const upload = async (): Promise<unknown> =>
    mode === 'plugin'
      ? plugin.run(source, { operation: 'upload_object', bucket, key, data: input, encoding: 'base64' }, 'probe')
      : raw.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: input as Buffer }));
  await read('warmup.txt'); // load code paths and sockets before measuring
  const { addedBytes, result } = await peakAdded(() => (work === 'upload' ? upload() : read(key)));
  process.send?.({ addedBytes, kept: result !== undefined });
  raw.destroy();
}

main().catch((error) => {
  process.send?.({ error: String(error) });
  process.exitCode = 1;
});
