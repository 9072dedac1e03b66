// Browser tests of the web console: Debian's Chromium through playwright-core against the real API, worker,
// Temporal dev server and PostgreSQL (the integration tests' servers), the console built by Vite.
module.exports = {
  ...require('./jest.base'),
  displayName: 'browser',
  testMatch: ['<rootDir>/test/browser/**/*.spec.ts'],
  globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 180_000,
  maxWorkers: 1,
};
