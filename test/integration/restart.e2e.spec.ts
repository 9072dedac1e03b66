import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, isListening } from '../../deploy/local/ports';
import { PROJECT_ROOT } from '../../deploy/local/tools';
import { readLocalJwtSecret, signToken } from '../../api/auth/token-signing';

const LAUNCHER = path.join(PROJECT_ROOT, 'dist', 'deploy', 'local', 'launch.js');

interface Ports {
  api: number;
  temporal: number;
  ui: number;
  pg: number;
}

/** Runs the compiled `npm start` launcher and resolves once it prints that the system is up. */
function launch(dataDir: string, ports: Ports): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [LAUNCHER], {
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
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`launcher did not come up:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('is running')) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`launcher exited with ${code}:\n${output}`));
    });
  });
}

function interrupt(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

describe('npm start', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-grid-start-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps an issue’s workflow and its ledger row across a stop and a restart', async () => {
    expect(fs.existsSync(LAUNCHER)).toBe(true);
    const taken = new Set<number>();
    const ports: Ports = {
      api: await freePort(taken),
      temporal: await freePort(taken),
      ui: await freePort(taken),
      pg: await freePort(taken),
    };
    const base = `http://127.0.0.1:${ports.api}`;

    const first = await launch(dataDir, ports);
    expect(first.output()).toContain(`Temporal UI:      http://localhost:${ports.ui}`);
    expect(first.output()).toContain('npm run token -- --member');
    // The launcher generated the token secret once, readable by its owner only.
    const secretFile = path.join(dataDir, 'jwt-secret');
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    const secret = readLocalJwtSecret(dataDir)!;
    const auth = {
      authorization: `Bearer ${signToken(
        { id: 'demo-eco-1', name: '赵六', unitCode: 'ECO', roles: ['office_staff'] },
        { secret },
      )}`,
    };
    expect((await fetch(`${base}/api/v1/issues/2026-000001`)).status).toBe(401);
    const created = await fetch(`${base}/api/v1/issues`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({
        title: '工地扬尘',
        description: '工地未覆盖裸土，扬尘严重',
        category: 'construction_dust',
        severity: 'general',
        source: 'public_report',
        township: 'T-CHEMIN',
      }),
    });
    expect(created.status).toBe(201);
    const { code } = (await created.json()) as { code: string };
    // Wait until the first event is in the ledger before stopping.
    for (let i = 0; i < 50; i++) {
      const detail = (await (await fetch(`${base}/api/v1/issues/${code}`, { headers: auth })).json()) as {
        events: unknown[];
      };
      if (detail.events.length === 1) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    // `npm run token` finds the member in the launcher's database and the secret in its data directory.
    const cli = spawnSync(
      process.execPath,
      [path.join(PROJECT_ROOT, 'dist', 'api', 'auth', 'issue-token.js'), '--member', 'demo-eco-1'],
      {
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          EMBEDDED_PG_PORT: String(ports.pg),
          DATABASE_URL: '',
          JWT_SECRET: '',
        },
        encoding: 'utf8',
      },
    );
    expect(cli.stderr).toBe('');
    const issued = cli.stdout.trim();
    const asMember = await fetch(`${base}/api/v1/issues/${code}`, {
      headers: { authorization: `Bearer ${issued}` },
    });
    expect(asMember.status).toBe(200);
    expect(await interrupt(first.child)).toBe(0);
    // Ctrl-C stopped every process it started: nothing listens on its ports any more.
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);

    const second = await launch(dataDir, ports);
    try {
      // The same secret after the restart: the token issued before still works.
      expect(readLocalJwtSecret(dataDir)).toBe(secret);
      const response = await fetch(`${base}/api/v1/issues/${code}`, { headers: auth });
      expect(response.status).toBe(200);
      const detail = (await response.json()) as {
        state: { status: string; code: string };
        events: Array<{ type: string }>;
      };
      expect(detail.state).toMatchObject({ code, status: 'reported' });
      expect(detail.events.map((e) => e.type)).toEqual(['reported']);
    } finally {
      expect(await interrupt(second.child)).toBe(0);
    }
  }, 300_000);
});
