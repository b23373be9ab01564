/** The warm small requests measure 1 compares, each as a plugin query and as the raw SDK call that does the same. */
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { rawClient } from './raw-client.js';

export const BENCH_BUCKET = 'bench';
/** Objects under this prefix: one page of a listing. */
const PAGE_PREFIX = 'page/';
const PAGE_KEYS = 100;
const SMALL_TEXT = 'x'.repeat(1024);

export interface WarmQuery {
  label: string;
  query: Record<string, unknown>;
  raw(client: S3Client): Promise<unknown>;
}

export const WARM_QUERIES: WarmQuery[] = [
  {
    label: '`get_object` (1 KB)',
    query: { operation: 'get_object', bucket: BENCH_BUCKET, key: 'small.txt' },
    raw: async (client) =>
      (
        await client.send(new GetObjectCommand({ Bucket: BENCH_BUCKET, Key: 'small.txt' }))
      ).Body?.transformToByteArray(),
  },
  {
    label: '`head_object`',
    query: { operation: 'head_object', bucket: BENCH_BUCKET, key: 'small.txt' },
    raw: (client) => client.send(new HeadObjectCommand({ Bucket: BENCH_BUCKET, Key: 'small.txt' })),
  },
  {
    label: '`upload_object` (1 KB text)',
    query: { operation: 'upload_object', bucket: BENCH_BUCKET, key: 'upload-small.txt', data: SMALL_TEXT },
    raw: (client) =>
      client.send(new PutObjectCommand({ Bucket: BENCH_BUCKET, Key: 'upload-small.txt', Body: SMALL_TEXT })),
  },
  {
    label: `\`list_objects\`, one page of ${PAGE_KEYS} keys`,
    query: { operation: 'list_objects', bucket: BENCH_BUCKET, prefix: PAGE_PREFIX },
    raw: (client) => client.send(new ListObjectsV2Command({ Bucket: BENCH_BUCKET, Prefix: PAGE_PREFIX })),
  },
];

/**
 * The objects the warm queries read: the 1 KB object and one page of keys, written through a
 * client of their own: 100 parallel writes would leave a measured client's pool 50 connections
 * where the plugin's, sending one query at a time, has one.
 */
export async function seedWarmObjects(source: Record<string, unknown>): Promise<void> {
  const client = rawClient(source);
  try {
    await client.send(new PutObjectCommand({ Bucket: BENCH_BUCKET, Key: 'small.txt', Body: SMALL_TEXT }));
    const keys = Array.from({ length: PAGE_KEYS }, (_, i) => `${PAGE_PREFIX}${String(i).padStart(4, '0')}.txt`);
    await Promise.all(keys.map((Key) => client.send(new PutObjectCommand({ Bucket: BENCH_BUCKET, Key, Body: Key }))));
  } finally {
    client.destroy();
  }
}
