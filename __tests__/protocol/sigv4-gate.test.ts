/**
 * The embedded server's SigV4 check refuses what S3 refuses: unsigned requests, unknown keys,
 * wrong secrets, stale, expired and future-dated signatures, bodies that do not match their signed
 * hash, other signing schemes; signed requests and CORS preflights reach s3rver unchanged. It
 * refuses cross-site browser requests (the keys are public), and reads browser form uploads as
 * they stream.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { EMBEDDED_SECRET_KEY, EmbeddedS3Server, startEmbeddedS3 } from '../../dev/embedded-s3/server.js';
import { embeddedClient, embeddedSigner } from '../support/embedded-s3-requests.js';

const BUCKET = 'gate-bucket';
const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader></CORSRule></CORSConfiguration>`;
let server: EmbeddedS3Server;
let client: S3Client;

beforeAll(async () => {
  server = await startEmbeddedS3({ buckets: [BUCKET], corsXml: CORS });
  client = embeddedClient(server.endpoint);
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
  const request = await embeddedSigner(secret).sign(
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

it('refuses a presigned URL dated more than 15 minutes ahead, as S3 does ("Request is not yet valid")', async () => {
  const command = new GetObjectCommand({ Bucket: BUCKET, Key: 'hello.txt' });
  const ahead = await getSignedUrl(client, command, {
    expiresIn: 3600,
    signingDate: new Date(Date.now() + 20 * 60 * 1000),
  });
  const refused = await fetch(ahead);
  expect(refused.status).toBe(403);
  const body = await refused.text();
  expect(body).toContain('<Code>AccessDenied</Code><Message>Request is not yet valid</Message>');
  expect(body).toMatch(/<ServerTime>\d{4}-\d\d-\d\dT/);
  // Within the clock skew S3 allows, the URL works.
  const skewed = await getSignedUrl(client, command, {
    expiresIn: 3600,
    signingDate: new Date(Date.now() + 5 * 60 * 1000),
  });
  expect(await (await fetch(skewed)).text()).toBe('hello');
});

describe('cross-site browser requests are refused; the SDK, curl and pages on this machine are not', () => {
  const uploadForm = async () => {
    const { fields } = await createPresignedPost(client, { Bucket: BUCKET, Key: 'cross/site.txt', Expires: 60 });
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob(['from a page']), 'site.txt');
    return form;
  };
  const exists = (Key: string) =>
    client.send(new HeadObjectCommand({ Bucket: BUCKET, Key })).then(
      () => true,
      () => false,
    );

  it('a form posted from another site is refused before it is read, and not stored', async () => {
    const response = await fetch(`${server.endpoint}/${BUCKET}`, {
      method: 'POST',
      body: await uploadForm(),
      headers: { origin: 'http://evil.example' },
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('this one came from &quot;http://evil.example&quot;');
    expect(await exists('cross/site.txt')).toBe(false);
  });

  it('a signed PUT and a CORS preflight from another site are refused', async () => {
    const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: BUCKET, Key: 'cross/put.txt' }), {
      expiresIn: 60,
    });
    const put = await fetch(url, { method: 'PUT', body: 'x', headers: { origin: 'https://evil.example' } });
    expect(put.status).toBe(403);
    expect(await code(put)).toBe('AccessDenied');
    const preflight = await fetch(`${server.endpoint}/${BUCKET}/cross/put.txt`, {
      method: 'OPTIONS',
      headers: { origin: 'null', 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(403);
    expect(await exists('cross/put.txt')).toBe(false);
  });

  it('a cross-site write without Origin, and a request addressed to another host name (DNS rebinding), are refused', async () => {
    const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: BUCKET, Key: 'cross/fetch.txt' }), {
      expiresIn: 60,
    });
    const noOrigin = await fetch(url, { method: 'PUT', body: 'x', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(noOrigin.status).toBe(403);
    const rebound = await new Promise<number>((resolve, reject) => {
      const { port } = new URL(server.endpoint);
      http
        .get(
          { host: '127.0.0.1', port, path: `/${BUCKET}/hello.txt`, headers: { host: `evil.example:${port}` } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        )
        .on('error', reject);
    });
    expect(rebound).toBe(403);
  });

  it('a page on this machine uploads a form; requests without Origin pass', async () => {
    const response = await fetch(`${server.endpoint}/${BUCKET}`, {
      method: 'POST',
      body: await uploadForm(),
      headers: { origin: 'http://127.0.0.1:3030', 'sec-fetch-site': 'same-site' },
    });
    expect(response.status).toBe(204);
    expect(await exists('cross/site.txt')).toBe(true);
  });
});

describe('a form upload is checked as it streams, in bounded memory', () => {
  const boundary = 'gate-test-boundary';
  const part = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const fileStart = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;

  /**
   * Posts `fields` then a file of up to `chunks` × 256 KB, one chunk at a time, and stops sending
   * as soon as an answer arrives; how many chunks went before it. With `pauseAfter`, it waits up to 2 s for
   * an answer after that many chunks: loopback drains 64 chunks in a few ms, so without a pause how many went
   * would measure the machine's speed, not whether the gate answered before the body.
   */
  function streamForm(
    fields: string,
    chunks: number,
    pauseAfter = -1,
  ): Promise<{ status: number; body: string; sent: number }> {
    const { port } = new URL(server.endpoint);
    const chunk = Buffer.alloc(256 * 1024, 'a');
    return new Promise((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const request = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/${BUCKET}`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' },
      });
      request.on('response', (res) => {
        answered = true;
        const body: Buffer[] = [];
        res.on('data', (data: Buffer) => body.push(data));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(body).toString(), sent }));
        request.end();
      });
      request.on('error', (error) => (answered ? undefined : reject(error)));
      const next = (): void => {
        if (answered) return;
        if (sent === chunks) return void request.end(`\r\n--${boundary}--\r\n`);
        if (sent === pauseAfter) {
          pauseAfter = -1;
          const resume = setTimeout(next, 2000);
          return void request.once('response', () => clearTimeout(resume));
        }
        sent += 1;
        if (request.write(chunk)) setImmediate(next);
        else request.once('drain', next);
      };
      request.write(fields + fileStart, next);
    });
  }

  it('an unsigned form is answered AccessDenied as its file starts, before the body is sent', async () => {
    const answer = await streamForm(part('key', 'big.bin'), 64, 4);
    expect(answer.status).toBe(403);
    expect(await code(new Response(answer.body))).toBe('AccessDenied');
    expect(answer.sent).toBeLessThanOrEqual(4);
  });

  it('fields before the file over S3’s 20 KB are refused as they arrive', async () => {
    const answer = await streamForm(part('key', 'big.bin') + part('x-amz-meta-big', 'm'.repeat(21000)), 64, 4);
    expect(answer.status).toBe(400);
    expect(await code(new Response(answer.body))).toBe('MaxPostPreDataLengthExceeded');
    expect(answer.sent).toBeLessThanOrEqual(4);
  });

  it('a file over the policy’s maximum is refused with its size, and nothing is stored', async () => {
    const { fields } = await createPresignedPost(client, {
      Bucket: BUCKET,
      Key: 'stream/too-big.bin',
      Conditions: [['content-length-range', 0, 1000]],
      Expires: 60,
    });
    const signedFields = Object.entries(fields)
      .map(([name, value]) => part(name, value))
      .join('');
    const answer = await streamForm(signedFields, 8);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain(
      `<ProposedSize>${8 * 256 * 1024}</ProposedSize><MaxSizeAllowed>1000</MaxSizeAllowed>`,
    );
    await expect(
      client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'stream/too-big.bin' })),
    ).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('a signed form within its limits is stored byte-exact, under a key with the file’s UTF-8 name', async () => {
    const { fields } = await createPresignedPost(client, {
      Bucket: BUCKET,
      Key: 'stream/${filename}',
      Conditions: [['content-length-range', 1, 4 * 1024 * 1024]],
      Expires: 60,
    });
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    const bytes = randomBytes(3 * 1024 * 1024 + 5);
    form.append('file', new Blob([bytes]), 'café.bin');
    const response = await fetch(`${server.endpoint}/${BUCKET}`, { method: 'POST', body: form });
    expect(response.status).toBe(204);
    const stored = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'stream/café.bin' }));
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(bytes)).toBe(true);
  });
});
