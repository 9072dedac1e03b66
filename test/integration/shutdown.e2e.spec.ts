import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLocalJwtSecret, signToken } from '../../api/auth/token-signing';
import { freePort, isListening } from '../../deploy/local/ports';
import { PROJECT_ROOT } from '../../deploy/local/tools';

/** Whether a process with this id still exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start stopped by Ctrl-C', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-grid-shutdown-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('stops the API, then the worker (drained), then Temporal, then PostgreSQL, and leaves nothing running', async () => {
    const taken = new Set<number>();
    const ports = {
      api: await freePort(taken),
      temporal: await freePort(taken),
      ui: await freePort(taken),
      pg: await freePort(taken),
    };
    // As a terminal runs `npm start`: the start script (under npm) leads the terminal's foreground process group.
    const start = spawn(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'start.mjs'), '--no-build'], {
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
        LOG_LEVEL: 'warn',
      },
    });
    let output = '';
    start.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    start.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | string | null>((resolve) =>
      start.once('exit', (code, signal) => resolve(code ?? signal)),
    );
    try {
      const deadline = Date.now() + 180_000;
      while (!output.includes('is running')) {
        if (start.exitCode !== null || Date.now() > deadline)
          throw new Error(`npm start did not come up:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }

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
      process.kill(-start.pid!, 'SIGINT');
      const status = await exited;
      if (status !== 0) throw new Error(`npm start ended with ${status}:\n${output}`);
    } finally {
      if (start.exitCode === null && start.signalCode === null) process.kill(-start.pid!, 'SIGKILL');
    }

    const lines = output.split('\n');
    const stop = (name: string) => {
      const index = lines.findIndex((line) => line.startsWith(`[start] ${name} stopped (pid `));
      expect(index).toBeGreaterThan(-1);
      const [, pid, how] = /\(pid (\d+), exit (\w+)\)/.exec(lines[index])!;
      return { index, pid: Number(pid), how };
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
    expect(workerLines.join('\n')).toContain("state: 'DRAINED'");
    expect(workerLines.filter((line) => /error|terminat|ECONN|closed the connection/i.test(line))).toEqual(
      [],
    );
    const pgLog = fs.readFileSync(path.join(dataDir, 'logs', 'postgres.log'), 'utf8');
    expect(pgLog).not.toMatch(/terminating connection/);
    expect(pgLog).toContain('database system is shut down');

    // Nothing it started is left: no process, no listening port.
    for (const { pid } of [api, worker, temporal, postgres]) expect(alive(pid)).toBe(false);
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);
  }, 300_000);
});
