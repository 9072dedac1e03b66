// Shared Jest settings: TypeScript through SWC (decorator metadata on for NestJS), type-checking is `npm run typecheck`.
const path = require('node:path');

module.exports = {
  rootDir: path.resolve(__dirname, '..'),
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  watchPathIgnorePatterns: ['<rootDir>/.data'],
  modulePathIgnorePatterns: ['<rootDir>/dist'],
};
