import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

/**
 * Regular expressions that can backtrack super-linearly are errors everywhere (issue 19): an end
 * user's text must never cost more than linear time. `__tests__/unit/regex-safety.test.ts`
 * runs the same rules over lib/ and proves they catch a known-bad pattern.
 */
export const SUPER_LINEAR_RULES = {
  'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
  'regexp/no-super-linear-move': ['error', { report: 'potential', ignoreSticky: false, ignorePartial: false }],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.dev-build/**',
      'marketplace/**',
      'packages/common/dist/**',
      'node_modules/**',
      'coverage/**',
      '.playground-data/**',
      '.node22/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: {
      sourceType: 'module',
      globals: { process: 'readonly', Buffer: 'readonly', console: 'readonly' },
    },
  },
  {
    // The playground page: ES modules in the browser.
    files: ['dev/playground/public/**/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
  {
    plugins: { regexp },
    rules: SUPER_LINEAR_RULES,
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
