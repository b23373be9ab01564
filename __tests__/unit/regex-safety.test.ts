/**
 * Every regular expression in lib/ runs in linear time: eslint-plugin-regexp's analysis finds
 * quantifiers that can trade characters (polynomial or exponential backtracking) and patterns
 * whose failed matches restart at every position (quadratic moves). The checker is shown to
 * catch the patterns that stalled the server before (issue 19), so a pass means something.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

interface Finding {
  file: string;
  line: number;
  rule: string;
  message: string;
}

it('finds no regular expression in lib/ that can backtrack or move super-linearly', () => {
  const findings = JSON.parse(
    execFileSync(process.execPath, ['scripts/check-regexes.mjs', 'lib'], { cwd: root, encoding: 'utf8' }),
  );
  expect(findings).toEqual([]);
}, 60_000);

const knownBad = {
  // contentDisposition's old filename pattern: 7 s on 80,000 spaces after a non-ASCII name.
  'the old Content-Disposition pattern': String.raw`/^(attachment|inline)\s*;\s*filename\s*=\s*"?([^";]+?)"?\s*$/i`,
  // the IPv6 guard's old trailing dotted-quad pattern, tried again from every position.
  'an unanchored dotted quad': String.raw`/(\d+)\.(\d+)\.(\d+)\.(\d+)$/`,
  'nested quantifiers': String.raw`/^(a+)+$/`,
  'nested quantifiers behind a comment that disables the rule': `// eslint-disable-next-line regexp/no-super-linear-backtracking\n/^(a+)+$/`,
};

describe('the checker', () => {
  let findings: Finding[][];
  beforeAll(() => {
    const snippets = Object.values(knownBad).flatMap((pattern) => ['--text', `export const pattern = ${pattern};`]);
    findings = JSON.parse(
      execFileSync(process.execPath, ['scripts/check-regexes.mjs', ...snippets], { cwd: root, encoding: 'utf8' }),
    );
  }, 60_000);

  it.each(Object.keys(knownBad).map((name, index) => [name, index]))('flags %s', (_name, index) => {
    expect(findings[index as number].length).toBeGreaterThan(0);
    expect(findings[index as number][0].rule).toMatch(/^regexp\/no-super-linear-(backtracking|move)$/);
  });
});

it('builds regular expressions at run time only from escaped literals (the checker cannot read those)', () => {
  const files = readdirSync(path.join(root, 'lib'), { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.ts'),
  );
  const dynamic = files.flatMap((file) =>
    readFileSync(path.join(root, 'lib', file), 'utf8')
      .split('\n')
      .flatMap((line, index) => (line.includes('new RegExp(') ? [`${file}:${index + 1}`] : [])),
  );
  // redaction.ts: an alternation of the secrets' spellings, each escaped: a literal search, linear in the text.
  expect(dynamic).toEqual([expect.stringMatching(/^errors\/redaction\.ts:\d+$/)]);
  const redaction = readFileSync(path.join(root, 'lib/errors/redaction.ts'), 'utf8');
  expect(redaction).toContain("new RegExp([spelled, ...whole].join('|'), 'gi')");
  expect(redaction).toMatch(/const escapeRegExp = /);
});
