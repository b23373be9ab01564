/**
 * A listing of many pages holds at most LIMITS.listingBytes of keys, however large maxTotalKeys
 * is. The pages come from a stand-in client: a real server would need hundreds of megabytes of
 * keys to reach the bound, and what is tested is where the loop stops, not the protocol.
 */
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { LIMITS } from '../../lib/limits.js';
import { listObjects } from '../../lib/operations/listing/list-objects.js';

const LONG_KEY = 'k'.repeat(1000);

function pagingClient(): { client: S3Client; pages: () => number } {
  let pages = 0;
  const client = {
    send: async (command: ListObjectsV2Command) => {
      pages += 1;
      const size = command.input.MaxKeys ?? 1000;
      return {
        Contents: Array.from({ length: size }, (_, i) => ({ Key: `${LONG_KEY}${pages}-${i}`, ETag: '"e"' })),
        IsTruncated: true,
        NextContinuationToken: `t${pages}`,
        $metadata: {},
      };
    },
  } as unknown as S3Client;
  return { client, pages: () => pages };
}

it('fetchAll stops when the keys reach the memory bound, with a token to go on', async () => {
  const { client, pages } = pagingClient();
  const result = await listObjects(client, {
    bucket: 'bkt',
    maxKeys: 1000,
    fetchAll: true,
    maxTotalKeys: LIMITS.keysPerResult,
  });
  const held = (result.Contents ?? []).reduce((sum, entry) => sum + (entry.Key?.length ?? 0), 0);
  expect(held).toBeLessThan(LIMITS.listingBytes * 1.01);
  expect(held).toBeGreaterThan(LIMITS.listingBytes * 0.8);
  expect(result.KeyCount).toBeLessThan(LIMITS.keysPerResult);
  expect(result).toMatchObject({ IsTruncated: true, ReachedMaxTotalKeys: false, NextContinuationToken: `t${pages()}` });
  expect(result.Warning).toMatch(/^Stopped at \d+ keys: their names take 256 MB, the most one result holds/);
});

it('refuses a page whose entries no S3 service lists', async () => {
  const client = {
    send: async () => ({
      Contents: [{ Key: 'a', ETag: `"${'x'.repeat(15_000)}"` }],
      IsTruncated: false,
      $metadata: {},
    }),
  } as unknown as S3Client;
  await expect(
    listObjects(client, { bucket: 'bkt', maxKeys: 1000, fetchAll: true, maxTotalKeys: 10 }),
  ).rejects.toMatchObject({ code: 'NotS3Response' });
});
