/**
 * A newcomer's first ten minutes with `npm start` (issue 21), in Debian's Chromium: each point the
 * issue found, as a user meets it on the playground page, against the real stack (embedded S3
 * behind its SigV4 check, seeded; the playground server; the plugin).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { EMBEDDED_LACKS } from '../../dev/embedded-s3/server.js';
import { Stack, startStack } from '../../dev/playground/stack.js';
import { launchChromium } from '../../dev/chromium.js';

jest.setTimeout(90_000);

const dataDirectory = mkdtempSync(path.join(tmpdir(), 'first-minutes-'));
let stack: Stack;
let browser: Browser;
let page: Page;

async function openPage(url: string, viewport = { width: 1366, height: 900 }): Promise<Page> {
  const opened = await (await browser.newContext({ viewport })).newPage();
  await opened.goto(url);
  await opened.waitForSelector('body[data-ready]');
  return opened;
}

beforeAll(async () => {
  stack = await startStack({ port: 0, dataDirectory, env: {} });
  browser = await launchChromium();
  page = await openPage(stack.url);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  rmSync(dataDirectory, { recursive: true, force: true });
});

const finished = (on: Page = page) =>
  on.waitForFunction(() => /^(ok|failed) in/.test(document.getElementById('result-status')?.textContent ?? ''));
const status = () => page.textContent('#result-status');
const choose = (operation: string) => page.selectOption('#query-all-operation', operation);
const field = (operation: string, key: string) => `#query-${operation}-${key}`;
const listedKeys = () =>
  page.$$eval('#objects-table tbody tr td:first-child', (cells) => cells.map((cell) => cell.textContent));

async function run(on: Page = page): Promise<void> {
  await on.click('#run');
  await finished(on);
}

describe('1. restarting npm start', () => {
  it('keeps the saved connection, with the embedded server’s new address; a value the user typed stays', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'restart-'));
    let first: Stack | undefined = await startStack({ port: 0, dataDirectory: directory, env: {} });
    let second: Stack | undefined;
    try {
      const port = Number(new URL(first.url).port);
      const before = await openPage(first.url);
      const oldEndpoint = await before.inputValue('#conn-iam_access_keys-endpoint');
      await before.fill('#conn-iam_access_keys-request_timeout', '45');
      await before.context().storageState(); // saved on input
      await first.close();
      first = undefined;
      second = await startStack({ port, dataDirectory: directory, env: {} });
      expect(second.s3?.endpoint).not.toBe(oldEndpoint); // a new port, as on every start
      await before.goto(second.url);
      await before.waitForSelector('body[data-ready]');
      expect(await before.inputValue('#conn-iam_access_keys-endpoint')).toBe(second.s3?.endpoint);
      expect(await before.inputValue('#conn-iam_access_keys-request_timeout')).toBe('45');
      await run(before);
      expect(await before.textContent('#result-status')).toMatch(/^ok in/);
      await before.context().close();
    } finally {
      await first?.close();
      await second?.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('2. where Run and its result are', () => {
  it.each([
    [1366, 900],
    [800, 900],
    [390, 844],
  ])('at %i px wide, Run is on the first screen and its result is in the window after Run', async (width, height) => {
    const sized = await openPage(stack.url, { width, height });
    const runButton = await sized.$eval('#run', (node) => node.getBoundingClientRect().toJSON());
    expect(runButton.top).toBeGreaterThanOrEqual(0);
    expect(runButton.bottom).toBeLessThanOrEqual(height);
    await run(sized);
    const result = await sized.$eval('#result-view > :first-child', (node) => node.getBoundingClientRect().toJSON());
    expect(result.top).toBeGreaterThanOrEqual(0);
    expect(result.top).toBeLessThan(height - 40);
    // Run and the status stay reachable while the result is read.
    const after = await sized.$eval('#run', (node) => node.getBoundingClientRect().toJSON());
    expect(after.top).toBeGreaterThanOrEqual(0);
    expect(after.bottom).toBeLessThanOrEqual(height);
    await sized.context().close();
  });
});

describe('3. one options object per query, as in the app builder', () => {
  it('keeps bucket, key and prefix when the operation changes', async () => {
    await choose('list_objects');
    await page.fill(field('list_objects', 'bucket'), 'demo-bucket');
    await page.fill(field('list_objects', 'prefix'), 'data/');
    await choose('upload_object');
    expect(await page.inputValue(field('upload_object', 'bucket'))).toBe('demo-bucket');
    await page.fill(field('upload_object', 'key'), 'kept/first.txt');
    await page.fill(field('upload_object', 'data'), 'typed once');
    await run();
    expect(await status()).toMatch(/^ok in/); // the first upload no longer fails with "'bucket' is required"
    await choose('get_object');
    expect(await page.inputValue(field('get_object', 'bucket'))).toBe('demo-bucket');
    expect(await page.inputValue(field('get_object', 'key'))).toBe('kept/first.txt');
    await run();
    expect(await page.textContent('#result-text')).toBe('typed once');
    await choose('delete_folder');
    expect(await page.inputValue(field('delete_folder', 'prefix'))).toBe('data/');
    await choose('list_objects');
    await page.fill(field('list_objects', 'prefix'), '');
  });
});

describe('4. Enter in a one-line field', () => {
  it('runs the query instead of adding a line break the field hides', async () => {
    await choose('list_objects');
    await page.fill(field('list_objects', 'prefix'), 'data');
    await page.focus(field('list_objects', 'prefix'));
    await page.keyboard.type('/');
    await page.keyboard.press('Enter');
    await finished();
    expect(await page.inputValue(field('list_objects', 'prefix'))).toBe('data/');
    expect(await listedKeys()).toEqual(['data/report.json', 'data/sales.csv']);
    await choose('get_object');
    await page.fill(field('get_object', 'key'), '');
    await page.focus(field('get_object', 'key'));
    await page.keyboard.type('readme.txt');
    await page.keyboard.press('Enter');
    await finished();
    expect(await status()).toMatch(/^ok in/);
    expect(await page.textContent('#result-text')).toMatch(/^Welcome to the S3 plugin playground/);
  });

  it('takes a line break with Shift+Enter in a code field, and shows it (the field grows)', async () => {
    await choose('remove_objects');
    const keys = field('remove_objects', 'keys');
    await page.fill(keys, '');
    await page.focus(keys);
    await page.keyboard.type('a.txt');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('b.txt');
    expect(await page.inputValue(keys)).toBe('a.txt\nb.txt');
    expect(await page.$eval(keys, (node) => (node as HTMLTextAreaElement).rows)).toBe(2);
    await page.fill(keys, '');
    await choose('list_objects');
    await page.fill(field('list_objects', 'prefix'), '');
  });
});

describe('5. every result is drawn', () => {
  it('an empty listing says so', async () => {
    await choose('list_objects');
    await page.fill(field('list_objects', 'prefix'), 'nothing-here/');
    await run();
    expect(await page.textContent('#result-view .summary')).toBe('0 objects in demo-bucket/nothing-here/');
    expect(await page.textContent('#result-view .empty')).toMatch(/^Nothing here/);
    await page.fill(field('list_objects', 'prefix'), '');
  });

  it('an upload, a head, a copy and a removal each get a sentence, not only "ok" and JSON', async () => {
    await choose('upload_object');
    await page.fill(field('upload_object', 'key'), 'drawn/one.txt');
    await page.fill(field('upload_object', 'data'), 'four');
    await run();
    expect(await page.textContent('#result-view .summary')).toMatch(/^Stored drawn\/one\.txt in demo-bucket: 4 B/);
    await choose('head_object');
    await run();
    expect(await page.textContent('#result-view .summary')).toMatch(/^drawn\/one\.txt in demo-bucket: 4 B/);
    await choose('remove_object');
    await run();
    expect(await page.textContent('#result-view .summary')).toBe('Removed drawn/one.txt from demo-bucket.');
  });

  it('get_bucket_cors shows the rules and a bucket without rules says so on the page', async () => {
    await choose('get_bucket_cors');
    await page.fill(field('get_bucket_cors', 'bucket'), 'demo-bucket');
    await run();
    expect(await page.textContent('#result-view .summary')).toBe(
      'demo-bucket has 1 CORS rule: web pages may upload to it.',
    );
    expect(await page.isVisible('#cors-rules')).toBe(true);
  });
});

describe('7. refusals read as text', () => {
  it('shows a signed form’s refusal with its entities decoded', async () => {
    await choose('signed_post_for_upload');
    await page.fill(field('signed_post_for_upload', 'bucket'), 'demo-bucket');
    await page.fill(field('signed_post_for_upload', 'key'), ''); // kept from the uploads above
    await page.fill(field('signed_post_for_upload', 'keyPrefix'), 'forms/');
    await page.fill(field('signed_post_for_upload', 'contentTypePrefix'), 'image/');
    await run();
    await page.setInputFiles('#signed-post-file', { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    await page.waitForSelector('#signed-post-result.failed');
    const refusal = await page.textContent('#signed-post-result');
    expect(refusal).toContain('["starts-with"');
    expect(refusal).not.toContain('&quot;');
    await page.fill(field('signed_post_for_upload', 'contentTypePrefix'), '');
  });
});

describe('8. the embedded server’s gaps', () => {
  it('names the operations s3rver lacks, and says so when one is chosen', async () => {
    const lacks = await page.textContent('#server-lacks');
    for (const name of EMBEDDED_LACKS.flatMap((gap) => gap.operations)) expect(lacks).toContain(name);
    expect(lacks).toContain('npm run start:rgw');
    await choose('put_bucket_versioning');
    expect(await page.isVisible('#operation-note')).toBe(true);
    expect(await page.textContent('#operation-note')).toMatch(/lacks object versions/);
    await choose('list_objects');
    expect(await page.isVisible('#operation-note')).toBe(false);
  });

  it('gives right advice: versioning is not "a web console", an existing bucket not "another account"', async () => {
    await choose('put_bucket_versioning');
    await page.fill(field('put_bucket_versioning', 'bucket'), 'demo-bucket');
    await page.selectOption(field('put_bucket_versioning', 'status'), 'Enabled');
    await run();
    const versioning = await page.textContent('#result-error .failed');
    expect(versioning).toMatch(/^The server does not support put_bucket_versioning/);
    expect(versioning).not.toMatch(/web console|GetBucketVersioningCommand/);
    await choose('create_bucket');
    await page.fill(field('create_bucket', 'bucket'), 'demo-bucket');
    await run();
    const exists = await page.textContent('#result-error .failed');
    expect(exists).toMatch(/^The bucket 'demo-bucket' already exists/);
    expect(exists).not.toMatch(/taken by another account/);
  });
});

describe('10. the small things', () => {
  it('labels copy_object’s fields apart (one Metadata)', async () => {
    await choose('copy_object');
    const labels = await page.$$eval('#query-form .field:not([hidden]) label', (nodes) =>
      nodes.map((node) => node.textContent),
    );
    expect(labels.filter((label) => label === 'Metadata')).toHaveLength(1);
    expect(labels).toContain('Metadata directive');
  });

  it('says test connection’s outcome in words, in view, and marks an empty Role ARN', async () => {
    const narrow = await openPage(stack.url, { width: 390, height: 844 });
    await narrow.click('#test-connection');
    await narrow.waitForSelector('#test-result.ok');
    const ok = await narrow.textContent('#test-result');
    expect(ok).toBe('Connected: the server answered and accepted the credentials.');
    const box = await narrow.$eval('#test-result', (node) => node.getBoundingClientRect().toJSON());
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(844);
    await narrow.selectOption('#conn-all-instance_metadata_credentials', 'aws_arn_role');
    await narrow.fill('#conn-aws_arn_role-role_arn', '');
    await narrow.click('#test-connection');
    await narrow.waitForSelector('#test-result.failed');
    expect(await narrow.textContent('#test-result')).toMatch(/^Connection failed: Invalid 'role_arn'/);
    expect(await narrow.getAttribute('#conn-aws_arn_role-role_arn', 'aria-invalid')).toBe('true');
    await narrow.context().close();
  });

  it('takes the file before the multipart upload starts, sends it, and offers no Abort once it is stored', async () => {
    await choose('create_multipart_upload');
    await page.fill(field('create_multipart_upload', 'bucket'), 'demo-bucket');
    await page.fill(field('create_multipart_upload', 'key'), '');
    await page.fill(field('create_multipart_upload', 'fileSize'), '');
    const bytes = Buffer.from('a small file, sent in one part');
    await page.setInputFiles('#parts-file-picker', {
      name: 'parts.bin',
      mimeType: 'application/x-demo',
      buffer: bytes,
    });
    expect(await page.inputValue(field('create_multipart_upload', 'fileSize'))).toBe(String(bytes.length));
    expect(await page.inputValue(field('create_multipart_upload', 'key'))).toBe('parts.bin');
    await run();
    await page.click('#multipart-send-chosen');
    await page.waitForSelector('#multipart-result.ok');
    expect(await page.textContent('#multipart-result')).toMatch(/^Stored parts\.bin: /);
    expect(await page.isVisible('#multipart-abort')).toBe(false);
  });

  // The embedded server refuses an UploadId it did not issue as S3 does (NoSuchUpload); a server that fails it with
  // an internal error instead gets the same pointer (protocol/errors.test.ts).
  it('points at the UploadId for an unknown upload, never "try again"', async () => {
    await choose('complete_multipart_upload');
    await page.fill(field('complete_multipart_upload', 'bucket'), 'demo-bucket');
    await page.fill(field('complete_multipart_upload', 'key'), 'parts.bin');
    await page.fill(field('complete_multipart_upload', 'uploadId'), 'no-such-upload');
    await page.fill(field('complete_multipart_upload', 'parts'), '[{"PartNumber": 1, "ETag": "\\"e\\""}]');
    await run();
    const message = await page.textContent('#result-error .failed');
    expect(message).toMatch(/multipart upload for 'parts\.bin' .* does not exist: .*UploadId/);
    expect(message).not.toMatch(/Try again/);
  });

  it('shows a field’s help under it when the keyboard reaches it', async () => {
    await choose('list_objects');
    await page.focus(field('list_objects', 'prefix'));
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.id);
    expect(focused).toBe('query-list_objects-delimiter');
    const help = `${field('list_objects', 'delimiter')}-help`;
    expect(await page.isVisible(help)).toBe(true);
    expect(await page.textContent(help)).toBe(
      await page.getAttribute('label[for="query-list_objects-delimiter"]', 'title'),
    );
    expect(await page.getAttribute(field('list_objects', 'delimiter'), 'aria-describedby')).toBe(help.slice(1));
  });
});

describe('11. limits', () => {
  it('states one range for Max keys in its help and its error', async () => {
    await choose('list_objects');
    await page.fill(field('list_objects', 'maxKeys'), '9999999999');
    await run();
    expect(await page.textContent('#result-error .failed')).toContain('from 0 to 2,147,483,647');
    expect(await page.getAttribute('label[for="query-list_objects-maxKeys"]', 'title')).toContain(
      '(0 to 2,147,483,647, default 1,000',
    );
    await page.fill(field('list_objects', 'maxKeys'), '1000');
  });
});
