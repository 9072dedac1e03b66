// Lint rules: type-aware TypeScript, floating promises are errors, and each layer may import only what its place in
// the architecture allows (workflow code nothing that breaks determinism, domain code nothing with side effects).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node's own modules from Node itself, each as `x` and as `node:x`. */
const NODE_BUILTINS = [...new Set(builtinModules.map((name) => name.replace(/^node:/, '')))];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * What each layer (a top-level folder) may not import. `modules` are other top-level folders, banned outright;
 * `typesOnly` ones may be imported with `import type` (and, for `except`, by value from files whose path ends so).
 * `packages` bans npm packages by glob (`group`) or by one regular expression (`regex`).
 */
const LAYERS = {
  domain: {
    why: 'domain/ is pure TypeScript, without side effects',
    builtins: true,
    packages: { group: ['@temporalio/*', '@nestjs/*', 'typeorm', 'pg'] },
    modules: ['persistence', 'api', 'activities', 'workflows', 'worker', 'documents'],
  },
  workflows: {
    why: 'workflow code must be deterministic',
    builtins: true,
    // Relative imports, Node built-ins (reported by their own entry) and the two workflow packages pass.
    packages: {
      regex: `^(?!\\.|@temporalio/(?:workflow|common)$|(?:node:)?(?:${NODE_BUILTINS.map(escape).join('|')})$)`,
      allowed: '@temporalio/workflow and @temporalio/common are its only packages',
    },
    modules: ['persistence', 'api', 'worker', 'documents'],
    typesOnly: [{ module: 'activities' }],
  },
  activities: {
    why: 'activities serve workflows, not HTTP',
    modules: ['api'],
    typesOnly: [{ module: 'workflows', except: '\\.messages' }],
  },
  worker: { why: 'the worker never serves HTTP', modules: ['api'] },
  api: { why: 'the API never runs a worker or its activities', modules: ['worker', 'activities'] },
};

/** Deep enough for every file of the layers (the deepest today sit three folders down). */
const MAX_DEPTH = 8;

/**
 * The rule's options for a file `depth` folders below the repository root: a relative import reaches a top-level
 * folder only with exactly that many `../`, which tells `documents/` from `domain/documents/`.
 */
function restrictions(layer, depth) {
  const { why, builtins, packages, modules = [], typesOnly = [] } = LAYERS[layer];
  const up = '\\.\\./'.repeat(depth);
  const paths = builtins
    ? NODE_BUILTINS.flatMap((name) => [name, `node:${name}`]).map((name) => ({
        name,
        message: `${why}: no Node built-ins.`,
      }))
    : [];
  const patterns = [
    ...(packages?.group
      ? [{ group: packages.group, message: `${why}: no ${packages.group.join(', ')}.` }]
      : []),
    ...(packages?.regex
      ? [{ regex: packages.regex, caseSensitive: true, message: `${why}: ${packages.allowed}.` }]
      : []),
    ...modules.map((module) => ({
      regex: `^${up}${module}(?:/.*)?$`,
      caseSensitive: true,
      message: `${why}: nothing from ${module}/.`,
    })),
    ...typesOnly.map(({ module, except }) => ({
      regex: `^${up}${module}(?:/${except ? `(?!.*(?:${except})$)` : ''}.*)?$`,
      caseSensitive: true,
      allowTypeImports: true,
      message: `${why}: from ${module}/ only types (import type)${except ? ` and its ${except.replace(/\\/g, '')} files` : ''}.`,
    })),
  ];
  return ['error', { paths, patterns }];
}

/** One block per layer and folder depth, so every file gets exactly one set of options for the rule. */
const layerBlocks = Object.keys(LAYERS).flatMap((layer) =>
  Array.from({ length: MAX_DEPTH }, (_, i) => ({
    files: [`${layer}/${'*/'.repeat(i)}*.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': restrictions(layer, i + 1) },
  })),
);

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', 'coverage/', 'workflow-bundle.js', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      'no-console': 'off',
    },
  },
  {
    // HTTP response bodies in tests are untyped JSON by nature; the assertions check their shape.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // NestJS injects by the runtime type of constructor parameters: those imports must stay value imports.
    files: ['api/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  ...layerBlocks,
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        module: 'writable',
        require: 'readonly',
        setTimeout: 'readonly',
        clearInterval: 'readonly',
        setInterval: 'readonly',
      },
    },
  },
);
