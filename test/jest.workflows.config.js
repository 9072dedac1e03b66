// Workflow tests on the Java time-skipping test server (started per test file by @temporalio/testing).
module.exports = {
  ...require('./jest.base'),
  displayName: 'workflows',
  testMatch: ['<rootDir>/test/workflows/**/*.spec.ts'],
  testTimeout: 120_000,
  maxWorkers: 1,
};
