/** get_object_tagging, put_object_tagging (replace or merge, S3's limits checked first), delete_object_tagging. */
import { GetObjectTaggingCommand, PutObjectTaggingCommand } from '@aws-sdk/client-s3';
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const BUCKET = 'tagging';
const s3 = useS3Server([BUCKET]);
const { run, fail, upload } = serviceQueries(s3, 'object-tagging-ds');

/** An object with these tags, stored behind the plugin's back (s3rver drops an upload's tags: SERVER_DIFFERENCES). */
async function tagged(key: string, tags: Record<string, string>): Promise<void> {
  await upload(BUCKET, key, 'x');
  const TagSet = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  await s3.raw().send(new PutObjectTaggingCommand({ Bucket: BUCKET, Key: key, Tagging: { TagSet } }));
}

/** The object's tags as the server stores them, by key. */
async function storedTags(key: string): Promise<Record<string, string>> {
  const output = await s3.raw().send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: key }));
  return Object.fromEntries((output.TagSet ?? []).map((tag) => [tag.Key, tag.Value]));
}

it('reads the tags, as TagSet and as Tags by key', async () => {
  await tagged('tagged.txt', { project: 'q3', status: 'draft' });
  const data = await run({ operation: 'get_object_tagging', bucket: BUCKET, key: 'tagged.txt' });
  expect(data).toMatchObject({ Bucket: BUCKET, Key: 'tagged.txt', Tags: { project: 'q3', status: 'draft' } });
  expect([...data.TagSet].sort((a, b) => a.Key.localeCompare(b.Key))).toEqual([
    { Key: 'project', Value: 'q3' },
    { Key: 'status', Value: 'draft' },
  ]);
});

it('replace leaves only the tags given and returns the previous ones; merge keeps the others', async () => {
  await tagged('doc.txt', { project: 'q3', status: 'draft' });
  const replaced = await run({
    operation: 'put_object_tagging',
    bucket: BUCKET,
    key: 'doc.txt',
    tags: '{"status": "final"}',
  });
  expect(replaced).toMatchObject({ Mode: 'replace', Tags: { status: 'final' } });
  expect(replaced.PreviousTagSet).toHaveLength(2);
  expect(await storedTags('doc.txt')).toEqual({ status: 'final' });

  const merged = await run({
    operation: 'put_object_tagging',
    bucket: BUCKET,
    key: 'doc.txt',
    tags: '{"owner": "ada", "status": "archived"}',
    mode: 'merge',
  });
  expect(merged).toMatchObject({ Mode: 'merge', PreviousTagSet: [{ Key: 'status', Value: 'final' }] });
  expect(await storedTags('doc.txt')).toEqual({ owner: 'ada', status: 'archived' });
});

it(`delete removes every tag (${s3.differences.objectTags})`, async () => {
  await tagged('gone.txt', { a: '1' });
  if (s3.differences.objectTags !== 'full') {
    const refused = await fail({ operation: 'delete_object_tagging', bucket: BUCKET, key: 'gone.txt' });
    expect(refused.data).toMatchObject({ code: 'NotImplemented' });
    return;
  }
  const data = await run({ operation: 'delete_object_tagging', bucket: BUCKET, key: 'gone.txt' });
  expect(data).toMatchObject({ Bucket: BUCKET, Key: 'gone.txt', Deleted: true });
  expect(await storedTags('gone.txt')).toEqual({});
});

it("refuses S3's limits before any request; a merge past 10 tags before the write", async () => {
  await tagged('limits.txt', { keep: 'me' });
  const eleven = JSON.stringify(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])));
  const cases = [
    [eleven, /at most 10 tags \(got 11\)/],
    [JSON.stringify({ ['k'.repeat(129)]: 'v' }), /must be 1 to 128 characters/],
    [JSON.stringify({ k: 'v'.repeat(257) }), /at most 256 characters/],
    ['{"k": {"nested": 1}}', /must be text/],
  ] as const;
  for (const [tags, message] of cases) {
    const refused = await fail({ operation: 'put_object_tagging', bucket: 'no-such-bucket-here', key: 'k', tags });
    expect(refused.data).toMatchObject({ code: 'InvalidOption', field: 'tags' });
    expect(refused.message).toMatch(message);
  }
  const missing = await fail({ operation: 'put_object_tagging', bucket: BUCKET, key: 'limits.txt' });
  expect(missing.data).toMatchObject({ code: 'MissingOption', field: 'tags' });

  const ten = JSON.stringify(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, 'v'])));
  const overflow = await fail({
    operation: 'put_object_tagging',
    bucket: BUCKET,
    key: 'limits.txt',
    tags: ten,
    mode: 'merge',
  });
  expect(overflow.data).toMatchObject({ code: 'InvalidOption', field: 'tags' });
  expect(overflow.message).toMatch(/would leave 11 tags .* its 1; S3 keeps at most 10/);
  expect(await storedTags('limits.txt')).toEqual({ keep: 'me' });
});

it('a missing object fails, naming it', async () => {
  const error = await fail({ operation: 'get_object_tagging', bucket: BUCKET, key: 'nothing-here.txt' });
  expect(error.data).toMatchObject({ code: 'NoSuchKey' });
  expect(error.message).toMatch(/'nothing-here.txt' does not exist/);
});
