// What the scale benchmark reads from the operating system and prints: CPU time and memory of a process (tree)
// from /proc, percentiles, and durations. Linux only, like the machines the figures are taken on.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CLOCK_TICKS = (() => {
  const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(result.stdout?.trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
})();

/** The fields of /proc/<pid>/stat after the command name, or null once the process is gone. */
function statFields(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields start after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU milliseconds a process used (user + system), with its reaped children's when `withChildren`. */
export function cpuMs(pid, { withChildren = false } = {}) {
  const f = statFields(pid);
  if (!f) return 0;
  // Fields 14–17 of stat (utime, stime, cutime, cstime) are indexes 11–14 here.
  const ticks = Number(f[11]) + Number(f[12]) + (withChildren ? Number(f[13]) + Number(f[14]) : 0);
  return (ticks * 1000) / CLOCK_TICKS;
}

/** Live children of a process, by scanning /proc. */
export function childrenOf(parent) {
  const children = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(entry);
    if (f && Number(f[1]) === parent) children.push(Number(entry));
  }
  return children;
}

/**
 * CPU milliseconds of a server that forks a process per connection (PostgreSQL): its own, the exited children's
 * (reaped into its counters) and the live children's.
 */
export function treeCpuMs(pid) {
  return cpuMs(pid, { withChildren: true }) + childrenOf(pid).reduce((sum, child) => sum + cpuMs(child), 0);
}

/** Resident memory of a process in bytes (VmRSS), or 0 once it is gone. */
export function rssBytes(pid) {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Nearest-rank percentile of sorted numbers. */
export function percentile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** p50/p99/max of a list of numbers (unsorted). */
export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1),
  };
}

export const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function duration(seconds) {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** A Prometheus gauge's value from a scrape (the first series), or undefined. */
export function gauge(text, name) {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+([-+0-9.eE]+)`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}
