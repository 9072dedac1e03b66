// CPU time of a process tree from /proc (Linux): utime + stime of every live process under a root, plus the
// cutime + cstime of children that have exited and been waited for (a PostgreSQL backend that closed, say).
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

/** Clock ticks per second of /proc/<pid>/stat's times (100 on nearly every Linux). */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** pid → { ppid, ms } for every process we may read. */
function snapshot() {
  const processes = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let text;
    try {
      text = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // The command name may hold spaces and parentheses: the fields start after its last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    processes.set(Number(entry), { ppid: Number(fields[1]), ms: (ticks * 1000) / TICKS });
  }
  return processes;
}

/**
 * CPU milliseconds so far of each named root's tree, e.g. { bench: process.pid, API: 1234 }: a process counts
 * for the nearest named root above it (so the bench's own row leaves out the children named separately).
 */
export function cpuByTree(roots) {
  const processes = snapshot();
  const named = new Map(Object.entries(roots).map(([name, pid]) => [pid, name]));
  const totals = Object.fromEntries(Object.keys(roots).map((name) => [name, 0]));
  for (const [pid, { ms }] of processes) {
    let at = pid;
    for (let depth = 0; depth < 64 && at > 1; depth += 1) {
      const name = named.get(at);
      if (name) {
        totals[name] += ms;
        break;
      }
      at = processes.get(at)?.ppid ?? 0;
    }
  }
  return totals;
}

/** The difference of two cpuByTree results, with a total. */
export function cpuDelta(before, after) {
  const delta = Object.fromEntries(
    Object.keys(after).map((name) => [name, after[name] - (before[name] ?? 0)]),
  );
  delta.total = Object.values(delta).reduce((sum, ms) => sum + ms, 0);
  return delta;
}
