import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLocalJwtSecret, signToken } from '../../api/auth/token-signing';
import { freePort, isListening } from '../../deploy/local/ports';
import { PROJECT_ROOT } from '../../deploy/local/tools';

interface Ports {
  api: number;
  temporal: number;
  ui: number;
  pg: number;
}

interface Running {
  process: ChildProcess;
  output: () => string;
  /** Exit code, or the signal that ended it. */
  exited: Promise<number | string | null>;
  /** The children's process ids, from the launcher's banner. */
  pids: Record<string, number>;
}

/** Whether a process with this id still exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function freePorts(): Promise<Ports> {
  const taken = new Set<number>();
  return {
    api: await freePort(taken),
    temporal: await freePort(taken),
    ui: await freePort(taken),
    pg: await freePort(taken),
  };
}

/** Starts `script` as the leader of a new process group, as a terminal starts a foreground command, until it runs. */
async function launch(script: string, args: string[], dataDir: string, ports: Ports): Promise<Running> {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: PROJECT_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(ports.api),
      TEMPORAL_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.ui),
      EMBEDDED_PG_PORT: String(ports.pg),
      DATABASE_URL: '',
      TEMPORAL_ADDRESS: '',
      TEMPORAL_UI_URL: '',
      JWT_SECRET: '',
      JWT_PUBLIC_KEY: '',
      // The worker's state changes (DRAINED) are info lines of its JSON log.
      LOG_LEVEL: 'log',
    },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const deadline = Date.now() + 180_000;
  while (!output.includes('is running')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`${script} did not come up:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const banner = /Processes: +(.*)/.exec(output)![1];
  const pids = Object.fromEntries(
    [...banner.matchAll(/(\w+) (\d+)/g)].map(([, name, pid]) => [name, Number(pid)]),
  );
  return { process: child, output: () => output, exited, pids };
}

/** Lines of PostgreSQL's log after its last start: how the last run ended. */
function lastPostgresRun(dataDir: string): string {
  const log = fs.readFileSync(path.join(dataDir, 'logs', 'postgres.log'), 'utf8');
  return log.slice(log.lastIndexOf('database system is ready to accept connections'));
}

describe('npm start shutdown', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-grid-shutdown-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('stops the API, then the worker (drained), then Temporal, then PostgreSQL, and leaves nothing running', async () => {
    const ports = await freePorts();
    // As a terminal runs `npm start`: the start script (under npm) leads the terminal's foreground process group.
    const start = await launch(
      path.join(PROJECT_ROOT, 'scripts', 'start.mjs'),
      ['--no-build'],
      dataDir,
      ports,
    );
    expect(Object.keys(start.pids).sort()).toEqual(['API', 'PostgreSQL', 'Temporal', 'worker']);
    try {
      // Work in flight when the signal comes: reported issues whose activities write through the worker's pool.
      const base = `http://127.0.0.1:${ports.api}`;
      const token = signToken(
        { id: 'demo-eco-1', name: '赵六', unitCode: 'ECO', roles: ['office_staff'] },
        { secret: readLocalJwtSecret(dataDir)! },
      );
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      const report = (title: string) =>
        fetch(`${base}/api/v1/issues`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            title,
            description: '工地未覆盖裸土，扬尘严重',
            category: 'construction_dust',
            severity: 'general',
            source: 'public_report',
            township: 'T-CHEMIN',
          }),
        });
      const created = await report('停止前上报的问题');
      expect(created.status).toBe(201);
      const { code } = (await created.json()) as { code: string };
      for (let i = 0; i < 50; i++) {
        const detail = await fetch(`${base}/api/v1/issues/${code}`, { headers });
        if (((await detail.json()) as { events: unknown[] }).events.length === 1) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      await Promise.all([report('停止时上报的问题一'), report('停止时上报的问题二')]);

      // Ctrl-C: the terminal sends SIGINT to every process of its foreground group.
      process.kill(-start.process.pid!, 'SIGINT');
      const status = await start.exited;
      if (status !== 0) throw new Error(`npm start ended with ${status}:\n${start.output()}`);
    } finally {
      if (start.process.exitCode === null && start.process.signalCode === null)
        process.kill(-start.process.pid!, 'SIGKILL');
    }

    const lines = start.output().split('\n');
    const stop = (name: string) => {
      const index = lines.findIndex((line) => line.startsWith(`[start] ${name} stopped (pid `));
      expect(index).toBeGreaterThan(-1);
      const [, pid, how] = /\(pid (\d+), exit (\w+)\)/.exec(lines[index])!;
      expect(Number(pid)).toBe(start.pids[name]);
      return { index, how };
    };
    const [api, worker, temporal, postgres] = ['API', 'worker', 'Temporal', 'PostgreSQL'].map(stop);
    expect(api.index).toBeLessThan(worker.index);
    expect(worker.index).toBeLessThan(temporal.index);
    expect(temporal.index).toBeLessThan(postgres.index);
    expect(lines.indexOf('[start] stopped')).toBeGreaterThan(postgres.index);
    // The worker drained and ended on its own; the database stopped cleanly after everyone had left it.
    expect(worker.how).toBe('0');
    expect(postgres.how).toBe('0');
    const stopping = lines.indexOf('[start] stopping…');
    const workerLines = lines.slice(stopping).filter((line) => line.startsWith('[worker]'));
    expect(workerLines.join('\n')).toContain('"state":"DRAINED"');
    expect(workerLines.filter((line) => /error|terminat|ECONN|closed the connection/i.test(line))).toEqual(
      [],
    );
    const pgRun = lastPostgresRun(dataDir);
    expect(pgRun).not.toMatch(/terminating connection/);
    expect(pgRun).toContain('database system is shut down');

    // Nothing it started is left: no process, no listening port.
    for (const pid of Object.values(start.pids)) expect(alive(pid)).toBe(false);
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);
  }, 300_000);

  it('stops its children, the database cleanly, when the launcher itself is killed (SIGKILL)', async () => {
    const ports = await freePorts();
    const launcher = await launch(
      path.join(PROJECT_ROOT, 'dist', 'deploy', 'local', 'launch.js'),
      [],
      dataDir,
      ports,
    );
    // SIGKILL to the launcher alone: no handler runs, its children learn of it from the kernel (parent-death signal).
    process.kill(launcher.process.pid!, 'SIGKILL');
    expect(await launcher.exited).toBe('SIGKILL');
    const deadline = Date.now() + 60_000;
    while (Object.values(launcher.pids).some(alive) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    expect(Object.entries(launcher.pids).filter(([, pid]) => alive(pid))).toEqual([]);
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);
    expect(lastPostgresRun(dataDir)).toContain('database system is shut down');
  }, 300_000);
});
