import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface ToolPaths {
  temporalCli: { path: string; source: string };
  testServer: { path: string; source: string };
}

/** The checkout's root, from source (`deploy/local`) or compiled code (`dist/deploy/local`) alike. */
function findProjectRoot(start: string): string {
  for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'scripts', 'tools.mjs'))) return dir;
  }
  throw new Error(`cannot find the project root above ${start}`);
}

export const PROJECT_ROOT = findProjectRoot(__dirname);

/** Asks `scripts/tools.mjs` (the one place that knows the cache layout) where the Temporal binaries are. */
export function resolveTools(): ToolPaths {
  const output = execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'tools.mjs'), 'paths'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output) as ToolPaths;
}
