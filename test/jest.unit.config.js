// Pure-function tests: no server of any kind.
module.exports = {
  ...require('./jest.base'),
  displayName: 'unit',
  testMatch: ['<rootDir>/test/unit/**/*.spec.ts'],
};
