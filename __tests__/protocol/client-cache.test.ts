/**
 * One client per data source, always: concurrent first queries share it; a future updated-at or
 * the same options in another key order do not rebuild it; a replaced client is destroyed once
 * its in-flight queries finish; the cache is bounded. (Client construction and destruction are
 * observed with spies; the queries are real, against scripted servers on 127.0.0.1.)
 */
import { S3Client } from '@aws-sdk/client-s3';
import * as clientModule from '../../lib/connection/client.js';
import { cachedClientCount } from '../../lib/connection/client-cache.js';
import S3QueryService from '../../lib/index.js';
import { CannedServer, startCannedServer } from '../support/canned-server.js';
import { httpResponse, startFaultServer } from '../support/fault-server.js';

const plugin = new S3QueryService();
let canned: CannedServer;
const created = jest.spyOn(clientModule, 'createS3Client');
const destroyed = jest.spyOn(S3Client.prototype, 'destroy');
const LIST =
  '<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult><Buckets></Buckets></ListAllMyBucketsResult>';

beforeAll(async () => {
  canned = await startCannedServer();
  canned.respondWith({ status: 200, body: LIST });
});
afterAll(() => canned.close());
beforeEach(() => {
  created.mockClear();
  destroyed.mockClear();
});

const source = (extra: Record<string, unknown> = {}) => ({
  access_key: 'AKIDCACHE',
  secret_key: 'cache-secret',
  endpoint_enabled: true,
  endpoint: canned.endpoint,
  ...extra,
});
const list = (id: string, options: Record<string, unknown> = source(), updatedAt = '2024-01-01T00:00:00Z') =>
  plugin.run(options, { operation: 'list_buckets' }, id, updatedAt);

it('twenty concurrent first queries of a data source build one client', async () => {
  await Promise.all(Array.from({ length: 20 }, () => list('cache-concurrent')));
  expect(created).toHaveBeenCalledTimes(1);
});

it('an updated-at in the future does not rebuild the client on every query', async () => {
  const future = new Date(Date.now() + 365 * 86_400_000).toISOString();
  for (let i = 0; i < 3; i += 1) await list('cache-future', source(), future);
  expect(created).toHaveBeenCalledTimes(1);
});

it('the same options in another key order are the same data source', async () => {
  const options: Record<string, unknown> = source({ region: 'us-east-1' });
  const reordered = Object.fromEntries(Object.entries(options).reverse());
  await list('cache-order', options);
  await list('cache-order', reordered);
  expect(created).toHaveBeenCalledTimes(1);
});

it('a replaced client is destroyed once the queries still using it finish', async () => {
  // The server holds its answer until the test lets it go, so the first query is in flight however slow the
  // machine is while the data source changes.
  let answer!: () => void;
  const held = new Promise<void>((resolve) => (answer = resolve));
  let arrived!: () => void;
  const inFlight = new Promise<void>((resolve) => (arrived = resolve));
  const slowServer = await startFaultServer((socket) => {
    arrived();
    void held.then(() => socket.write(httpResponse(200, LIST)));
  });
  try {
    const options = source({ endpoint: slowServer.endpoint });
    const slow = plugin.run(options, { operation: 'list_buckets' }, 'cache-replace', 'v1');
    await inFlight;
    const oldClient = await plugin.getConnection(options, {}, true, 'cache-replace', 'v1');
    await list('cache-replace', source({ secret_key: 'rotated' }), 'v2');
    const destroyedWhileInFlight = destroyed.mock.contexts.includes(oldClient);
    answer();
    await slow;
    await new Promise((resolve) => setImmediate(resolve));
    expect(destroyedWhileInFlight).toBe(false);
    expect(destroyed.mock.contexts).toContain(oldClient);
  } finally {
    answer();
    await slowServer.close();
  }
});

it('keeps at most 100 data sources, destroying the least recently used', async () => {
  for (let i = 0; i < 105; i += 1) await list(`cache-many-${i}`);
  expect(cachedClientCount()).toBeLessThanOrEqual(100);
  expect(destroyed.mock.calls.length).toBeGreaterThanOrEqual(5);
});

it('a query without a data source id uses a client of its own and destroys it after', async () => {
  await plugin.run(source(), { operation: 'list_buckets' });
  expect(created).toHaveBeenCalledTimes(1);
  expect(destroyed).toHaveBeenCalledTimes(1);
});
