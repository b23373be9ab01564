/**
 * End to end in a real browser: `npm start`'s stack (embedded S3 behind its SigV4 check, seeded
 * with the demo bucket; playground server; real plugin) driven by Debian's Chromium through
 * playwright-core, as a new user would use the page. (The docs' pictures come from `npm run screenshots`.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { demoPng } from '../../dev/playground/demo-content.js';
import { Stack, startStack } from '../../dev/playground/stack.js';
import { launchChromium } from '../../dev/chromium.js';

jest.setTimeout(60_000);

const dataDirectory = mkdtempSync(path.join(tmpdir(), 'playground-e2e-'));
let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const requestedUrls: string[] = [];

beforeAll(async () => {
  stack = await startStack({ port: 0, dataDirectory, env: {} });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.url.replace(/\/$/, '') });
  page = await context.newPage();
  page.on('request', (request) => requestedUrls.push(request.url()));
  await page.goto(stack.url);
  await page.waitForSelector('body[data-ready]');
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  rmSync(dataDirectory, { recursive: true, force: true });
});

const status = () => page.textContent('#result-status');
const finished = () =>
  page.waitForFunction(() => /^(ok|failed) in/.test(document.getElementById('result-status')?.textContent ?? ''));

/** Picks an operation and fills its fields, as a user of the query panel would, then runs it. */
async function runQuery(operation: string, fields: Record<string, string>): Promise<void> {
  await page.selectOption('#query-all-operation', operation);
  for (const [key, value] of Object.entries(fields)) {
    const selector = `#query-${operation}-${key}`;
    const tag = await page.$eval(selector, (element) => element.tagName);
    if (tag === 'SELECT') await page.selectOption(selector, value);
    else if (tag === 'INPUT' && (await page.getAttribute(selector, 'type')) === 'checkbox')
      await page.setChecked(selector, value === 'true');
    else await page.fill(selector, value);
  }
  await page.click('#run');
  await finished();
}

const listedKeys = () =>
  page.$$eval('#objects-table tbody tr td:first-child', (cells) => cells.map((cell) => cell.textContent));
const noHorizontalOverflow = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('first steps', () => {
  it('says which server it talks to, which keys it takes, and what the demo bucket holds', async () => {
    const about = await page.textContent('#about');
    expect(about).toMatch(/s3rver 3\.7\.1 behind a SigV4 check/);
    expect(about).toContain('S3RVER');
    expect(about).toContain('demo-bucket');
    expect(about).toContain('data/sales.csv');
  });

  it('tests the prefilled connection', async () => {
    expect(await page.inputValue('#conn-iam_access_keys-access_key')).toBe('S3RVER');
    expect(await page.getAttribute('#conn-iam_access_keys-secret_key', 'type')).toBe('password');
    await page.click('#test-connection');
    await page.waitForSelector('#test-result.ok');
    expect(await page.textContent('#test-result')).toBe('Connected: the server answered and accepted the credentials.');
  });

  it('has the query prefilled for demo-bucket: Run lists its folders and objects apart', async () => {
    expect(await page.inputValue('#query-list_objects-bucket')).toBe('demo-bucket');
    await page.click('#run');
    await finished();
    expect(await page.$$eval('#folders button', (buttons) => buttons.map((b) => b.textContent))).toEqual([
      'data/',
      'images/',
      'reports/',
    ]);
    expect(await listedKeys()).toEqual(['readme.txt']);
    expect(await page.textContent('#objects-table tbody tr td:nth-child(2)')).toBe('88 B');
  });
});

describe('the connection form, as the app builder draws it', () => {
  it('shows the right fields for each auth mode and the endpoint toggle', async () => {
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

  it('puts authentication first, help in label tooltips and the flip’s help under it', async () => {
    const order = await page.$$eval('#connection-panel [data-key]', (elements) =>
      elements
        .filter((element) => (element as HTMLElement).offsetParent !== null)
        .map((e) => e.getAttribute('data-key')),
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
    expect(tooltip.title).toMatch(/1 to 3,600, default 60/);
    expect(tooltip.dashed).toBe('dashed');
    expect(await page.getAttribute('label[for="conn-all-instance_metadata_credentials"]', 'title')).toBeNull();
    expect(await page.textContent('#connection-form .help-text')).toMatch(/^How requests are signed/);
  });

  it('clears a stale test result and old results when the connection changes', async () => {
    await page.click('#test-connection');
    await page.waitForSelector('#test-result.ok');
    await runQuery('list_buckets', {});
    expect(await page.isVisible('#buckets-table')).toBe(true);
    await page.selectOption('#conn-all-instance_metadata_credentials', 'aws_arn_role');
    expect(await page.textContent('#test-result')).toBe('');
    expect(await page.isVisible('#buckets-table')).toBe(false);
    await page.selectOption('#conn-all-instance_metadata_credentials', 'iam_access_keys');
  });
});

describe('lists as objects', () => {
  it('opens a folder by clicking it, goes back up, and reads a key by clicking it', async () => {
    await runQuery('list_objects', { bucket: 'demo-bucket', prefix: '', delimiter: '/' });
    await page.click('#folders button:text-is("data/")');
    await finished();
    expect(await page.inputValue('#query-list_objects-prefix')).toBe('data/');
    expect(await listedKeys()).toEqual(['data/report.json', 'data/sales.csv']);
    await page.click('#objects-table button:text-is("data/sales.csv")');
    await finished();
    expect(await page.inputValue('#query-all-operation')).toBe('get_object');
    expect(await page.inputValue('#query-get_object-key')).toBe('data/sales.csv');
    expect(await page.$$eval('#result-csv tr', (rows) => rows.map((row) => row.textContent))).toEqual([
      'monthregionamount',
      '2026-07EU41200',
      '2026-08US45100',
      '2026-09APAC42100',
    ]);
  });

  it('filters by key ending and sorts the whole listing by clicking a column heading, the other way on a second click', async () => {
    await runQuery('list_objects', {
      bucket: 'demo-bucket',
      prefix: '',
      delimiter: '',
      suffix: '.CSV,.json,.png',
      ignoreCase: 'true',
    });
    expect(await page.textContent('.listing .summary')).toMatch(
      /^3 objects in demo-bucket\/ \(3 of \d+ objects listed matched the filters\)$/,
    );
    const sizes = () =>
      page.$$eval('#objects-table tbody tr td:nth-child(2) span', (cells) =>
        cells.map((cell) => Number(cell.getAttribute('title')?.split(' ')[0])),
      );
    await page.click('#objects-table th button[data-sort="size"]');
    await finished();
    expect(await page.isChecked('#query-list_objects-fetchAll')).toBe(true);
    expect(await page.inputValue('#query-list_objects-sortBy')).toBe('size');
    expect(await page.textContent('#objects-table th button[data-sort="size"]')).toBe('Size ▲');
    const ascending = await sizes();
    expect(ascending).toHaveLength(3);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.click('#objects-table th button[data-sort="size"]');
    await finished();
    expect(await page.textContent('#objects-table th button[data-sort="size"]')).toBe('Size ▼');
    expect(await sizes()).toEqual([...ascending].reverse());
    await page.click('#objects-table th button[data-sort="key"]');
    await finished();
    expect(await listedKeys()).toEqual(['data/report.json', 'data/sales.csv', 'images/logo.png']);
    await runQuery('list_objects', { suffix: '', ignoreCase: 'false', sortBy: '', fetchAll: 'false' });
  });

  it('pages with Next page, driven by NextContinuationToken, numbering pages and back to the first', async () => {
    await runQuery('list_objects', {
      bucket: 'demo-bucket',
      prefix: '',
      delimiter: '',
      maxKeys: '2',
      continuationToken: '',
    });
    const first = await listedKeys();
    expect(first).toHaveLength(2);
    expect(await page.textContent('#page-number')).toBe('Page 1');
    await page.click('#next-page');
    await finished();
    const second = await listedKeys();
    expect(second).toHaveLength(2);
    expect(await page.textContent('#page-number')).toBe('Page 2');
    // The token goes with that run only: the form keeps the query as the user wrote it.
    expect(await page.inputValue('#query-list_objects-continuationToken')).toBe('');
    await page.click('#next-page');
    await finished();
    const third = await listedKeys();
    expect(await page.textContent('#page-number')).toBe('Page 3');
    expect(await page.isVisible('#next-page')).toBe(false);
    expect([...first, ...second, ...third]).toEqual([
      'data/report.json',
      'data/sales.csv',
      'images/logo.png',
      'readme.txt',
      'reports/2026-q3-summary.txt',
    ]);
    await page.click('#first-page');
    await finished();
    expect(await listedKeys()).toEqual(first);
    expect(await page.textContent('#page-number')).toBe('Page 1');
    // A plain Run after paging starts at the first page again, not where the pages had got to.
    await page.click('#next-page');
    await finished();
    await page.click('#run');
    await finished();
    expect(await listedKeys()).toEqual(first);
    await page.fill('#query-list_objects-maxKeys', '1000');
  });

  it('shows signed URLs as a column with copy buttons', async () => {
    await runQuery('list_objects', {
      bucket: 'demo-bucket',
      prefix: 'data/',
      maxKeys: '1000',
      continuationToken: '',
      includeSignedUrls: 'true',
    });
    expect(await page.$$eval('#objects-table th', (cells) => cells.map((cell) => cell.textContent))).toContain(
      'Signed URL',
    );
    await page.click('#objects-table tbody tr:first-child button:text-is("Copy URL")');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/data\/report\.json\?X-Amz-Algorithm=AWS4-HMAC-SHA256/);
    expect((await fetch(copied)).status).toBe(200);
    await page.setChecked('#query-list_objects-includeSignedUrls', false);
  });
});

describe('object tags', () => {
  const tagRows = () =>
    page.$$eval('#object-tags tbody tr', (rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent)),
    );

  it('edits tags in place: add, change, remove, and Save runs the put_object_tagging query it shows', async () => {
    await runQuery('get_object_tagging', { bucket: 'demo-bucket', key: 'readme.txt', versionId: '' });
    expect(await page.textContent('.facts .summary')).toContain('Tags of demo-bucket/readme.txt: none.');
    expect(await page.$$('#tag-editor .tag-row')).toHaveLength(0);
    await page.click('#tag-add');
    await page.click('#tag-add');
    await page.fill('#tag-editor .tag-row:nth-child(1) .tag-key', 'project');
    await page.fill('#tag-editor .tag-row:nth-child(1) .tag-value', 'q3');
    await page.fill('#tag-editor .tag-row:nth-child(2) .tag-key', 'status');
    await page.fill('#tag-editor .tag-row:nth-child(2) .tag-value', 'draft');
    await page.click('#tag-save');
    await finished();
    expect(await page.inputValue('#query-all-operation')).toBe('put_object_tagging');
    expect(JSON.parse(await page.inputValue('#query-put_object_tagging-tags'))).toEqual({
      project: 'q3',
      status: 'draft',
    });
    expect(await tagRows()).toEqual([
      ['project', 'q3'],
      ['status', 'draft'],
    ]);
    // The editor under the written tags: change one, remove the other.
    await page.fill('#tag-editor .tag-row:nth-child(2) .tag-value', 'final');
    await page.click('#tag-editor .tag-row:nth-child(1) .tag-remove');
    await page.click('#tag-save');
    await finished();
    expect(await tagRows()).toEqual([['status', 'final']]);
    await runQuery('get_object_tagging', { bucket: 'demo-bucket', key: 'readme.txt' });
    expect(await tagRows()).toEqual([['status', 'final']]);
    for (let added = 1; added < 10; added += 1) await page.click('#tag-add');
    expect(await page.isDisabled('#tag-add')).toBe(true);
    for (const remove of await page.$$('#tag-editor .tag-remove')) await remove.click();
    await page.click('#tag-save');
    await finished();
    expect(await status()).toMatch(/^ok in/);
    expect(await page.$$('#object-tags tbody tr')).toHaveLength(0);
  });
});

describe('reads', () => {
  it('renders a PNG as an image, with a download button for its bytes', async () => {
    await runQuery('get_object', { bucket: 'demo-bucket', key: 'images/logo.png' });
    const size = await page.$eval('#result-image', (img) => {
      const image = img as HTMLImageElement;
      return image.decode().then(() => [image.naturalWidth, image.naturalHeight]);
    });
    expect(size).toEqual([64, 64]);
    expect(await page.getAttribute('#result-download', 'download')).toBe('logo.png');
    const bytes = await page.$eval('#result-download', async (link) =>
      Array.from(new Uint8Array(await (await fetch((link as HTMLAnchorElement).href)).arrayBuffer())),
    );
    expect(Buffer.from(bytes).equals(demoPng())).toBe(true);
  });

  it('shows JSON as a tree, and the result JSON folds, switches to raw and copies', async () => {
    await runQuery('get_object', { bucket: 'demo-bucket', key: 'data/report.json' });
    expect(await page.isVisible('#result-json-body details')).toBe(true);
    expect(await page.isVisible('#result-json details')).toBe(true);
    await page.click('#json-mode');
    expect(await page.textContent('#result-json pre')).toContain('"BodyEncoding": "utf8"');
    await page.click('#json-copy');
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    expect(copied).toMatchObject({ status: 'ok', data: { ContentType: expect.stringMatching(/json/) } });
    await page.click('#json-mode');
    expect(await page.isVisible('#result-json details')).toBe(true);
  });

  it('says the exact size of a small binary object', async () => {
    await runQuery('upload_object', {
      bucket: 'demo-bucket',
      key: 'bin/four.bin',
      data: Buffer.from([0, 1, 2, 255]).toString('base64'),
      contentType: 'application/octet-stream',
      encoding: 'base64',
    });
    await runQuery('get_object', { bucket: 'demo-bucket', key: 'bin/four.bin' });
    expect(await page.textContent('#result-binary')).toContain('4 bytes');
  });
});

describe('uploads', () => {
  it('uploads a file from the file picker and reads back the same bytes', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255, 10, 13, 26]);
    await page.selectOption('#query-all-operation', 'upload_object');
    await page.fill('#query-upload_object-key', '');
    await page.setInputFiles('#file-picker', { name: 'picked.bin', mimeType: 'application/x-demo', buffer: bytes });
    await page.waitForSelector('#file-chip:not([hidden])');
    expect(await page.inputValue('#query-upload_object-key')).toBe('picked.bin');
    expect(await page.inputValue('#query-upload_object-contentType')).toBe('application/x-demo');
    expect(await page.inputValue('#query-upload_object-encoding')).toBe('base64');
    await page.click('#run');
    await finished();
    expect(await status()).toMatch(/^ok/);
    await page.click('#file-chip button');
    await runQuery('get_object', { bucket: 'demo-bucket', key: 'picked.bin', decodeAs: 'base64' });
    await page.click('#json-copy');
    const result = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    expect(Buffer.from(result.data.Body, 'base64').equals(bytes)).toBe(true);
    expect(result.data.ContentType).toBe('application/x-demo');
  });

  it('takes a file dropped on the page, showing progress for a large one', async () => {
    await page.selectOption('#query-all-operation', 'upload_object');
    await page.fill('#query-upload_object-key', '');
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const progress = document.getElementById('progress') as HTMLElement;
        if (!progress.hidden) seen.push(document.getElementById('progress-text')?.textContent ?? '');
      }).observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(3 * 1024 * 1024).fill(7)], 'dropped.dat', { type: 'text/plain' }));
      document.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    await page.waitForSelector('#file-chip:not([hidden])');
    expect(await page.inputValue('#query-upload_object-key')).toBe('dropped.dat');
    await page.click('#run');
    await finished();
    expect(await status()).toMatch(/^ok/);
    const progress = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(
      progress.some((text) => /^(Reading|Sending) .* of 3\.0 MB$|^(Reading|Sending) .* of 4\.0 MB$/.test(text)),
    ).toBe(true);
    await page.click('#file-chip button');
    await runQuery('head_object', { bucket: 'demo-bucket', key: 'dropped.dat' });
    expect(await page.textContent('#result-json')).toContain('3145728');
  });

  it('shows a signed PUT as a curl line, and uploads a file through it from the page', async () => {
    await runQuery('signed_url_for_put', { bucket: 'demo-bucket', key: 'via-url/note.txt', contentType: 'text/plain' });
    const curl = await page.textContent('#curl-line');
    expect(curl).toMatch(
      /^curl -X PUT -H 'Content-Type: text\/plain' --data-binary @file 'http:\/\/127\.0\.0\.1:\d+\//,
    );
    await page.setInputFiles('#signed-put-file', {
      name: 'note.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('sent through a signed URL'),
    });
    await page.waitForSelector('#signed-put-result.ok');
    expect(await page.textContent('#signed-put-result')).toMatch(/HTTP 200, ETag "/);
    await runQuery('get_object', { bucket: 'demo-bucket', key: 'via-url/note.txt', decodeAs: 'auto' });
    expect(await page.textContent('#result-text')).toBe('sent through a signed URL');
  });

  it('opens a signed download URL and gets the exact bytes', async () => {
    await runQuery('signed_url_for_get', { bucket: 'demo-bucket', key: 'images/logo.png', expiresIn: '300' });
    const href = await page.getAttribute('#result-link', 'href');
    expect(href).toMatch(/X-Amz-Signature=/);
    const download = await context.newPage();
    const response = await download.goto(href as string);
    expect(response?.status()).toBe(200);
    expect((await response?.body())?.equals(demoPng())).toBe(true);
    await download.close();
  });
});

describe('running', () => {
  it('shows an error sentence once and marks the field it names', async () => {
    await runQuery('list_objects', { bucket: 'demo-bucket', maxKeys: 'ten' });
    const message = await page.textContent('#result-error .failed');
    expect(message).toMatch(/^Invalid 'maxKeys'/);
    const body = (await page.textContent('body')) ?? '';
    expect(body.split(message as string).length - 1).toBe(1);
    expect(await page.getAttribute('#query-list_objects-maxKeys', 'aria-invalid')).toBe('true');
    expect(await page.$eval('#query-list_objects-maxKeys', (element) => element === document.activeElement)).toBe(true);
    await page.fill('#query-list_objects-maxKeys', '1000');
  });

  it('runs with Ctrl+Enter, disables Run while running, counts the time, and cancels', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket)); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const endpoint = await page.inputValue('#conn-iam_access_keys-endpoint');
    try {
      await page.fill('#conn-iam_access_keys-endpoint', `http://127.0.0.1:${(silent.address() as AddressInfo).port}`);
      await page.selectOption('#query-all-operation', 'list_buckets');
      await page.focus('#query-all-operation');
      await page.keyboard.press('Control+Enter');
      await page.waitForFunction(() =>
        /^Running… [1-9]\.\d s$/.test(document.getElementById('result-status')?.textContent ?? ''),
      );
      expect(await page.isDisabled('#run')).toBe(true);
      expect(await page.isVisible('#cancel')).toBe(true);
      await page.click('#run', { force: true }); // a second click sends nothing
      await page.click('#cancel');
      expect(await status()).toMatch(/^cancelled after \d+\.\d s/);
      expect(await page.isDisabled('#run')).toBe(false);
      expect(await page.isVisible('#cancel')).toBe(false);
      const runs = requestedUrls.filter((url) => url.endsWith('/api/run'));
      expect(runs.length).toBeGreaterThan(0);
    } finally {
      await page.fill('#conn-iam_access_keys-endpoint', endpoint);
      // The playground server's request (still waiting after the cancel) ends here.
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
    await page.keyboard.press('Control+Enter');
    await finished();
    expect(await status()).toMatch(/^ok/);
  });

  it('rejects a wrong secret as S3 does, and sends it only in request bodies, never in a URL or the page', async () => {
    await page.fill('#conn-iam_access_keys-secret_key', 'browser-secret-7f3a9');
    await runQuery('list_buckets', {});
    expect(await status()).toMatch(/^failed/);
    expect(await page.textContent('#result-error')).toContain('SignatureDoesNotMatch');
    expect(requestedUrls.some((url) => url.includes('browser-secret-7f3a9'))).toBe(false);
    expect(await page.textContent('body')).not.toContain('browser-secret-7f3a9');
  });

  it('keeps the connection and the query across a reload, but never the secret', async () => {
    await page.selectOption('#query-all-operation', 'list_objects');
    await page.fill('#query-list_objects-prefix', 'reports/');
    await page.fill('#conn-iam_access_keys-request_timeout', '45');
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    expect(await page.inputValue('#query-list_objects-prefix')).toBe('reports/');
    expect(await page.inputValue('#conn-iam_access_keys-request_timeout')).toBe('45');
    // The typed secret is gone: the embedded server's own key is back from the server's defaults.
    expect(await page.inputValue('#conn-iam_access_keys-secret_key')).toBe('S3RVER');
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain('browser-secret-7f3a9');
    await page.fill('#query-list_objects-prefix', '');
  });
});

describe('layout', () => {
  it.each([360, 390, 420, 800])('fits a %i px wide window without horizontal scrolling', async (width) => {
    await page.setViewportSize({ width, height: 800 });
    await runQuery('list_objects', { bucket: 'demo-bucket', prefix: 'data/', includeSignedUrls: 'true' });
    expect(await noHorizontalOverflow()).toBe(true);
    await runQuery('signed_url_for_get', { bucket: 'demo-bucket', key: 'data/sales.csv' });
    expect(await noHorizontalOverflow()).toBe(true);
    // The test-connection result has its own line, inside the panel.
    await page.click('#test-connection');
    await page.waitForSelector('#test-result.ok');
    const [button, result, panel] = await Promise.all(
      ['#test-connection', '#test-result', '#connection-panel'].map((selector) =>
        page.$eval(selector, (element) => element.getBoundingClientRect().toJSON()),
      ),
    );
    expect(result.top).toBeGreaterThanOrEqual(button.bottom);
    expect(result.right).toBeLessThanOrEqual(panel.right);
    await page.selectOption('#query-all-operation', 'list_objects');
    await page.setChecked('#query-list_objects-includeSignedUrls', false);
  });

  it('follows the system’s dark mode, with keyboard focus visible', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await runQuery('list_objects', { bucket: 'demo-bucket', prefix: '', delimiter: '/' });
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
    expect(r + g + b).toBeLessThan(150);
    await page.focus('#run');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = await page.$eval('#run', (element) => getComputedStyle(element).outlineStyle);
    expect(outline).toBe('solid');
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
