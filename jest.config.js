/**
 * The suites by kind, as jest projects (`npm test` runs all; `--selectProjects` picks):
 *   unit       no server, no network
 *   service    every operation against a real S3 server, once on s3rver and once on Ceph RGW; and
 *              both again through the marketplace bundle in the app builder's vm sandbox
 *   protocol   scripted loopback servers: faults, signatures, requests on the wire
 *   browser    the playground in Debian's Chromium
 *   package    the builds: app builder drop-in, marketplace bundle, package entry, npm start
 */
const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // `mime` ships only ES modules; jest's module system needs them as CommonJS.
    '/node_modules/mime/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!mime/)'],
  moduleNameMapper: {
    // Sources import with the .js extension ES modules need; jest resolves them to the .ts files.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // The local common package straight from source, so tests need no build of it.
    '^@tooljet-plugins/common$': '<rootDir>/packages/common/lib/index.ts',
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/console-capture.ts'],
};

const project = (displayName, folder, extra = {}) => ({
  ...shared,
  displayName,
  roots: [`<rootDir>/__tests__/${folder}`],
  testMatch: ['**/*.test.ts'],
  ...extra,
});

/** One Ceph RGW for the run, started before the first project on it and stopped after the last. */
const rgw = {
  globalSetup: '<rootDir>/__tests__/support/rgw-global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/support/rgw-global-teardown.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  projects: [
    project('unit', 'unit'),
    project('service (s3rver)', 'service', { globals: { S3_TEST_SERVER: 's3rver' } }),
    project('service (Ceph RGW)', 'service', { globals: { S3_TEST_SERVER: 'rgw' }, ...rgw }),
    project('service (s3rver, vm sandbox)', 'service', {
      globals: { S3_TEST_SERVER: 's3rver', PLUGIN_LOADER: 'vm sandbox' },
    }),
    project('service (Ceph RGW, vm sandbox)', 'service', {
      globals: { S3_TEST_SERVER: 'rgw', PLUGIN_LOADER: 'vm sandbox' },
      ...rgw,
    }),
    project('protocol', 'protocol'),
    project('browser', 'browser'),
    project('package', 'package'),
  ],
};
