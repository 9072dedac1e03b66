import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';

/**
 * util-linux's `setpriv`, which sets the parent-death signal (Linux's prctl PR_SET_PDEATHSIG) and then runs the
 * program in its place; null where there is none (other systems).
 */
export function findSetpriv(candidates = ['/usr/bin/setpriv', '/bin/setpriv']): string | null {
  if (process.platform !== 'linux') return null;
  return candidates.find((candidate) => fs.existsSync(candidate)) ?? null;
}

const SETPRIV = findSetpriv();

/**
 * Spawns a child as the leader of a process group of its own. A terminal's Ctrl-C goes to its foreground process
 * group, which is then the launcher's alone: the launcher decides when each child stops. The kernel sends the
 * child SIGTERM should the launcher die without stopping it (even by SIGKILL), where `setpriv` exists.
 */
export function spawnInOwnGroup(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const [file, argv] = SETPRIV
    ? [SETPRIV, ['--pdeathsig', 'SIGTERM', '--', command, ...args]]
    : [command, args];
  return spawn(file, argv, { ...options, detached: true });
}

/** True once the child has exited (or was never started). */
export function hasExited(child: ChildProcess): boolean {
  return child.pid === undefined || child.exitCode !== null || child.signalCode !== null;
}

/** Sends a signal to the child's process group when it leads one, else to the child alone. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal);
  }
}

/**
 * Stops a child: SIGTERM to it, and if it has not exited within `graceMs`, SIGKILL to its whole process group, so
 * nothing it started is left behind. Answers how it ended (exit code or signal).
 */
export function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<string> {
  const ended = () => String(child.exitCode ?? child.signalCode);
  if (hasExited(child)) return Promise.resolve(ended());
  return new Promise((resolve) => {
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(ended());
    });
    child.kill('SIGTERM');
  });
}
