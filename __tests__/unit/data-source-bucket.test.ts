/** The data source's own bucket applied to a query's options (lib/operations/shared/data-source-bucket.ts). */
import { withDataSourceBucket } from '../../lib/operations/shared/data-source-bucket.js';
import { OPERATIONS } from '../../lib/operations/table.js';
import { Failure } from '../../lib/errors/failure.js';
import { refusalOf as refusal } from '../support/refusal.js';

const specsOf = (name: keyof typeof OPERATIONS) => OPERATIONS[name].options;
const apply = (name: keyof typeof OPERATIONS, options: Record<string, unknown>, dynamicBuckets = true) =>
  withDataSourceBucket(name, specsOf(name), options, { bucket: 'reports', dynamicBuckets });

it('leaves the options as they are when the data source names no bucket', () => {
  const options = { operation: 'get_object', key: 'a.txt' };
  expect(withDataSourceBucket('get_object', specsOf('get_object'), options, { dynamicBuckets: false })).toBe(options);
});

it.each([undefined, '', '   ', null])(
  'fills a bucket left %p with the data source’s, without changing the query',
  (bucket) => {
    const options = { operation: 'get_object', bucket, key: 'a.txt' };
    expect(apply('get_object', options)).toEqual({ operation: 'get_object', bucket: 'reports', key: 'a.txt' });
    expect(options.bucket).toBe(bucket);
  },
);

it("keeps the query's own bucket while dynamic connection parameters are allowed", () => {
  const options = { operation: 'get_object', bucket: 'archive', key: 'a.txt' };
  expect(apply('get_object', options)).toBe(options);
});

it('fills copies’ source bucket and leaves their destination to its own default (the source bucket)', () => {
  expect(apply('copy_object', { sourceKey: 'a', destinationKey: 'b' })).toEqual({
    sourceBucket: 'reports',
    sourceKey: 'a',
    destinationKey: 'b',
  });
});

it('never picks the bucket a deletion deletes, nor the name of a bucket to create', () => {
  expect(apply('delete_bucket', { operation: 'delete_bucket' })).toEqual({ operation: 'delete_bucket' });
  expect(apply('create_bucket', { operation: 'create_bucket' })).toEqual({ operation: 'create_bucket' });
});

describe('with dynamic connection parameters off', () => {
  it('takes the data source’s bucket, named or not', () => {
    expect(apply('list_objects', {}, false)).toEqual({ bucket: 'reports' });
    expect(apply('list_objects', { bucket: ' reports ' }, false)).toEqual({ bucket: ' reports ' });
  });

  it('refuses another bucket by field, naming the allowed one and how to change it', async () => {
    const error = await refusal(() => apply('get_object', { bucket: 'archive', key: 'a.txt' }, false));
    expect(error).toBeInstanceOf(Failure);
    expect(error.message).toMatch(
      /only its own bucket 'reports'.*'bucket' names 'archive'.*Allow dynamic connection parameters/,
    );
    expect(error.details).toMatchObject({ field: 'bucket', allowed: ['reports'] });
    const destination = await refusal(() =>
      apply('copy_object', { sourceKey: 'a', destinationKey: 'b', destinationBucket: 'elsewhere' }, false),
    );
    expect(destination.details).toMatchObject({ field: 'destinationBucket' });
    const deletion = await refusal(() => apply('delete_bucket', { bucket: 'other' }, false));
    expect(deletion.details).toMatchObject({ field: 'bucket' });
    // A deletion never takes the data source's bucket by default, so the advice is to name it.
    expect(deletion.message).toMatch(/Name 'reports', or turn on/);
  });

  it('refuses a value that is no text, and text longer than any bucket without reading it', async () => {
    expect((await refusal(() => apply('get_object', { bucket: 42, key: 'a' }, false))).message).toMatch(
      /names another/,
    );
    expect((await refusal(() => apply('get_object', { bucket: ['reports'], key: 'a' }, false))).message).toMatch(
      /names another/,
    );
    // A number from an expression reads as its text, as the bucket reader takes it.
    const numbered = { bucket: 123, key: 'a' };
    expect(
      withDataSourceBucket('get_object', specsOf('get_object'), numbered, { bucket: '123', dynamicBuckets: false }),
    ).toBe(numbered);
    const long = ' '.repeat(5_000_000);
    expect((await refusal(() => apply('get_object', { bucket: long, key: 'a' }, false))).message).toMatch(/names '/);
    expect(apply('get_object', { bucket: long, key: 'a' })).toEqual({ bucket: long, key: 'a' });
  });
});
