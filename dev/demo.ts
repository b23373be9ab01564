/**
 * `npm run demo`: a short end-to-end run of every operation through the real plugin against
 * the embedded S3 server, printing each result. Needs no AWS account and no configuration.
 */
import S3QueryService from '../lib/index.js';
import { embeddedDataSource, startEmbeddedS3 } from './embedded-s3/server.js';

const BUCKET = 'demo-bucket';
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function show(title: string, value: unknown): void {
  const text = JSON.stringify(
    value,
    (_key, v) => (typeof v === 'string' && v.length > 160 ? `${v.slice(0, 160)}…` : v),
    2,
  );
  console.log(`\n=== ${title} ===\n${text}`);
}

async function main(): Promise<void> {
  const server = await startEmbeddedS3({ buckets: [BUCKET] });
  const plugin = new S3QueryService();
  const source = embeddedDataSource(server.endpoint);
  const run = async (query: Record<string, unknown>): Promise<unknown> =>
    (await plugin.run(source, query, 'demo-data-source', new Date(0).toISOString())).data;

  try {
    console.log(`Embedded S3 server on ${server.endpoint} (bucket '${BUCKET}')`);
    show('testConnection', await plugin.testConnection(source));
    show(
      'upload_object (text)',
      await run({ operation: 'upload_object', bucket: BUCKET, key: 'hello.txt', data: 'Hello, S3! 👋' }),
    );
    show(
      'upload_object (file picker data URL)',
      await run({
        operation: 'upload_object',
        bucket: BUCKET,
        key: 'images/pixel.png',
        data: `data:image/png;base64,${PNG_1X1}`,
      }),
    );
    show(
      'upload_object (JSON)',
      await run({
        operation: 'upload_object',
        bucket: BUCKET,
        key: 'data/report.json',
        data: { total: 3, items: ['a', 'b', 'c'] },
      }),
    );
    show('list_buckets', await run({ operation: 'list_buckets' }));
    show('list_objects', await run({ operation: 'list_objects', bucket: BUCKET, maxKeys: '2' }));
    show('get_object (text)', await run({ operation: 'get_object', bucket: BUCKET, key: 'hello.txt' }));
    show(
      'get_object (binary, base64)',
      await run({ operation: 'get_object', bucket: BUCKET, key: 'images/pixel.png' }),
    );
    const signed = (await run({
      operation: 'signed_url_for_get',
      bucket: BUCKET,
      key: 'hello.txt',
      expiresIn: '300',
    })) as { url: string };
    show('signed_url_for_get', signed);
    console.log(`  fetch(url) → ${JSON.stringify(await (await fetch(signed.url)).text())}`);
    show(
      'signed_url_for_put',
      await run({ operation: 'signed_url_for_put', bucket: BUCKET, key: 'uploads/new.png', contentType: 'image/png' }),
    );
    show('remove_object', await run({ operation: 'remove_object', bucket: BUCKET, key: 'hello.txt' }));
    try {
      await run({ operation: 'get_object', bucket: BUCKET, key: 'hello.txt' });
    } catch (error) {
      const { message, data } = error as { message: string; data: unknown };
      show('get_object after removal (error)', { message, data });
    }
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
