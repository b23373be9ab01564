/**
 * Test connection against scripted servers: a loopback server that verifies SigV4 proves a wrong
 * or rotated secret is noticed; bucket-scoped users who may not list all buckets are told so.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import S3QueryService from '../../lib/index.js';
import { CannedServer, s3ErrorXml, startCannedServer } from '../support/canned-server.js';
import { queryError } from '../support/query.js';
import { useEmbeddedS3 } from '../support/embedded-s3.js';

const plugin = new S3QueryService();
let canned: CannedServer;
// The embedded server checks signatures (its SigV4 check refuses a wrong secret as S3 does).
const embedded = useEmbeddedS3([]);
const RIGHT = 'S3RVER';

beforeAll(async () => {
  canned = await startCannedServer();
});
afterAll(async () => {
  await canned.close();
});

const signedSource = (secret: string) => embedded.sourceOptions({ secret_key: secret });

it('a wrong secret fails with a message saying the credentials were rejected', async () => {
  await expect(plugin.testConnection(signedSource(RIGHT))).resolves.toEqual({ status: 'ok' });
  const result = await plugin.testConnection(signedSource('wrong-secret'));
  expect(result.status).toBe('failed');
  expect(result.message).toMatch(/secret key does not match the access key/);
  expect(result.message).not.toContain('wrong-secret');
});

it('a changed secret takes effect on the next query of a cached data source', async () => {
  const updatedAt = '2024-01-01T00:00:00Z';
  const ok = await plugin.run(signedSource(RIGHT), { operation: 'list_buckets' }, 'ds-rotated', updatedAt);
  expect(ok.status).toBe('ok');
  const error = await queryError(
    plugin.run(signedSource('old-secret'), { operation: 'list_buckets' }, 'ds-rotated', updatedAt),
  );
  expect(error.data).toMatchObject({ code: 'SignatureDoesNotMatch' });
  const again = await plugin.run(signedSource(RIGHT), { operation: 'list_buckets' }, 'ds-rotated', updatedAt);
  expect(again.status).toBe('ok');
});

it('valid credentials without s3:ListAllMyBuckets are ok, with an explanation', async () => {
  canned.respondWith({ status: 403, body: s3ErrorXml('AccessDenied', 'Access Denied') });
  const result = await plugin.testConnection({
    access_key: 'AK',
    secret_key: 'SK',
    endpoint_enabled: true,
    endpoint: canned.endpoint,
  });
  expect(result.status).toBe('ok');
  expect(result.message).toMatch(
    /credentials are valid, but they are not allowed to list all buckets \(s3:ListAllMyBuckets\)/,
  );
});

it('reports an unreachable endpoint as failed, naming the host', async () => {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  const result = await plugin.testConnection({
    access_key: 'AK',
    secret_key: 'SK',
    endpoint_enabled: true,
    endpoint: `http://127.0.0.1:${port}`,
  });
  expect(result).toEqual({ status: 'failed', message: expect.stringContaining(`127.0.0.1:${port}`) });
});

it('reports invalid settings as failed', async () => {
  const result = await plugin.testConnection({
    access_key: 'AK',
    secret_key: 'SK',
    endpoint_enabled: true,
    endpoint: '  ',
  });
  expect(result).toEqual({ status: 'failed', message: expect.stringMatching(/'endpoint'/) });
});
