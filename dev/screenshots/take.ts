/**
 * `npm run screenshots`: the pictures of the playground in README.md and docs/, taken in Debian's
 * Chromium from `npm start`'s stack (a fresh embedded server and demo bucket), and the hash of what
 * they are drawn from recorded beside them (inputs.ts), which a unit test checks.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { launchChromium } from '../chromium.js';
import { startStack } from '../playground/stack.js';
import { projectRoot } from '../project-root.js';
import { quietTerminal } from '../terminal.js';
import { RECORD_FILE, SCREENSHOTS_FOLDER, screenshotInputs } from './inputs.js';

const say = quietTerminal();

interface Scene {
  file: string;
  viewport: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** Brings the page to what the picture shows, and returns what to shoot: a selector, or the page. */
  show(page: Page): Promise<string | undefined>;
}

const finished = (page: Page) =>
  page.waitForFunction(() => /^(ok|failed) in/.test(document.getElementById('result-status')?.textContent ?? ''));

const SCENES: Scene[] = [
  {
    file: 'connection-panel.png',
    viewport: { width: 1366, height: 900 },
    async show(page) {
      await page.click('#test-connection');
      await page.waitForSelector('#test-result.ok');
      return '#connection-panel';
    },
  },
  {
    file: 'query-panel.png',
    viewport: { width: 1366, height: 900 },
    async show(page) {
      await page.selectOption('#query-all-operation', 'get_object');
      await page.fill('#query-get_object-key', 'images/logo.png');
      await page.click('#run');
      await finished(page);
      await page.$eval('#result-image', (image) => (image as HTMLImageElement).decode());
      return '#query-panel';
    },
  },
  {
    file: 'playground-narrow.png',
    viewport: { width: 390, height: 844 },
    async show(page) {
      await page.click('#run');
      await finished(page);
      return undefined;
    },
  },
  {
    file: 'playground-dark.png',
    viewport: { width: 1366, height: 900 },
    colorScheme: 'dark',
    async show(page) {
      await page.click('#run');
      await finished(page);
      return undefined;
    },
  },
];

async function shoot(browser: Browser, url: string, scene: Scene, folder: string): Promise<void> {
  const context = await browser.newContext({ viewport: scene.viewport, colorScheme: scene.colorScheme ?? 'light' });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('body[data-ready]');
    const target = await scene.show(page);
    const file = path.join(folder, scene.file);
    if (target) await page.locator(target).screenshot({ path: file });
    else await page.screenshot({ path: file });
    say(`  ${path.relative(projectRoot(), file)}`);
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const dataDirectory = mkdtempSync(path.join(tmpdir(), 'screenshots-'));
  const stack = await startStack({ port: 0, dataDirectory, env: {} });
  const browser = await launchChromium();
  try {
    const folder = path.join(projectRoot(), SCREENSHOTS_FOLDER);
    say(`Taking the playground's screenshots into ${SCREENSHOTS_FOLDER}:`);
    for (const scene of SCENES) await shoot(browser, stack.url, scene, folder);
    const inputs = screenshotInputs();
    writeFileSync(
      path.join(projectRoot(), RECORD_FILE),
      `${JSON.stringify({ note: 'Written by npm run screenshots: the hash of what the pictures are drawn from.', ...inputs }, null, 2)}\n`,
    );
    say(`  ${RECORD_FILE} (inputs ${inputs.sha256.slice(0, 12)}…)`);
  } finally {
    await browser.close();
    await stack.close();
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`Could not take the screenshots: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
