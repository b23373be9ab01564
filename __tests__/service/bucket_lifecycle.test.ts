/** Bucket lifecycle rules from presets: read, write (append or replace, the previous rules returned), delete. */
import { GetBucketLifecycleConfigurationCommand } from '@aws-sdk/client-s3';
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const BUCKET = 'lifecycle';
const s3 = useS3Server([BUCKET]);
const { run, fail } = serviceQueries(s3, 'bucket-lifecycle-ds');
const supported = s3.differences.lifecycle === 'supported';

const storedIds = async () =>
  ((await s3.raw().send(new GetBucketLifecycleConfigurationCommand({ Bucket: BUCKET }))).Rules ?? [])
    .map((rule) => rule.ID)
    .sort();

it('refuses what S3 would, and an expiry of the whole bucket, before any request', async () => {
  const base = { operation: 'put_bucket_lifecycle', bucket: 'no-such-bucket-here' };
  const noPrefix = await fail({ ...base, rule: 'expire-objects', days: '30' });
  expect(noPrefix.data).toMatchObject({ code: 'InvalidOption', field: 'prefix' });
  expect(noPrefix.message).toMatch(/required with the preset 'expire-objects'/);
  for (const days of ['0', '36501', '1.5'])
    expect((await fail({ ...base, days })).data).toMatchObject({ code: 'InvalidOption', field: 'days' });
  expect((await fail({ ...base, rule: 'expire-everything' })).data).toMatchObject({ field: 'rule' });
  expect((await fail({ ...base, ruleId: 'r'.repeat(256) })).data).toMatchObject({ field: 'ruleId' });
});

if (supported) {
  it('a bucket without rules reads as none; presets append, a same ID replaces, replace returns what it removed; delete', async () => {
    expect(await run({ operation: 'get_bucket_lifecycle', bucket: BUCKET })).toMatchObject({
      Rules: [],
      Configured: false,
    });

    const aborts = await run({ operation: 'put_bucket_lifecycle', bucket: BUCKET, days: '3' });
    expect(aborts.Rule).toEqual({
      ID: 'abort-incomplete-uploads',
      Status: 'Enabled',
      Filter: { Prefix: '' },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 3 },
    });
    await run({
      operation: 'put_bucket_lifecycle',
      bucket: BUCKET,
      rule: 'expire-objects',
      prefix: 'exports/',
      days: '30',
    });
    await run({ operation: 'put_bucket_lifecycle', bucket: BUCKET, rule: 'expire-noncurrent-versions', days: '90' });
    expect(await storedIds()).toEqual([
      'abort-incomplete-uploads',
      'expire-noncurrent-versions',
      'expire-objects-exports/',
    ]);

    const again = await run({ operation: 'put_bucket_lifecycle', bucket: BUCKET, days: '5' });
    expect(again).toMatchObject({ ReplacedSameId: true, ExistingRules: 'keep' });
    expect(again.PreviousRules).toHaveLength(3);
    const read = await run({ operation: 'get_bucket_lifecycle', bucket: BUCKET });
    expect(read.Rules).toHaveLength(3);
    expect(read.Rules.find((rule: { ID: string }) => rule.ID === 'abort-incomplete-uploads')).toMatchObject({
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 5 },
    });

    const replaced = await run({
      operation: 'put_bucket_lifecycle',
      bucket: BUCKET,
      days: '7',
      existingRules: 'replace',
      ruleId: 'only',
    });
    expect(replaced.PreviousRules).toHaveLength(3);
    expect(await storedIds()).toEqual(['only']);

    const deleted = await run({ operation: 'delete_bucket_lifecycle', bucket: BUCKET });
    expect(deleted).toMatchObject({ Deleted: true, PreviousRules: [{ ID: 'only' }] });
    expect(await run({ operation: 'get_bucket_lifecycle', bucket: BUCKET })).toMatchObject({ Configured: false });
  });
} else {
  it('s3rver answers every lifecycle request NotImplemented, and the query says so', async () => {
    for (const operation of ['get_bucket_lifecycle', 'put_bucket_lifecycle', 'delete_bucket_lifecycle'])
      expect((await fail({ operation, bucket: BUCKET })).data).toMatchObject({ code: 'NotImplemented' });
  });
}
