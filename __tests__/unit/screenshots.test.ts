/**
 * The pictures in docs/screenshots/ are not stale: what they are drawn from (the page's sources,
 * the forms, the playground server, the scenes of `npm run screenshots`) hashes to what the last
 * `npm run screenshots` recorded beside them. Inputs, not pixels: Chromium versions draw a pixel apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot, readProjectJson } from '../../dev/project-root.js';
import { RECORD_FILE, SCREENSHOTS_FOLDER, screenshotInputs } from '../../dev/screenshots/inputs.js';

it('were taken from the current page, forms and scenes (run `npm run screenshots` after changing them)', () => {
  const recorded = readProjectJson(RECORD_FILE) as { files: string[]; sha256: string };
  const now = screenshotInputs();
  expect(now.files).toEqual(expect.arrayContaining(['dev/playground/public/app.js', 'lib/operations.json']));
  expect(recorded.files).toEqual(now.files);
  expect(recorded.sha256).toBe(now.sha256);
});

it('are each shown in the docs, and every picture the docs show is there', () => {
  const root = projectRoot();
  const pictures = readdirSync(path.join(root, SCREENSHOTS_FOLDER)).filter((file) => file.endsWith('.png'));
  const docs = ['README.md', ...readdirSync(path.join(root, 'docs')).map((file) => `docs/${file}`)].filter((file) =>
    file.endsWith('.md'),
  );
  const shown = docs.flatMap((file) =>
    [...readFileSync(path.join(root, file), 'utf8').matchAll(/\]\((?:docs\/)?screenshots\/([\w.-]+\.png)\)/g)].map(
      (match) => match[1],
    ),
  );
  expect([...new Set(shown)].sort()).toEqual(pictures.sort());
});
