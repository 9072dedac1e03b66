#!/usr/bin/env node
// `npm test`: lint, typecheck, unit tests, workflow tests (time-skipping server), integration and HTTP
// end-to-end tests (real PostgreSQL and Temporal dev server, started by the tests on free ports), and the web
// console's browser tests (Chromium against the same kind of servers).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup } from './setup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The restart test runs the compiled launcher, so the build is part of testing.
await setup({ build: true });

const steps = [
  ['lint', ['npm', ['run', '--silent', 'lint']]],
  ['typecheck', ['npm', ['run', '--silent', 'typecheck']]],
  ['rule book', [process.execPath, ['scripts/check-rules.mjs']]],
  ['deploy files', [process.execPath, ['scripts/validate-deploy.mjs']]],
  ['unit tests', ['npx', ['jest', '-c', 'test/jest.unit.config.js']]],
  ['workflow tests', ['npx', ['jest', '-c', 'test/jest.workflows.config.js']]],
  ['integration and e2e tests', ['npx', ['jest', '-c', 'test/jest.integration.config.js']]],
  ['browser tests', ['npx', ['jest', '-c', 'test/jest.browser.config.js']]],
];
const only = process.argv.slice(2);
const results = [];
const counts = { passed: 0, failed: 0 };
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-grid-test-'));
for (const [name, [command, args]] of steps) {
  if (only.length > 0 && !only.some((word) => name.startsWith(word))) continue;
  process.stderr.write(`\n[test] ── ${name} ──\n`);
  const started = Date.now();
  // Jest steps also write a JSON report, so the run ends with one count of every test.
  const report = path.join(reportDir, `${results.length}.json`);
  const jest = args[0] === 'jest';
  const result = spawnSync(command, jest ? [...args, '--json', `--outputFile=${report}`] : args, {
    cwd: root,
    stdio: 'inherit',
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (jest && fs.existsSync(report)) {
    const { numPassedTests, numFailedTests } = JSON.parse(fs.readFileSync(report, 'utf8'));
    counts.passed += numPassedTests;
    counts.failed += numFailedTests;
  }
  results.push({ name, ok: result.status === 0, seconds });
  if (result.status !== 0) break;
}
fs.rmSync(reportDir, { recursive: true, force: true });
process.stderr.write('\n[test] summary\n');
for (const { name, ok, seconds } of results)
  process.stderr.write(`[test]   ${ok ? 'ok  ' : 'FAIL'} ${name} (${seconds}s)\n`);
const failed = results.some((r) => !r.ok) || results.length === 0;
process.stdout.write(`tests: ${counts.passed} passed, ${counts.failed} failed\n`);
process.exit(failed ? 1 : 0);
