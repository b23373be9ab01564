/** create_folder: the zero-byte `prefix/` marker, refused over a folder or an object of its name unless keepExisting. */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { keysUnder, putObjects } from '../support/folder-objects.js';
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const BUCKET = 'creating';
const s3 = useS3Server([BUCKET]);
const { run, fail } = serviceQueries(s3, 'create-folder-ds');

it('makes the empty marker object, adding the trailing /, and a listing with a delimiter shows the folder', async () => {
  const data = await run({ operation: 'create_folder', bucket: BUCKET, prefix: 'reports/2026' });
  expect(data).toEqual({
    Bucket: BUCKET,
    Key: 'reports/2026/',
    Created: true,
    ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
  });
  const stored = await s3.raw().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'reports/2026/' }));
  expect(stored.ContentLength).toBe(0);
  const listed = await run({ operation: 'list_objects', bucket: BUCKET, prefix: 'reports/', delimiter: '/' });
  expect(listed.CommonPrefixes).toEqual([{ Prefix: 'reports/2026/' }]);
});

it('refuses a folder that exists (its marker, or only objects under it), naming it; keepExisting accepts it and writes nothing', async () => {
  await putObjects(s3.raw(), BUCKET, [{ key: 'full/a.txt', body: 'keep me' }]);
  await run({ operation: 'create_folder', bucket: BUCKET, prefix: 'marked/' });
  for (const prefix of ['full', 'marked/']) {
    const refused = await fail({ operation: 'create_folder', bucket: BUCKET, prefix });
    expect(refused.data).toMatchObject({ code: 'FolderExists' });
    expect(refused.message).toMatch(/^The folder '(full|marked)\/' already exists in bucket 'creating'.*keepExisting/);
  }
  const kept = await run({ operation: 'create_folder', bucket: BUCKET, prefix: 'full', keepExisting: true });
  expect(kept).toEqual({ Bucket: BUCKET, Key: 'full/', Created: false, Existing: 'folder' });
  expect(await keysUnder(s3.raw(), BUCKET, 'full')).toEqual(['full/a.txt']);
});

it('refuses when an object has the folder name, and with keepExisting makes the folder beside it', async () => {
  await putObjects(s3.raw(), BUCKET, [{ key: 'notes', body: 'a file, not a folder' }]);
  const refused = await fail({ operation: 'create_folder', bucket: BUCKET, prefix: 'notes' });
  expect(refused.data).toMatchObject({ code: 'FolderExists', existing: 'object' });
  expect(refused.message).toMatch(/An object named 'notes' exists/);
  expect(await keysUnder(s3.raw(), BUCKET, 'notes')).toEqual(['notes']);
  const made = await run({ operation: 'create_folder', bucket: BUCKET, prefix: 'notes', keepExisting: true });
  expect(made).toMatchObject({ Key: 'notes/', Created: true, Existing: 'object' });
  expect(await keysUnder(s3.raw(), BUCKET, 'notes')).toEqual(['notes', 'notes/']);
});

it('refuses an empty folder and a bad key before any request', async () => {
  for (const prefix of [undefined, '', '/']) {
    const refused = await fail({ operation: 'create_folder', bucket: BUCKET, prefix });
    expect(refused.data).toMatchObject({ code: 'InvalidOption', field: 'prefix' });
  }
  const dots = await fail({ operation: 'create_folder', bucket: BUCKET, prefix: 'a/../b' });
  expect(dots.data).toMatchObject({ field: 'prefix' });
  const missing = await fail({ operation: 'create_folder', bucket: 'no-such-bucket-here', prefix: 'x/' });
  expect(missing.data).toMatchObject({ code: 'NoSuchBucket' });
});
