/**
 * Uploads that go from the browser straight to S3, in Debian's Chromium, from the playground
 * page (`npm start`'s stack): a file through a signed POST form with limits (on the embedded
 * server, whose SigV4 check enforces the form's policy), and a file in parts through a
 * multipart upload's signed part URLs, completed and aborted from the page (on Ceph RGW, the
 * production implementation: the embedded s3rver cannot abort or list uploads). Each bucket's
 * CORS rule lets the page's origin PUT and POST and exposes ETag.
 */
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutBucketCorsCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { RgwServer, startRgw } from '../../dev/ceph-rgw/server.js';
import { demoPng } from '../../dev/playground/demo-content.js';
import { Stack, startStack } from '../../dev/playground/stack.js';
import { launchChromium } from '../../dev/chromium.js';

jest.setTimeout(90_000);

const MIB = 1024 * 1024;
const BUCKET = 'browser-uploads';
const dataDirectory = mkdtempSync(path.join(tmpdir(), 'browser-uploads-'));
let stack: Stack;
let rgw: RgwServer;
let rgwClient: S3Client;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [stack, rgw] = await Promise.all([startStack({ port: 0, dataDirectory, env: {} }), startRgw()]);
  rgwClient = new S3Client({
    region: 'us-east-1',
    endpoint: rgw.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: rgw.accessKey, secretAccessKey: rgw.secretKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  await rgwClient.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await rgwClient.send(
    new PutBucketCorsCommand({
      Bucket: BUCKET,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: [stack.url.replace(/\/$/, '')],
            AllowedMethods: ['GET', 'PUT', 'POST', 'HEAD'],
            AllowedHeaders: ['*'],
            ExposeHeaders: ['ETag'],
          },
        ],
      },
    }),
  );
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  await page.goto(stack.url);
  await page.waitForSelector('body[data-ready]');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rgwClient?.destroy();
  await Promise.all([stack?.close(), rgw?.stop()]);
  rmSync(dataDirectory, { recursive: true, force: true });
});

const finished = () =>
  page.waitForFunction(() => /^(ok|failed) in/.test(document.getElementById('result-status')?.textContent ?? ''));

async function runQuery(operation: string, fields: Record<string, string>): Promise<void> {
  await page.selectOption('#query-all-operation', operation);
  for (const [key, value] of Object.entries(fields)) await page.fill(`#query-${operation}-${key}`, value);
  await page.click('#run');
  await finished();
  expect(await page.textContent('#result-status')).toMatch(/^ok in/);
}

/** What the page says once an upload ends. */
const outcome = async (selector: string) => {
  await page.waitForSelector(`${selector}.ok, ${selector}.failed`);
  return {
    ok: await page.$eval(selector, (node) => node.classList.contains('ok')),
    text: await page.textContent(selector),
  };
};

describe('a signed POST form, on the embedded server', () => {
  it('takes a file inside its limits and stores it under the prefix and the file’s name', async () => {
    await runQuery('signed_post_for_upload', {
      bucket: 'demo-bucket',
      keyPrefix: 'uploads/',
      maxSizeBytes: '100000',
      contentTypePrefix: 'image/',
    });
    expect(await page.textContent('#signed-post')).toMatch(
      /keys under uploads\/ \(the file's own name\), up to [\d.]+ KB, Content-Type image\/…, served as a download \(Content-Disposition: attachment\)/,
    );
    expect(await page.textContent('#signed-post-fields')).toContain('X-Amz-Signature');
    await page.setInputFiles('#signed-post-file', { name: 'dot.png', mimeType: 'image/png', buffer: demoPng() });
    expect(await outcome('#signed-post-result')).toEqual({
      ok: true,
      text: expect.stringContaining('uploads/dot.png'),
    });
    await runQuery('get_object', { bucket: 'demo-bucket', key: 'uploads/dot.png' });
    await page.waitForSelector('#result-image');
    // The page sent the Content-Disposition the policy requires, and the server stored it.
    expect(await page.textContent('#result-json')).toContain('ContentDisposition: "attachment"');
  });

  it('is refused by the server for a file over the limit or of another type, and says why', async () => {
    await runQuery('signed_post_for_upload', {
      bucket: 'demo-bucket',
      key: '', // the form keeps one key across operations: the read above left one
      keyPrefix: 'uploads/',
      maxSizeBytes: '2000',
      contentTypePrefix: 'image/',
    });
    const big = { name: 'big.png', mimeType: 'image/png', buffer: randomBytes(2001) };
    await page.setInputFiles('#signed-post-file', big);
    expect(await outcome('#signed-post-result')).toEqual({
      ok: false,
      text: expect.stringContaining('EntityTooLarge'),
    });
    await page.evaluate(() => document.getElementById('signed-post-result')?.removeAttribute('class'));
    await page.setInputFiles('#signed-post-file', {
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hi'),
    });
    expect(await outcome('#signed-post-result')).toEqual({ ok: false, text: expect.stringContaining('AccessDenied') });
  });
});

describe('a multipart upload from the page, on Ceph RGW', () => {
  beforeAll(async () => {
    await page.fill('#conn-iam_access_keys-endpoint', rgw.endpoint);
    await page.fill('#conn-iam_access_keys-access_key', rgw.accessKey);
    await page.fill('#conn-iam_access_keys-secret_key', rgw.secretKey);
  });

  it('sends a generated file in parallel parts through signed URLs; the object read back is byte-identical', async () => {
    const file = randomBytes(11 * MIB + 7);
    await runQuery('create_multipart_upload', {
      bucket: BUCKET,
      key: 'large/generated.bin',
      contentType: 'application/octet-stream',
      fileSize: String(file.length),
      partSizeBytes: String(5 * MIB),
    });
    expect(await page.textContent('#multipart')).toContain('3 parts of 5.0 MB');
    await page.setInputFiles('#multipart-file', {
      name: 'generated.bin',
      mimeType: 'application/octet-stream',
      buffer: file,
    });
    const done = await outcome('#multipart-result');
    expect(done).toEqual({
      ok: true,
      text: expect.stringMatching(/Stored large\/generated\.bin: .* in 3 parts, ETag "[0-9a-f]{32}-3"/),
    });
    const stored = await rgwClient.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'large/generated.bin' }));
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(file)).toBe(true);
  });

  it('aborts an interrupted upload from the page: no parts are left', async () => {
    await runQuery('create_multipart_upload', {
      bucket: BUCKET,
      key: 'large/interrupted.bin',
      fileSize: String(6 * MIB),
    });
    const uploadId = (await page.textContent('#multipart'))?.match(/Upload (\S+) started/)?.[1] as string;
    // The part a browser sent before the tab was closed.
    await rgwClient.send(
      new UploadPartCommand({
        Bucket: BUCKET,
        Key: 'large/interrupted.bin',
        UploadId: uploadId,
        PartNumber: 1,
        Body: randomBytes(5 * MIB),
      }),
    );
    await page.click('#multipart-abort');
    expect(await outcome('#multipart-result')).toEqual({
      ok: true,
      text: expect.stringContaining('its parts are deleted'),
    });
    await expect(
      rgwClient.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'large/interrupted.bin', UploadId: uploadId })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    const uploads = await rgwClient.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
    expect((uploads.Uploads ?? []).map((upload) => upload.UploadId)).not.toContain(uploadId);
  });
});
