#!/usr/bin/env node
// Everything a fresh clone needs before it can run or test: npm dependencies, the Temporal servers, the build.
// Idempotent and quick when nothing changed. Plain Node: it runs before `npm ci`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildConsole } from './build-console.mjs';
import { ensureChromium, ensureTools } from './tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (message) => process.stderr.write(`[setup] ${message}\n`);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    say(`\`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

function newer(a, b) {
  return fs.existsSync(a) && (!fs.existsSync(b) || fs.statSync(a).mtimeMs > fs.statSync(b).mtimeMs);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  say(
    `Node.js ${process.versions.node} is too old: install Node.js 20.19 or newer (the Temporal SDK needs 20.3; the OpenID Connect client is an ES module that 20.19 can require).`,
  );
  process.exit(1);
}

export async function setup({ build = true } = {}) {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (newer(path.join(root, 'package-lock.json'), installed)) {
    say('installing npm dependencies (npm ci)');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
  await ensureTools();
  await ensureChromium();
  if (build) {
    say('compiling TypeScript and bundling workflows');
    run('npx', ['tsc', '-p', 'tsconfig.build.json']);
    run(process.execPath, ['dist/worker/build-bundle.js']);
    buildConsole({ say });
  }
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  try {
    await setup({ build: !process.argv.includes('--no-build') });
    say('ready');
  } catch (error) {
    say(error?.message ?? String(error));
    process.exit(1);
  }
}
