#!/usr/bin/env node
// Builds the web console (console/, Vite) into dist/console when a source is newer than the last build.
// Plain Node: set-up, the browser tests and the benchmark call it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CONSOLE_DIST = path.join(root, 'dist', 'console');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Whether a console source (or the lock file) is newer than the built index.html. */
export function consoleStale() {
  const built = path.join(CONSOLE_DIST, 'index.html');
  if (!fs.existsSync(built)) return true;
  const sources = Math.max(
    newestMtime(path.join(root, 'console')),
    fs.statSync(path.join(root, 'package-lock.json')).mtimeMs,
  );
  return sources > fs.statSync(built).mtimeMs;
}

export function buildConsole({ force = false, say = (m) => process.stderr.write(`[console] ${m}\n`) } = {}) {
  if (!force && !consoleStale()) return false;
  say('building the web console (vite build)');
  const result = spawnSync(
    'npx',
    ['vite', 'build', '--config', 'console/vite.config.mts', '--logLevel', 'warn'],
    // A production build whatever the caller's NODE_ENV (Jest sets it to test, which would give React's dev build).
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
  return true;
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  try {
    buildConsole({ force: process.argv.includes('--force') });
  } catch (error) {
    process.stderr.write(`[console] ${error.message}\n`);
    process.exit(1);
  }
}
