// Integration and HTTP end-to-end tests: one real PostgreSQL and one real Temporal dev server for the run.
module.exports = {
  ...require('./jest.base'),
  displayName: 'integration',
  testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
};
