import type { ChildProcess } from 'node:child_process';

/** One process the launcher keeps running: how to start it (resolving once it is up) and how to stop it. */
export interface SupervisedProcess {
  name: string;
  start(): Promise<ChildProcess>;
  stop(child: ChildProcess): Promise<string>;
}

/** Seconds before the n-th restart in a row: 1, 2, 4 … up to 30. */
export function restartDelaySeconds(failuresInARow: number): number {
  return Math.min(30, 2 ** Math.max(0, failuresInARow - 1));
}

/** A process that ran this long before it died was healthy: its next restart starts the backoff afresh. */
const HEALTHY_AFTER_MS = 30_000;

/**
 * Keeps the local system's processes running (`npm start`): a process that exits while the launcher is not
 * stopping is started again after a backoff (1 s, 2 s, 4 s … 30 s), and each step is said in the launcher's output,
 * so a crashed worker or API, or a dead Temporal dev server or PostgreSQL, heals without taking the rest down.
 */
export class Supervisor {
  private readonly current = new Map<string, ChildProcess>();
  private readonly order: SupervisedProcess[] = [];
  private stopping = false;

  constructor(private readonly say: (message: string) => void) {}

  /** Starts a process the first time (a failure here is the caller's) and supervises it from then on. */
  async add(spec: SupervisedProcess): Promise<ChildProcess> {
    const child = await spec.start();
    this.order.push(spec);
    this.watch(spec, child, Date.now());
    this.say(`${spec.name} started (pid ${child.pid})`);
    return child;
  }

  /** The running process of a name (the latest, after restarts). */
  process(name: string): ChildProcess | undefined {
    return this.current.get(name);
  }

  /** The processes in the order they were added, with their current ids. */
  list(): Array<{ name: string; process: ChildProcess }> {
    return this.order.flatMap((spec) => {
      const child = this.current.get(spec.name);
      return child ? [{ name: spec.name, process: child }] : [];
    });
  }

  /** Stops restarting, then stops each process, the last added first. */
  async stopAll(report: (name: string, child: ChildProcess, how: string) => void): Promise<void> {
    this.stopping = true;
    for (const spec of [...this.order].reverse()) {
      const child = this.current.get(spec.name);
      if (child) report(spec.name, child, await spec.stop(child));
    }
  }

  private watch(spec: SupervisedProcess, child: ChildProcess, startedAt: number, failures = 0): void {
    this.current.set(spec.name, child);
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      const ranMs = Date.now() - startedAt;
      const inARow = ranMs > HEALTHY_AFTER_MS ? 1 : failures + 1;
      this.say(
        `${spec.name} (pid ${child.pid}) exited unexpectedly (${signal ?? `exit ${code}`}) after ${Math.round(ranMs / 1000)} s; restarting in ${restartDelaySeconds(inARow)} s`,
      );
      void this.restart(spec, inARow, Date.now());
    });
  }

  private async restart(spec: SupervisedProcess, inARow: number, diedAt: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, restartDelaySeconds(inARow) * 1000));
    if (this.stopping) return;
    try {
      const child = await spec.start();
      if (this.stopping) {
        await spec.stop(child);
        return;
      }
      this.say(`${spec.name} restarted (pid ${child.pid}) ${Date.now() - diedAt} ms after it died`);
      this.watch(spec, child, Date.now(), inARow);
    } catch (error) {
      this.say(
        `${spec.name} did not restart (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); trying again in ${restartDelaySeconds(inARow + 1)} s`,
      );
      void this.restart(spec, inARow + 1, diedAt);
    }
  }
}
