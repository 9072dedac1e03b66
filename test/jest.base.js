// Shared Jest settings: TypeScript through SWC (decorator metadata on for NestJS), type-checking is `npm run typecheck`.
const path = require('node:path');

// ES-module-only packages the API requires (Node ≥ 20.19 loads them natively; Jest's module system does not).
const ESM_PACKAGES = ['openid-client', 'oauth4webapi', 'jose'];

module.exports = {
  rootDir: path.resolve(__dirname, '..'),
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    [`/node_modules/(${ESM_PACKAGES.join('|')})/.+\\.js$`]: [
      '@swc/jest',
      { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
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
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  watchPathIgnorePatterns: ['<rootDir>/.data'],
  modulePathIgnorePatterns: ['<rootDir>/dist'],
};
