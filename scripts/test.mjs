#!/usr/bin/env node
// `npm test`: lint, typecheck, unit tests, workflow tests (time-skipping server), integration and HTTP
// end-to-end tests (real PostgreSQL and Temporal dev server, started by the tests on free ports).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup } from './setup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The restart test runs the compiled launcher, so the build is part of testing.
await setup({ build: true });

const steps = [
  ['lint', ['npm', ['run', '--silent', 'lint']]],
  ['typecheck', ['npm', ['run', '--silent', 'typecheck']]],
  ['deploy files', [process.execPath, ['scripts/validate-deploy.mjs']]],
  ['unit tests', ['npx', ['jest', '-c', 'test/jest.unit.config.js']]],
  ['workflow tests', ['npx', ['jest', '-c', 'test/jest.workflows.config.js']]],
  ['integration and e2e tests', ['npx', ['jest', '-c', 'test/jest.integration.config.js']]],
];
const only = process.argv.slice(2);
const results = [];
for (const [name, [command, args]] of steps) {
  if (only.length > 0 && !only.some((word) => name.startsWith(word))) continue;
  process.stderr.write(`\n[test] ── ${name} ──\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, ok: result.status === 0, seconds });
  if (result.status !== 0) break;
}
process.stderr.write('\n[test] summary\n');
for (const { name, ok, seconds } of results)
  process.stderr.write(`[test]   ${ok ? 'ok  ' : 'FAIL'} ${name} (${seconds}s)\n`);
const failed = results.some((r) => !r.ok) || results.length === 0;
process.exit(failed ? 1 : 0);
