#!/usr/bin/env node
// `npm start`: set up what is missing, then run the whole system locally until Ctrl-C (`-- --no-build` skips
// compiling when dist/ is current).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup } from './setup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
try {
  await setup({ build: !process.argv.includes('--no-build') });
} catch (error) {
  process.stderr.write(`[setup] ${error?.message ?? String(error)}\n`);
  process.exit(1);
}
const launcher = spawn(process.execPath, [path.join(root, 'dist', 'deploy', 'local', 'launch.js')], {
  cwd: root,
  stdio: 'inherit',
});
// The launcher alone stops the system (its children are in process groups of their own, out of a terminal's
// reach); a signal sent to this process only is passed on, and this process leaves with the launcher's exit code.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => launcher.kill(signal));
launcher.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
