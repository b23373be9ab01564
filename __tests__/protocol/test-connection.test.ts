/**
 * Test connection against scripted servers: a loopback server that verifies SigV4 proves a wrong
 * or rotated secret is noticed; bucket-scoped users who may not list all buckets are told so.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import S3QueryService from '../../lib/index.js';
import { CannedServer, s3ErrorXml, startCannedServer } from '../support/canned-server.js';
import { queryError } from '../support/query.js';
import { SigningServer, startSigningServer } from '../support/signing-server.js';

const plugin = new S3QueryService();
let canned: CannedServer;
let signing: SigningServer;

beforeAll(async () => {
  canned = await startCannedServer();
  signing = await startSigningServer('AKIDSIGNED', 'right-secret');
});
afterAll(async () => {
  await canned.close();
  await signing.close();
});

const signedSource = (secret: string) => ({
  access_key: 'AKIDSIGNED',
  secret_key: secret,
  endpoint_enabled: true,
  endpoint: signing.endpoint,
});

it('a wrong secret fails with a message saying the credentials were rejected', async () => {
  await expect(plugin.testConnection(signedSource('right-secret'))).resolves.toEqual({ status: 'ok' });
  const result = await plugin.testConnection(signedSource('wrong-secret'));
  expect(result.status).toBe('failed');
  expect(result.message).toMatch(/secret key does not match the access key/);
  expect(result.message).not.toContain('wrong-secret');
});

it('a changed secret takes effect on the next query of a cached data source', async () => {
  const updatedAt = '2024-01-01T00:00:00Z';
  const ok = await plugin.run(signedSource('right-secret'), { operation: 'list_buckets' }, 'ds-rotated', updatedAt);
  expect(ok.status).toBe('ok');
  const error = await queryError(
    plugin.run(signedSource('old-secret'), { operation: 'list_buckets' }, 'ds-rotated', updatedAt),
  );
  expect(error.data).toMatchObject({ code: 'SignatureDoesNotMatch' });
  const again = await plugin.run(signedSource('right-secret'), { operation: 'list_buckets' }, 'ds-rotated', updatedAt);
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
