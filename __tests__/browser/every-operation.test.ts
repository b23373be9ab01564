/**
 * Every operation of operations.json, run from the playground page at 390 px wide as a user would
 * (its example from dev/playground/operation-examples.ts typed into the form), on the embedded
 * s3rver and on Ceph RGW (`npm run start:rgw`'s stack; Debian's Ceph, required). Each result has a
 * view of its own, shows in the window and widens nothing: an operation added later without an
 * example or a view fails here. On s3rver exactly the operations it lacks fail, as the page says.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { EMBEDDED_LACKS } from '../../dev/embedded-s3/server.js';
import { exampleNames, ExampleTools, operationExamples } from '../../dev/playground/operation-examples.js';
import { readProjectJson } from '../../dev/project-root.js';
import { Stack, startStack } from '../../dev/playground/stack.js';
import { launchChromium } from '../../dev/chromium.js';

jest.setTimeout(60_000);

const WIDTH = 390;
const HEIGHT = 844;
const OPERATIONS = (readProjectJson('lib/operations.json').properties.operation.list as Array<{ value: string }>).map(
  (choice) => choice.value,
);
const EXAMPLES = operationExamples();
const LACKING = new Set(EMBEDDED_LACKS.flatMap((gap) => gap.operations));

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

it('has an example for every operation of operations.json, and one each', () => {
  expect(EXAMPLES.map((example) => example.operation).sort()).toEqual([...OPERATIONS].sort());
});

describe.each([
  ['the embedded s3rver', 'embedded'],
  ['Ceph RGW', 'rgw'],
] as const)('on %s', (_name, server) => {
  const dataDirectory = mkdtempSync(path.join(tmpdir(), `every-operation-${server}-`));
  const made = exampleNames();
  let stack: Stack;
  let page: Page;
  let tools: ExampleTools;

  beforeAll(async () => {
    stack = await startStack({ port: 0, dataDirectory, env: {}, server });
    const forms = (await (await fetch(`${stack.url}api/forms`)).json()) as {
      connectionDefaults: Record<string, unknown>;
    };
    tools = {
      run: async (queryOptions) => {
        const answer = (await (
          await fetch(`${stack.url}api/run`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ sourceOptions: forms.connectionDefaults, queryOptions }),
          })
        ).json()) as { status: string; message?: string; data: Record<string, unknown> };
        if (answer.status !== 'ok') throw new Error(answer.message);
        return answer.data;
      },
    };
    page = await (await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT } })).newPage();
    await page.goto(stack.url);
    await page.waitForSelector('body[data-ready]');
  }, 240_000);

  afterAll(async () => {
    await page?.context().close();
    await stack?.close();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('has a result view for every operation', async () => {
    // A string, so the test's compiler leaves the page's own dynamic import alone.
    const viewed = (await page.evaluate(
      "import('/result-views.js').then((views) => Object.keys(views.RESULT_VIEWS))",
    )) as string[];
    expect(OPERATIONS.filter((operation) => !viewed.includes(operation))).toEqual([]);
  });

  /** Types the query into the form; the form keeps one value per key across operations, so what `values` does not set is emptied. */
  async function typeQuery(operation: string, values: Record<string, string>): Promise<void> {
    await page.selectOption('#query-all-operation', operation);
    for (const id of await page.$$eval('#query-form .field:not([hidden]) [data-key]', (nodes) =>
      nodes.map((node) => node.id),
    )) {
      const key = id.replace(`query-${operation}-`, '');
      const tag = await page.$eval(`#${id}`, (node) => node.tagName);
      if (tag === 'SELECT') {
        if (key in values) await page.selectOption(`#${id}`, values[key]);
      } else if ((await page.getAttribute(`#${id}`, 'type')) === 'checkbox')
        await page.setChecked(`#${id}`, values[key] === 'true');
      else await page.fill(`#${id}`, values[key] ?? '');
    }
  }

  async function runAndWait(): Promise<string> {
    await page.click('#run');
    await page.waitForFunction(() =>
      /^(ok|failed) in/.test(document.getElementById('result-status')?.textContent ?? ''),
    );
    return (await page.textContent('#result-status')) ?? '';
  }

  it.each(EXAMPLES.map((example) => [example.operation, example]))(
    '%s: its result has its own view, in the window, nothing wider than it',
    async (operation, example) => {
      await typeQuery(operation, await example.query(tools, made));
      await runAndWait();
      const expected = server === 'embedded' && LACKING.has(operation) ? 'failed' : 'ok';
      const said = (await page.textContent('#result-status')) ?? '';
      if (!said.startsWith(expected)) throw new Error(`${said}: ${await page.textContent('#result-view')}`);
      if (expected === 'ok')
        expect(await page.getAttribute('#result-view > :first-child', 'data-view')).toBe(operation);
      else expect(await page.isVisible('#result-error')).toBe(true);
      const top = await page.$eval('#result-view > :first-child', (node) => node.getBoundingClientRect().top);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(HEIGHT - 40);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    },
  );

  it('a text read is edited in an upload that replaces it only if unchanged: a second writer in between is not overwritten where the server checks', async () => {
    const key = 'examples/settings.json';
    await tools.run({ operation: 'upload_object', bucket: made.bucket, key, data: '{"theme":"light"}' });
    await typeQuery('get_object', { bucket: made.bucket, key });
    expect(await runAndWait()).toMatch(/^ok/);
    await page.click('#edit-if-unchanged');
    expect(await page.inputValue('#query-all-operation')).toBe('upload_object');
    expect(await page.inputValue('#query-upload_object-data')).toBe('{"theme":"light"}');
    const read = await tools.run({ operation: 'head_object', bucket: made.bucket, key });
    expect(await page.inputValue('#query-upload_object-ifMatch')).toBe(read.ETag);
    await page.fill('#query-upload_object-data', '{"theme":"dark"}');
    await tools.run({ operation: 'upload_object', bucket: made.bucket, key, data: '{"theme":"blue"}' });
    const said = await runAndWait();
    const stored = await tools.run({ operation: 'get_object', bucket: made.bucket, key });
    if (server === 'rgw') {
      expect(said).toMatch(/^failed/);
      expect(await page.textContent('#result-error')).toContain(
        `'${key}' in bucket '${made.bucket}' changed since you read it`,
      );
      expect(stored.Body).toBe('{"theme":"blue"}');
    } else {
      // s3rver ignores If-Match (SERVER_DIFFERENCES.conditionalWrites): the later write wins.
      expect(said).toMatch(/^ok/);
      expect(stored.Body).toBe('{"theme":"dark"}');
    }
  });
});
