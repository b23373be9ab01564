/**
 * S3 and network failures become QueryErrors a person understands, with code, HTTP status
 * and request id in the details, and never a secret anywhere.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import S3QueryService from '../lib/index.js';
import { CannedServer, s3ErrorXml, startCannedServer } from './support/canned-server.js';
import { consoleOutput } from './support/console-output.js';
import { useEmbeddedS3 } from './support/embedded-s3.js';
import { queryError } from './support/query.js';

const SECRET = 'TOPSECRET/k3y+Value-That-Must-Never-Leak';
const s3 = useEmbeddedS3(['errors-bucket']);
const plugin = new S3QueryService();
let canned: CannedServer;
const errorsSeen: unknown[] = [];

beforeAll(async () => {
  canned = await startCannedServer();
});
afterAll(() => canned.close());

async function failure(sourceOptions: Record<string, unknown>, queryOptions: Record<string, unknown>) {
  const error = await queryError(plugin.run(sourceOptions, queryOptions, `errors-${Math.random()}`));
  errorsSeen.push({ message: error.message, description: error.description, data: error.data });
  return error;
}

const cannedSource = (): Record<string, unknown> =>
  s3.sourceOptions({ endpoint: canned.endpoint, access_key: 'AKIDEXAMPLE', secret_key: SECRET });

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('S3 errors from the real server', () => {
  it('NoSuchKey names the object and the bucket', async () => {
    const error = await failure(s3.sourceOptions({ secret_key: SECRET }), {
      operation: 'get_object',
      bucket: 'errors-bucket',
      key: 'missing/file.txt',
    });
    expect(error.message).toBe("The object 'missing/file.txt' does not exist in bucket 'errors-bucket'.");
    expect(error.data).toMatchObject({
      code: 'NoSuchKey',
      httpStatus: 404,
      bucket: 'errors-bucket',
      key: 'missing/file.txt',
    });
  });

  it('NoSuchBucket names the bucket', async () => {
    const error = await failure(s3.sourceOptions(), { operation: 'list_objects', bucket: 'no-such-bucket' });
    expect(error.message).toMatch(/^The bucket 'no-such-bucket' does not exist/);
    expect(error.data).toMatchObject({ code: 'NoSuchBucket', httpStatus: 404 });
  });

  it('InvalidAccessKeyId says the access key was not recognised', async () => {
    const error = await failure(s3.sourceOptions({ access_key: 'WRONGKEY', secret_key: SECRET }), {
      operation: 'list_buckets',
    });
    expect(error.message).toMatch(/access key was not recognised/);
    expect(error.data).toMatchObject({ code: 'InvalidAccessKeyId', httpStatus: 403 });
  });
});

describe('S3 errors the embedded server cannot produce (scripted server on 127.0.0.1)', () => {
  it('SignatureDoesNotMatch points at the secret key, keeping the request id', async () => {
    canned.respondWith({
      status: 403,
      body: s3ErrorXml('SignatureDoesNotMatch', 'The request signature we calculated does not match'),
    });
    const error = await failure(cannedSource(), { operation: 'get_object', bucket: 'b', key: 'k' });
    expect(error.message).toMatch(/secret key does not match the access key/);
    expect(error.data).toMatchObject({ code: 'SignatureDoesNotMatch', httpStatus: 403, requestId: 'REQ123' });
    expect(String(error.description)).toContain('Request id: REQ123');
  });

  it('AccessDenied explains that the credentials lack permission', async () => {
    canned.respondWith({ status: 403, body: s3ErrorXml('AccessDenied', 'Access Denied') });
    const error = await failure(cannedSource(), { operation: 'get_object', bucket: 'private', key: 'salaries.csv' });
    expect(error.message).toBe(
      "Access denied to the object 'salaries.csv' in bucket 'private' (get_object). The credentials are valid but their IAM policy does not allow this action.",
    );
    expect(error.data).toMatchObject({ code: 'AccessDenied', httpStatus: 403 });
  });

  it("PermanentRedirect names the bucket's real region from x-amz-bucket-region", async () => {
    canned.respondWith({
      status: 301,
      headers: { 'x-amz-bucket-region': 'eu-west-1' },
      body: s3ErrorXml(
        'PermanentRedirect',
        'The bucket you are attempting to access must be addressed using the specified endpoint.',
      ),
    });
    const error = await failure(cannedSource(), { operation: 'list_objects', bucket: 'eu-bucket' });
    expect(error.message).toBe(
      "The bucket 'eu-bucket' is in region 'eu-west-1', but the data source uses 'us-east-1'. Set the data source's region to 'eu-west-1'.",
    );
    expect(error.data).toMatchObject({ code: 'PermanentRedirect', httpStatus: 301, bucketRegion: 'eu-west-1' });
  });

  it('an unknown S3 error keeps its code, status and server message', async () => {
    canned.respondWith({
      status: 409,
      body: s3ErrorXml('OperationAborted', 'A conflicting conditional operation is in progress'),
    });
    const error = await failure(cannedSource(), { operation: 'remove_object', bucket: 'b', key: 'k' });
    expect(error.message).toBe(
      "S3 remove_object failed on 'k' in bucket 'b' (HTTP 409, OperationAborted): A conflicting conditional operation is in progress",
    );
    expect(error.data).toMatchObject({ code: 'OperationAborted', httpStatus: 409, requestId: 'REQ123' });
  });
});

describe('network failures', () => {
  it('connection refused names the host', async () => {
    const port = await closedPort();
    const error = await failure(s3.sourceOptions({ endpoint: `http://127.0.0.1:${port}` }), {
      operation: 'list_buckets',
    });
    expect(error.message).toBe(
      `Could not connect to 127.0.0.1:${port}: the connection was refused. Check the endpoint and that the server is running.`,
    );
    expect(error.data).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('a DNS failure names the host', async () => {
    const error = await failure(s3.sourceOptions({ endpoint: 'http://no-such-host.invalid:9000' }), {
      operation: 'get_object',
      bucket: 'b',
      key: 'k',
    });
    expect(error.message).toMatch(/^Could not resolve the host name no-such-host\.invalid:9000/);
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(error.data.code);
  });
});

describe('testConnection', () => {
  it('reports ok for working credentials', async () => {
    await expect(plugin.testConnection(s3.sourceOptions())).resolves.toEqual({ status: 'ok' });
  });

  it('reports a rejected access key as failed with a clear message, never throwing', async () => {
    const result = await plugin.testConnection(s3.sourceOptions({ access_key: 'WRONGKEY', secret_key: SECRET }));
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/access key was not recognised/);
  });

  it('reports an unreachable endpoint as failed, naming the host', async () => {
    const port = await closedPort();
    const result = await plugin.testConnection(s3.sourceOptions({ endpoint: `http://127.0.0.1:${port}` }));
    expect(result).toEqual({ status: 'failed', message: expect.stringContaining(`127.0.0.1:${port}`) });
  });

  it('reports invalid settings as failed', async () => {
    const result = await plugin.testConnection(s3.sourceOptions({ endpoint: '  ' }));
    expect(result).toEqual({ status: 'failed', message: expect.stringMatching(/'endpoint'/) });
  });
});

describe('secrets', () => {
  it('the secret key never appears in any error or console output above', () => {
    expect(errorsSeen.length).toBeGreaterThanOrEqual(8);
    expect(JSON.stringify(errorsSeen)).not.toContain(SECRET);
    expect(JSON.stringify(errorsSeen)).not.toContain('S3RVER/'); // no credential scope from signed requests
    expect(consoleOutput()).not.toContain(SECRET);
  });

  it('a server that echoes the secret back has it redacted before the error is built or logged', async () => {
    canned.respondWith({ status: 400, body: s3ErrorXml('InvalidRequest', `bad request for ${SECRET}`) });
    const error = await failure(cannedSource(), { operation: 'list_buckets' });
    expect(error.message).toContain('[redacted]');
    expect(JSON.stringify({ m: error.message, d: error.description, x: error.data })).not.toContain(SECRET);
    expect(consoleOutput()).not.toContain(SECRET);
  });
});
