/**
 * The embedded server keeps objects inside its data folder, whatever a signed request says: s3rver
 * joins the bucket, the key's parts, an upload id and a part number onto its folder, so every way a
 * name reaches it (object PUT, browser form, copy source, multipart, DeleteObjects) is tried with
 * `..` written plainly and percent-encoded; and a key part longer than a file name is an S3 error
 * (KeyTooLongError) after which the server still answers. The keys are the public S3RVER pair,
 * so anyone can sign these requests.
 */
import {
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EmbeddedS3Server, startEmbeddedS3 } from '../../dev/embedded-s3/server.js';
import { embeddedClient, errorCode, rawSignedRequest } from '../support/embedded-s3-requests.js';

const BUCKET = 'confined';
let server: EmbeddedS3Server;
let client: S3Client;
/** A folder beside the data folder, where `..` would land; made fresh for each test. */
let outside: string;
/** `outside` as a relative key path from an object key `a/<name>` in BUCKET: up through a, the bucket and the data folder. */
let escape: string;

beforeAll(async () => {
  server = await startEmbeddedS3({ buckets: [BUCKET] });
  client = embeddedClient(server.endpoint);
  await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'hello.txt', Body: 'hello' }));
});
beforeEach(() => {
  const name = `outside-${randomBytes(6).toString('hex')}`;
  outside = path.join(path.dirname(server.directory), name);
  escape = `../../../${name}`;
});
afterEach(() => rmSync(outside, { recursive: true, force: true }));
afterAll(async () => {
  client?.destroy();
  await server?.stop();
});

const stillServes = async (): Promise<void> => {
  const read = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'hello.txt' }));
  expect(await read.Body?.transformToString()).toBe('hello');
};
/** Whatever the request did, nothing was written beside the data folder. */
const nothingOutside = (): void =>
  expect(existsSync(outside) ? readdirSync(outside, { recursive: true }) : []).toEqual([]);
const encoded = (text: string): string => text.replace(/\./g, '%2E').replace(/\//g, '%2F');

describe('a key with .. segments is refused, not written outside the data folder', () => {
  it.each([
    ['plainly', (key: string) => key],
    ['percent-encoded', encoded],
  ])('object PUT, written %s', async (_how, write) => {
    const answer = await rawSignedRequest(server.endpoint, 'PUT', `/${BUCKET}/${write(`a/${escape}/pwned`)}`, {
      body: 'pwned',
    });
    expect(answer.status).toBe(400);
    expect(errorCode(answer.body)).toBe('InvalidArgument');
    nothingOutside();
  });

  it('a bucket named .. (percent-encoded) is refused', async () => {
    const name = path.basename(outside);
    const answer = await rawSignedRequest(server.endpoint, 'PUT', `/%2E%2E/${name}/pwned`, { body: 'pwned' });
    expect(answer.status).toBe(400);
    expect(errorCode(answer.body)).toBe('InvalidBucketName');
    nothingOutside();
  });

  it('backslash segments are refused too (a path separator where the server may run)', async () => {
    const answer = await rawSignedRequest(server.endpoint, 'PUT', `/${BUCKET}/a%5C..%5C..%5Cpwned`, { body: 'x' });
    expect(answer.status).toBe(400);
    expect(errorCode(answer.body)).toBe('InvalidArgument');
  });

  it('a browser form whose policy allows keys under uploads/u1/', async () => {
    const { fields } = await createPresignedPost(client, {
      Bucket: BUCKET,
      Key: 'uploads/u1/${filename}',
      Conditions: [['starts-with', '$key', 'uploads/u1/']],
      Expires: 60,
    });
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.set('key', `uploads/u1/../../${escape}/pwned`);
    form.append('file', new Blob(['pwned']), 'pwned.txt');
    const response = await fetch(`${server.endpoint}/${BUCKET}`, { method: 'POST', body: form });
    expect(response.status).toBe(400);
    expect(errorCode(await response.text())).toBe('InvalidArgument');
    nothingOutside();
  });

  it('a copy source outside the data folder is not read', async () => {
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'secret._S3rver_object'), 'outside the data folder');
    const name = path.basename(outside);
    // s3rver reads the header with decodeURI, which decodes %2E but leaves %2F as it is.
    const dotsEncoded = `/${BUCKET}/a/${escape.replace(/\./g, '%2E')}/secret`;
    for (const source of [`/${BUCKET}/a/${escape}/secret`, dotsEncoded, `/../${name}/secret`]) {
      const answer = await rawSignedRequest(server.endpoint, 'PUT', `/${BUCKET}/copied.txt`, {
        headers: { 'x-amz-copy-source': source },
      });
      expect({ source, status: answer.status }).toEqual({ source, status: 400 });
    }
    await expect(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'copied.txt' }))).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
  });

  it('DeleteObjects does not delete a file outside the data folder', async () => {
    mkdirSync(outside);
    const victim = path.join(outside, 'victim._S3rver_object');
    writeFileSync(victim, 'keep me');
    await expect(
      client.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: `a/${escape}/victim` }] } })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
    expect(existsSync(victim)).toBe(true);
  });

  it('a multipart part under an upload id or part number with .. is refused', async () => {
    const upload = await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'parts.bin' }));
    const byId = await rawSignedRequest(
      server.endpoint,
      'PUT',
      `/${BUCKET}/parts.bin?partNumber=1&uploadId=${encodeURIComponent(`${escape}/x`)}`,
      { body: 'part' },
    );
    expect(byId.status).toBe(404);
    expect(errorCode(byId.body)).toBe('NoSuchUpload');
    const byNumber = await rawSignedRequest(
      server.endpoint,
      'PUT',
      `/${BUCKET}/parts.bin?partNumber=${encodeURIComponent(`../../../../${path.basename(outside)}/p`)}&uploadId=${upload.UploadId}`,
      { body: 'part' },
    );
    expect(byNumber.status).toBe(400);
    expect(errorCode(byNumber.body)).toBe('InvalidArgument');
    nothingOutside();
  });
});

describe('a key the file system cannot hold is an S3 error, and the server stays up', () => {
  const longPart = 'x'.repeat(250);

  it('a part over the file name limit: KeyTooLongError, then the next request is served', async () => {
    await expect(
      client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `long/${longPart}`, Body: 'x' })),
    ).rejects.toMatchObject({ name: 'KeyTooLongError', $metadata: { httpStatusCode: 400 } });
    await stillServes();
    await expect(
      client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${'y'.repeat(300)}/file.txt`, Body: 'x' })),
    ).rejects.toMatchObject({ name: 'KeyTooLongError' });
    await stillServes();
  });

  it('a key over S3’s 1024 bytes, a multipart upload and a form with a long part: KeyTooLongError', async () => {
    const tooLong = Array.from({ length: 6 }, () => 'z'.repeat(200)).join('/');
    await expect(client.send(new PutObjectCommand({ Bucket: BUCKET, Key: tooLong, Body: 'x' }))).rejects.toMatchObject({
      name: 'KeyTooLongError',
    });
    await expect(
      client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: `mp/${longPart}` })),
    ).rejects.toMatchObject({ name: 'KeyTooLongError' });
    const { url, fields } = await createPresignedPost(client, { Bucket: BUCKET, Key: `form/${longPart}`, Expires: 60 });
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob(['x']), 'x.txt');
    const response = await fetch(url, { method: 'POST', body: form });
    expect(response.status).toBe(400);
    expect(errorCode(await response.text())).toBe('KeyTooLongError');
    await stillServes();
  });

  it('a last part of up to 233 bytes (255 less the suffix s3rver adds) is stored and read back', async () => {
    const key = `long/${'k'.repeat(233)}`;
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'fits' }));
    const read = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(await read.Body?.transformToString()).toBe('fits');
  });
});
