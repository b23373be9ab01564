/**
 * S3, HTTP and network failures become QueryErrors a person understands, with code, HTTP status
 * and request id in the details, and never a secret anywhere (scripted servers on 127.0.0.1).
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import S3QueryService from '../../lib/index.js';
import { CannedServer, s3ErrorXml, startCannedServer } from '../support/canned-server.js';
import { consoleOutput } from '../support/console-output.js';
import { queryError } from '../support/query.js';

const SECRET = 'TOPSECRET/k3y+Value-That-Must-Never-Leak';
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

const source = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  access_key: 'AKIDEXAMPLE',
  secret_key: SECRET,
  endpoint_enabled: true,
  endpoint: canned.endpoint,
  max_attempts: '1',
  ...overrides,
});

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('S3 error responses', () => {
  it('SignatureDoesNotMatch points at the secret key, keeping the request id', async () => {
    canned.respondWith({
      status: 403,
      body: s3ErrorXml('SignatureDoesNotMatch', 'The request signature we calculated does not match'),
    });
    const error = await failure(source(), { operation: 'get_object', bucket: 'bkt', key: 'k' });
    expect(error.message).toMatch(/secret key does not match the access key/);
    expect(error.data).toMatchObject({ code: 'SignatureDoesNotMatch', httpStatus: 403, requestId: 'REQ123' });
    expect(String(error.description)).toContain('Request id: REQ123');
  });

  it('AccessDenied explains that the credentials lack permission', async () => {
    canned.respondWith({ status: 403, body: s3ErrorXml('AccessDenied', 'Access Denied') });
    const error = await failure(source(), { operation: 'get_object', bucket: 'private', key: 'salaries.csv' });
    expect(error.message).toBe(
      "Access denied to the object 'salaries.csv' in bucket 'private' (get_object). The credentials are valid but their IAM policy does not allow this action.",
    );
    expect(error.data).toMatchObject({ code: 'AccessDenied', httpStatus: 403 });
  });

  it('BucketAlreadyExists does not claim another account owns it: other servers answer it for your own bucket', async () => {
    canned.respondWith({ status: 409, body: s3ErrorXml('BucketAlreadyExists', 'The requested bucket already exists') });
    const error = await failure(source(), { operation: 'create_bucket', bucket: 'demo-bucket' });
    expect(error.message).toBe(
      "The bucket 'demo-bucket' already exists: on AWS bucket names are global and another account has it; on other S3-compatible servers it may be yours (list_buckets shows yours). Choose another name, or use it if it is yours.",
    );
    expect(error.data).toMatchObject({ code: 'BucketAlreadyExists', httpStatus: 409 });
  });

  it('InternalError on a multipart upload points at the UploadId; elsewhere it says to try again', async () => {
    canned.respondWith({ status: 500, body: s3ErrorXml('InternalError', 'We encountered an internal error.') });
    const upload = { bucket: 'bkt', key: 'big.bin', uploadId: 'bogus', parts: '[{"PartNumber":1,"ETag":"\\"e\\""}]' };
    const error = await failure(source(), { operation: 'complete_multipart_upload', ...upload });
    expect(error.message).toBe(
      "The server had an internal error on complete_multipart_upload for 'big.bin' in bucket 'bkt'. Check the UploadId: some S3-compatible servers answer an unknown or finished upload this way.",
    );
    expect(error.message).not.toMatch(/Try again/);
    const other = await failure(source(), { operation: 'get_object', bucket: 'bkt', key: 'k' });
    expect(other.message).toBe('The S3 service had an internal error. Try again in a moment.');
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
    const error = await failure(source(), { operation: 'list_objects', bucket: 'eu-bucket' });
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
    const error = await failure(source(), { operation: 'remove_object', bucket: 'bkt', key: 'k' });
    expect(error.message).toBe(
      "S3 remove_object failed on 'k' in bucket 'bkt' (HTTP 409, OperationAborted): A conflicting conditional operation is in progress",
    );
    expect(error.data).toMatchObject({ code: 'OperationAborted', httpStatus: 409, requestId: 'REQ123' });
  });
});

describe('HTTP errors without an S3 error body (a proxy, a size limit, not an S3 endpoint)', () => {
  it('413 says the request was too large for the server and names the size sent', async () => {
    canned.respondWith({
      status: 413,
      headers: { 'content-type': 'text/html' },
      body: '<html><h1>413 Request Entity Too Large</h1></html>',
    });
    const error = await failure(source(), {
      operation: 'upload_object',
      bucket: 'bkt',
      key: 'big.txt',
      data: 'x'.repeat(5000),
    });
    expect(error.message).toBe(
      `The server at ${new URL(canned.endpoint).host} refused the request as too large (HTTP 413). This request carried 4.9 KB. The server, or a proxy in front of it, limits the size of a request: raise that limit, or let the browser upload large files with a signed URL.`,
    );
    expect(error.data).toMatchObject({ code: 'RequestTooLarge', httpStatus: 413, sentBytes: 5000, key: 'big.txt' });
  });

  it('413 with a plain-text body is described the same way', async () => {
    canned.respondWith({ status: 413, headers: { 'content-type': 'text/plain' }, body: 'Payload Too Large' });
    const error = await failure(source(), { operation: 'upload_object', bucket: 'bkt', key: 'b.txt', data: 'abc' });
    expect(error.data).toMatchObject({ code: 'RequestTooLarge', httpStatus: 413, sentBytes: 3 });
  });

  it('502 from a proxy says what a 502 means instead of "not a valid S3 response"', async () => {
    canned.respondWith({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' });
    const error = await failure(source(), { operation: 'get_object', bucket: 'bkt', key: 'k' });
    expect(error.message).toBe(
      `The server at ${new URL(canned.endpoint).host} answered HTTP 502 without an S3 error message: a proxy or load balancer in front of the S3 service could not reach it.`,
    );
    expect(error.data).toMatchObject({ code: 'HTTP502', httpStatus: 502 });
  });
});

describe('network failures', () => {
  it('connection refused names the host', async () => {
    const port = await closedPort();
    const error = await failure(source({ endpoint: `http://127.0.0.1:${port}` }), { operation: 'list_buckets' });
    expect(error.message).toBe(
      `Could not connect to 127.0.0.1:${port}: the connection was refused. Check the endpoint and that the server is running.`,
    );
    expect(error.data).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('a DNS failure names the host', async () => {
    const error = await failure(source({ endpoint: 'http://no-such-host.invalid:9000' }), {
      operation: 'get_object',
      bucket: 'bkt',
      key: 'k',
    });
    expect(error.message).toMatch(/^Could not resolve the host name no-such-host\.invalid:9000/);
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(error.data.code);
  });

  it('with path-style off, a DNS failure names the host actually tried (bucket.host)', async () => {
    const error = await failure(source({ endpoint: 'http://no-such-host.invalid:9000', force_path_style: false }), {
      operation: 'get_object',
      bucket: 'my-bucket',
      key: 'k',
    });
    expect(error.message).toMatch(/^Could not resolve the host name my-bucket\.no-such-host\.invalid:9000\./);
    expect(error.data).toMatchObject({ host: 'my-bucket.no-such-host.invalid:9000' });
  });
});

describe('secrets', () => {
  it('a server that echoes the secret back has it redacted before the error is built or logged', async () => {
    canned.respondWith({ status: 400, body: s3ErrorXml('InvalidRequest', `bad request for ${SECRET}`) });
    const error = await failure(source(), { operation: 'list_buckets' });
    expect(error.message).toContain('[redacted]');
    expect(JSON.stringify({ m: error.message, d: error.description, x: error.data })).not.toContain(SECRET);
  });

  it('the secret key never appears in any error or console output above', () => {
    expect(errorsSeen.length).toBeGreaterThanOrEqual(10);
    expect(JSON.stringify(errorsSeen)).not.toContain(SECRET);
    expect(JSON.stringify(errorsSeen)).not.toContain('AKIDEXAMPLE/'); // no credential scope from signed requests
    expect(consoleOutput()).not.toContain(SECRET);
  });
});
