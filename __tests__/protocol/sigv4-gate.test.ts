/**
 * The embedded server's SigV4 check refuses what S3 refuses: unsigned requests, unknown keys,
 * wrong secrets, stale and expired signatures, bodies that do not match their signed hash, other
 * signing schemes; signed requests and CORS preflights reach s3rver unchanged.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash } from 'node:crypto';
import {
  EMBEDDED_ACCESS_KEY,
  EMBEDDED_SECRET_KEY,
  EmbeddedS3Server,
  startEmbeddedS3,
} from '../../dev/embedded-s3/server.js';
import { Sha256 } from '../../dev/embedded-s3/sigv4-gate.js';

const BUCKET = 'gate-bucket';
const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader></CORSRule></CORSConfiguration>`;
let server: EmbeddedS3Server;
let client: S3Client;

beforeAll(async () => {
  server = await startEmbeddedS3({ buckets: [BUCKET], corsXml: CORS });
  client = new S3Client({
    endpoint: server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: EMBEDDED_ACCESS_KEY, secretAccessKey: EMBEDDED_SECRET_KEY },
  });
  await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'hello.txt', Body: 'hello' }));
});
afterAll(async () => {
  client?.destroy();
  await server?.stop();
});

const code = async (response: Response): Promise<string | undefined> =>
  /<Code>([^<]+)<\/Code>/.exec(await response.text())?.[1];

/** Signs a request to the gate by hand, so the test can change what is sent after signing. */
async function signed(
  method: string,
  path: string,
  body: string,
  { signingDate = new Date(), secret = EMBEDDED_SECRET_KEY, contentSha256 = sha256(body) } = {},
): Promise<Response> {
  const url = new URL(path, server.endpoint);
  const signer = new SignatureV4({
    service: 's3',
    region: 'us-east-1',
    sha256: Sha256,
    uriEscapePath: false,
    credentials: { accessKeyId: EMBEDDED_ACCESS_KEY, secretAccessKey: secret },
  });
  const request = await signer.sign(
    {
      method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: {},
      headers: { host: url.host, 'x-amz-content-sha256': contentSha256 },
    },
    { signingDate },
  );
  return fetch(url, { method, headers: request.headers, body: method === 'GET' ? undefined : body });
}
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

it('passes a correctly signed request', async () => {
  const response = await signed('GET', `/${BUCKET}/hello.txt`, '');
  expect(response.status).toBe(200);
  expect(await response.text()).toBe('hello');
});

it('refuses an unsigned request with AccessDenied', async () => {
  const response = await fetch(`${server.endpoint}/${BUCKET}/hello.txt`);
  expect(response.status).toBe(403);
  expect(await code(response)).toBe('AccessDenied');
});

it('refuses a wrong secret with SignatureDoesNotMatch and an unknown key with InvalidAccessKeyId', async () => {
  const wrong = await signed('GET', `/${BUCKET}/hello.txt`, '', { secret: 'not-the-secret' });
  expect(wrong.status).toBe(403);
  expect(wrong.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/);
  expect(await code(wrong)).toBe('SignatureDoesNotMatch');
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d+/g, '');
  const unknown = await fetch(`${server.endpoint}/${BUCKET}/hello.txt`, {
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=NOBODY/${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
      'x-amz-date': amzDate,
    },
  });
  expect(unknown.status).toBe(403);
  expect(await code(unknown)).toBe('InvalidAccessKeyId');
});

it('refuses a request signed more than 15 minutes ago with RequestTimeTooSkewed', async () => {
  const response = await signed('GET', `/${BUCKET}/hello.txt`, '', {
    signingDate: new Date(Date.now() - 16 * 60 * 1000),
  });
  expect(response.status).toBe(403);
  expect(await code(response)).toBe('RequestTimeTooSkewed');
  const recent = await signed('GET', `/${BUCKET}/hello.txt`, '', { signingDate: new Date(Date.now() - 60 * 1000) });
  expect(recent.status).toBe(200);
});

it('refuses a body that does not match its signed SHA-256, and does not store it', async () => {
  const response = await signed('PUT', `/${BUCKET}/tampered.txt`, 'hellp', { contentSha256: sha256('hello') });
  expect(response.status).toBe(400);
  expect(await code(response)).toBe('XAmzContentSHA256Mismatch');
  await expect(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'tampered.txt' }))).rejects.toMatchObject({
    $metadata: { httpStatusCode: 404 },
  });
  const large = 'x'.repeat(3 * 1024 * 1024 + 17);
  expect((await signed('PUT', `/${BUCKET}/large.txt`, large)).status).toBe(200);
  const stored = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'large.txt' }));
  expect(await stored.Body?.transformToString()).toBe(large);
});

it('checks presigned URLs: tampered, expired and over-long ones are refused', async () => {
  const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: 'hello.txt' }), {
    expiresIn: 60,
  });
  expect(await (await fetch(url)).text()).toBe('hello');
  expect(await code(await fetch(url.replace('hello.txt', 'other.txt')))).toBe('SignatureDoesNotMatch');
  const old = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: 'hello.txt' }), {
    expiresIn: 60,
    signingDate: new Date(Date.now() - 120 * 1000),
  });
  const expired = await fetch(old);
  expect(expired.status).toBe(403);
  expect(await expired.text()).toContain('<Message>Request has expired</Message>');
  const tooLong = new URL(url);
  tooLong.searchParams.set('X-Amz-Expires', '604801');
  expect(await code(await fetch(tooLong))).toBe('AuthorizationQueryParametersError');
});

it('refuses other signing schemes and lets CORS preflights through', async () => {
  const v2 = await fetch(`${server.endpoint}/${BUCKET}/hello.txt`, { headers: { authorization: 'AWS S3RVER:abc=' } });
  expect(v2.status).toBe(400);
  expect(await code(v2)).toBe('InvalidRequest');
  const preflight = await fetch(`${server.endpoint}/${BUCKET}/upload.bin`, {
    method: 'OPTIONS',
    headers: { origin: 'http://localhost:3030', 'access-control-request-method': 'PUT' },
  });
  expect(preflight.status).toBe(200);
  expect(preflight.headers.get('access-control-allow-origin')).toBeTruthy();
});

describe('browser form uploads (POST Object) are checked against their signed policy', () => {
  const postForm = async (fields: Array<[string, string]>, file: string, after: Array<[string, string]> = []) => {
    const form = new FormData();
    for (const [name, value] of fields) form.append(name, value);
    form.append('file', new Blob([file]), 'note.txt');
    for (const [name, value] of after) form.append(name, value);
    return fetch(`${server.endpoint}/${BUCKET}`, { method: 'POST', body: form });
  };
  const policyFields = async (key: string) => {
    const { fields } = await createPresignedPost(client, { Bucket: BUCKET, Key: key, Expires: 60 });
    return Object.entries(fields);
  };

  it('a field the policy does not name is refused, as S3 refuses it', async () => {
    const response = await postForm([...(await policyFields('form/a.txt')), ['x-amz-meta-extra', '1']], 'text');
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Extra input fields: x-amz-meta-extra');
  });

  it('refuses, as S3 does, a form without a field a condition names, a Content-Type list with an item outside the prefix, a form posted to another bucket, and a repeated field', async () => {
    const typed = async (key: string) =>
      Object.entries(
        (
          await createPresignedPost(client, {
            Bucket: BUCKET,
            Key: key,
            Conditions: [['starts-with', '$Content-Type', 'image/']],
            Expires: 60,
          })
        ).fields,
      );
    const missing = await postForm(await typed('form/c.png'), 'x');
    expect(await missing.text()).toContain(
      'Policy Condition failed: [&quot;starts-with&quot;,&quot;$Content-Type&quot;',
    );
    const listed = await postForm([...(await typed('form/c.png')), ['Content-Type', 'image/png,text/html']], 'x');
    expect(listed.status).toBe(403);
    const fields = await typed('form/c.png');
    const elsewhere = new FormData();
    for (const [name, value] of [...fields, ['Content-Type', 'image/png']]) elsewhere.append(name, value);
    elsewhere.append('file', new Blob(['x']), 'c.png');
    const other = await fetch(`${server.endpoint}/other-bucket`, { method: 'POST', body: elsewhere });
    expect(await other.text()).toContain(
      'Policy Condition failed: [&quot;eq&quot;, &quot;$bucket&quot;, &quot;gate-bucket&quot;]',
    );
    const twice = await postForm([...fields, ['Content-Type', 'image/png'], ['content-type', 'image/gif']], 'x');
    expect(await code(twice)).toBe('InvalidArgument');
  });

  it('an unsigned form is refused, and a signed one stores the file; fields after the file are ignored', async () => {
    expect(await code(await postForm([['key', 'form/b.txt']], 'text'))).toBe('AccessDenied');
    const response = await postForm(await policyFields('form/b.txt'), 'stored', [['key', 'elsewhere.txt']]);
    expect(response.status).toBe(204);
    const stored = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'form/b.txt' }));
    expect(await stored.Body?.transformToString()).toBe('stored');
  });
});
