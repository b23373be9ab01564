/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // `mime` ships only ES modules; jest's module system needs them as CommonJS.
    '/node_modules/mime/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!mime/)'],
  moduleNameMapper: {
    // Sources import with the .js extension ESM needs; jest resolves them to the .ts files.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // The local common package straight from source, so tests need no build of it.
    '^@tooljet-plugins/common$': '<rootDir>/packages/common/lib/index.ts',
  },
  testTimeout: 30000,
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/console-capture.ts'],
};
