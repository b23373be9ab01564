/**
 * End to end in a real browser: `npm start`'s stack (embedded S3 seeded with the demo bucket,
 * playground server, real plugin) driven by Debian's Chromium through playwright-core.
 * Takes the README's screenshots: into __tests__/artifacts (git-ignored), or into docs/screenshots
 * with UPDATE_SCREENSHOTS=1, so a normal test run leaves the work tree as it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { demoPng } from '../../dev/playground/demo-content.js';
import { Stack, startStack } from '../../dev/playground/stack.js';
import { launchChromium } from '../support/chromium.js';

jest.setTimeout(60_000);

const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? path.join(__dirname, '..', '..', 'docs', 'screenshots')
    : path.join(__dirname, '..', 'artifacts', 'screenshots');
const dataDirectory = mkdtempSync(path.join(tmpdir(), 'playground-e2e-'));
let stack: Stack;
let browser: Browser;
let page: Page;
const requestedUrls: string[] = [];

beforeAll(async () => {
  stack = await startStack({ port: 0, dataDirectory, env: {} });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('request', (request) => requestedUrls.push(request.url()));
  await page.goto(stack.url);
  await page.waitForSelector('body[data-ready]');
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  rmSync(dataDirectory, { recursive: true, force: true });
});

/** Picks an operation and fills its visible fields, as a user of the query panel would. */
async function runQuery(operation: string, fields: Record<string, string>): Promise<void> {
  await page.selectOption('#query-all-operation', operation);
  for (const [key, value] of Object.entries(fields)) {
    const selector = `#query-${operation}-${key}`;
    const tag = await page.$eval(selector, (element) => element.tagName);
    if (tag === 'SELECT') await page.selectOption(selector, value);
    else await page.fill(selector, value);
  }
  await page.click('#run');
  await page.waitForFunction(() => /^(ok|failed) in/.test(document.getElementById('result-status')?.textContent ?? ''));
}

it('tests the connection prefilled for the embedded server', async () => {
  expect(await page.inputValue('#conn-iam_access_keys-access_key')).toBe('S3RVER');
  expect(await page.getAttribute('#conn-iam_access_keys-secret_key', 'type')).toBe('password');
  await page.click('#test-connection');
  await page.waitForSelector('#test-result.ok');
  expect(await page.textContent('#test-result')).toBe('ok');
  await page.locator('#connection-panel').screenshot({ path: path.join(SCREENSHOTS, 'connection-panel.png') });
});

it('shows the right connection fields for each auth mode and the endpoint toggle', async () => {
  const visible = (selector: string) => page.isVisible(selector);
  await page.selectOption('#conn-all-instance_metadata_credentials', 'aws_arn_role');
  expect(await visible('#conn-aws_arn_role-role_arn')).toBe(true);
  expect(await visible('#conn-iam_access_keys-session_token')).toBe(false);
  await page.selectOption('#conn-all-instance_metadata_credentials', 'iam_access_keys');
  expect(await visible('#conn-aws_arn_role-role_arn')).toBe(false);
  expect(await visible('#conn-iam_access_keys-session_token')).toBe(true);
  await page.uncheck('#conn-iam_access_keys-endpoint_enabled');
  expect(await visible('#conn-iam_access_keys-endpoint')).toBe(false);
  await page.check('#conn-iam_access_keys-endpoint_enabled');
  expect(await visible('#conn-iam_access_keys-endpoint')).toBe(true);
});

it('draws the connection form as the app builder does: authentication first, help in label tooltips', async () => {
  const order = await page.$$eval('#connection-panel [data-key]', (elements) =>
    elements.filter((element) => (element as HTMLElement).offsetParent !== null).map((e) => e.getAttribute('data-key')),
  );
  expect(order.slice(0, 8)).toEqual([
    'instance_metadata_credentials',
    'access_key',
    'secret_key',
    'session_token',
    'region',
    'endpoint_enabled',
    'endpoint',
    'force_path_style',
  ]);
  const tooltip = await page.$eval('label[for="conn-iam_access_keys-request_timeout"]', (label) => ({
    title: label.getAttribute('title'),
    dashed: getComputedStyle(label).textDecorationStyle,
  }));
  expect(tooltip.title).toMatch(/1 to 3600, default 60/);
  expect(tooltip.dashed).toBe('dashed');
});

it('lists the demo bucket in a table', async () => {
  await runQuery('list_objects', { bucket: 'demo-bucket' });
  const keys = await page.$$eval('#result-view tbody tr td:first-child', (cells) =>
    cells.map((cell) => cell.textContent),
  );
  expect(keys).toEqual([
    'data/report.json',
    'data/sales.csv',
    'images/logo.png',
    'readme.txt',
    'reports/2026/q3/summary.txt',
  ]);
  expect(await page.textContent('#result-json')).toContain('"KeyCount": 5');
});

it('reads the PNG and renders it as an image', async () => {
  await runQuery('get_object', { bucket: 'demo-bucket', key: 'images/logo.png' });
  await page.waitForSelector('#result-image');
  const size = await page.$eval('#result-image', (img) => {
    const image = img as HTMLImageElement;
    return image.decode().then(() => [image.naturalWidth, image.naturalHeight]);
  });
  expect(size).toEqual([64, 64]);
  await page.locator('#query-panel').screenshot({ path: path.join(SCREENSHOTS, 'query-panel.png') });
});

it('uploads a text object and reads it back as text', async () => {
  await runQuery('upload_object', {
    bucket: 'demo-bucket',
    key: 'notes/from browser.txt',
    data: 'Hello from Chromium ✓',
    contentType: '',
    encoding: '',
  });
  expect(await page.textContent('#result-status')).toMatch(/^ok/);
  await runQuery('get_object', { bucket: 'demo-bucket', key: 'notes/from browser.txt' });
  expect(await page.textContent('#result-text')).toBe('Hello from Chromium ✓');
});

it('shows errors with their message and details', async () => {
  await runQuery('get_object', { bucket: 'demo-bucket', key: 'no/such/file.txt' });
  expect(await page.textContent('#result-error')).toContain(
    "The object 'no/such/file.txt' does not exist in bucket 'demo-bucket'.",
  );
  expect(await page.textContent('#result-error')).toContain('"code": "NoSuchKey"');
});

it('opens a signed download URL and gets the exact bytes', async () => {
  await runQuery('signed_url_for_get', { bucket: 'demo-bucket', key: 'images/logo.png', expiresIn: '300' });
  const href = await page.getAttribute('#result-link', 'href');
  expect(href).toMatch(/X-Amz-Signature=/);
  const download = await browser.newPage();
  const response = await download.goto(href as string);
  expect(response?.status()).toBe(200);
  expect((await response?.body())?.equals(demoPng())).toBe(true);
  await download.close();
});

it('rejects a wrong secret as S3 does, and sends it only in request bodies, never in a URL or the page', async () => {
  await page.fill('#conn-iam_access_keys-secret_key', 'browser-secret-7f3a9');
  await runQuery('list_buckets', {});
  expect(await page.textContent('#result-status')).toMatch(/^failed/);
  expect(await page.textContent('#result-error')).toContain('SignatureDoesNotMatch');
  expect(requestedUrls.some((url) => url.includes('browser-secret-7f3a9'))).toBe(false);
  expect(await page.textContent('body')).not.toContain('browser-secret-7f3a9');
});
