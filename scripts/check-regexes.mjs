/**
 * Finds regular expressions that can backtrack super-linearly, with eslint-plugin-regexp's
 * analysis (the rules `npm run lint` applies everywhere). Prints a JSON array of findings.
 *   node scripts/check-regexes.mjs lib             every .ts file under lib/
 *   node scripts/check-regexes.mjs --text '<code>' … pieces of TypeScript: an array of findings each
 */
import { ESLint } from 'eslint';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';
import { SUPER_LINEAR_RULES } from '../eslint.config.mjs';

const eslint = new ESLint({
  overrideConfigFile: true,
  // A `// eslint-disable` comment cannot hide a finding from this check.
  allowInlineConfig: false,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { regexp },
      rules: SUPER_LINEAR_RULES,
      linterOptions: { reportUnusedDisableDirectives: 'off' },
    },
  ],
});

/** Findings of one lint result, as plain data. */
const findingsOf = (results) =>
  results.flatMap((result) =>
    result.messages.map((message) => ({
      file: result.filePath,
      line: message.line,
      rule: message.ruleId,
      message: message.message,
    })),
  );

const args = process.argv.slice(2);
if (args[0] === '--text') {
  // One array of findings per snippet: --text '<code>' [--text '<code>' …]
  const snippets = args.filter((_, index) => index % 2 === 1);
  const results = [];
  for (const snippet of snippets) results.push(findingsOf(await eslint.lintText(snippet, { filePath: 'snippet.ts' })));
  console.log(JSON.stringify(results));
} else console.log(JSON.stringify(findingsOf(await eslint.lintFiles([`${args[0]}/**/*.ts`]))));
