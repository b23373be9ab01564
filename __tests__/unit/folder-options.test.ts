/** The folder operations' options, read and checked before any request (no server, no network). */
import { refusalOf as refusal } from '../support/refusal.js';
import { OPERATIONS } from '../../lib/operations/table.js';

describe('copy_folder and move_folder options', () => {
  const parse = (options: Record<string, unknown>) =>
    OPERATIONS.copy_folder.parse({ bucket: 'files', sourcePrefix: 'src', destinationPrefix: 'dst', ...options });

  it('add the trailing slash, default the destination bucket and the concurrency, and mark a move', async () => {
    expect(await parse({})).toEqual({
      bucket: 'files',
      prefix: 'src/',
      destinationBucket: 'files',
      destinationPrefix: 'dst/',
      move: false,
      dryRun: false,
      concurrency: 8,
    });
    expect(
      await OPERATIONS.move_folder.parse({ bucket: 'files', sourcePrefix: 'a/b/', destinationPrefix: 'c' }),
    ).toMatchObject({
      prefix: 'a/b/',
      destinationPrefix: 'c/',
      move: true,
    });
  });

  it('keep spaces in a prefix (keys are never trimmed)', async () => {
    expect(await parse({ sourcePrefix: ' my docs ' })).toMatchObject({ prefix: ' my docs /' });
  });

  it.each([
    [{ sourcePrefix: '' }, 'sourcePrefix', /is empty, which means the whole bucket 'files'.*confirmWholeBucket/],
    [{ sourcePrefix: '   ' }, 'sourcePrefix', /whole bucket/],
    [{ destinationPrefix: undefined }, 'destinationPrefix', /whole bucket 'files'/],
    [{ destinationPrefix: 'src' }, 'destinationPrefix', /is the source folder itself/],
    [{ destinationPrefix: 'src/2026' }, 'destinationPrefix', /'src\/2026\/' is inside the source, the folder 'src\/'/],
    [{ sourcePrefix: 'a/../b' }, 'sourcePrefix', /'\.' or '\.\.' path segment/],
    [{ destinationPrefix: `${'x'.repeat(1024)}` }, 'destinationPrefix', /at most 1024 bytes/],
    [{ sourcePrefix: 'half\uD83D' }, 'sourcePrefix', /broken character/],
    [{ concurrency: '0' }, 'concurrency', /whole number from 1 to 32/],
    [{ concurrency: '33' }, 'concurrency', /whole number from 1 to 32/],
    [{ concurrency: 'many' }, 'concurrency', /whole number/],
    [{ dryRun: 'maybe' }, 'dryRun', /true or false/],
    [{ bucket: 'a/b' }, 'bucket', /without '\/'/],
  ])('refuse %j naming %s', async (options, field, message) => {
    const error = await refusal(() => parse(options));
    expect(error.details).toMatchObject({ field });
    expect(error.message).toMatch(message);
  });

  it('allow the bucket root and overlapping folders only across buckets', async () => {
    const whole = await parse({
      sourcePrefix: '',
      destinationBucket: 'backup',
      destinationPrefix: '',
      confirmWholeBucket: 'true',
    });
    expect(whole).toMatchObject({ prefix: '', destinationPrefix: '' });
    // The whole bucket into itself would copy its own copies, confirmed or not.
    expect(
      (await refusal(() => parse({ sourcePrefix: '', destinationPrefix: 'x', confirmWholeBucket: true }))).details,
    ).toMatchObject({
      field: 'destinationPrefix',
    });
    expect(await parse({ destinationBucket: 'other', destinationPrefix: 'src/2026' })).toMatchObject({
      destinationPrefix: 'src/2026/',
    });
    // A source inside the destination would write some copies into the source: src/in/src/in/x → src/in/x.
    const holds = await refusal(() => parse({ sourcePrefix: 'src/in', destinationPrefix: 'src' }));
    expect(holds.message).toMatch(/the folder 'src\/' holds the source folder 'src\/in\/'/);
    const root = await refusal(() => parse({ destinationPrefix: '', confirmWholeBucket: true }));
    expect(root.message).toMatch(/the root of bucket 'files' holds the source folder 'src\/'/);
  });
});

describe('delete_folder options', () => {
  it('add the trailing slash and refuse the bucket root unless confirmed', async () => {
    expect(await OPERATIONS.delete_folder.parse({ bucket: 'files', prefix: 'old' })).toEqual({
      bucket: 'files',
      prefix: 'old/',
      dryRun: false,
    });
    const error = await refusal(() => OPERATIONS.delete_folder.parse({ bucket: 'files', prefix: '' }));
    expect(error.details).toMatchObject({ field: 'prefix' });
    expect(error.message).toMatch(/turn on confirmWholeBucket to delete every object in it/);
    expect(await OPERATIONS.delete_folder.parse({ bucket: 'files', confirmWholeBucket: true })).toMatchObject({
      prefix: '',
    });
  });
});
