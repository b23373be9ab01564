/** remove_objects: many keys deleted in batches, each outcome reported. */
import { useS3Server } from '../support/s3-server.js';
import { Data, serviceQueries } from '../support/service-queries.js';

const BUCKET = 'bulk-removals';
const s3 = useS3Server([BUCKET]);
const { run, upload } = serviceQueries(s3, 'remove-many-ds');

async function putMany(keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 50)
    await Promise.all(keys.slice(i, i + 50).map((key) => upload(BUCKET, key, key)));
}

it('deletes 1,200 keys in batches of 1000 and reports each', async () => {
  const keys = Array.from({ length: 1200 }, (_, i) => `del/k-${i}.txt`);
  await putMany(keys);
  const data = await run({ operation: 'remove_objects', bucket: BUCKET, keys: JSON.stringify(keys) });
  expect(data).toMatchObject({ DeletedCount: 1200, ErrorCount: 0, Errors: [] });
  expect(data.Deleted.map((item: Data) => item.Key).sort()).toEqual([...keys].sort());
  const left = await run({ operation: 'list_objects', bucket: BUCKET, prefix: 'del/' });
  expect(left.KeyCount).toBe(0);
  // 1,200 objects seeded first, through the plugin: longer than the default 30 s on a loaded machine.
}, 120_000);

it('takes one key a line, with spaces and unicode kept', async () => {
  await upload(BUCKET, 'lines/a file.txt', '1');
  await upload(BUCKET, 'lines/ünï.txt', '2');
  const data = await run({ operation: 'remove_objects', bucket: BUCKET, keys: 'lines/a file.txt\nlines/ünï.txt\n' });
  expect(data.Deleted.map((item: Data) => item.Key).sort()).toEqual(['lines/a file.txt', 'lines/ünï.txt']);
});
