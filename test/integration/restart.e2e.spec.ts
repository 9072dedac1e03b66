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
    /** Runs one of the compiled command-line tools against the launcher's database and data directory. */
    const tool = (file: string, args: string[], input?: string) =>
      spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'api', 'auth', file), ...args], {
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          EMBEDDED_PG_PORT: String(ports.pg),
          DATABASE_URL: '',
          JWT_SECRET: '',
        },
        input,
        encoding: 'utf8',
      });

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
    const cli = tool('issue-token.js', ['--member', 'demo-eco-1']);
    expect(cli.stderr).toBe('');
    const issued = cli.stdout.trim();
    const asMember = await fetch(`${base}/api/v1/issues/${code}`, {
      headers: { authorization: `Bearer ${issued}` },
    });
    expect(asMember.status).toBe(200);

    // The demo members sign in to the console with the password the launcher prints.
    expect(first.output()).toMatch(/Console sign-in: +POST .*\/api\/v1\/auth\/login/);
    expect(first.output()).toMatch(/demo-ule-head +演示-ULE分网格长（县综合行政执法局）/);
    expect(first.output()).toContain('password 密码 demo1234');
    const signIn = (account: string, password: string) =>
      fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ account, password }),
      });
    const demo = await signIn('demo-eco-1', 'demo1234');
    expect(demo.status).toBe(200);
    expect(demo.headers.getSetCookie().some((c) => c.startsWith('eco_session='))).toBe(true);
    // `npm run account -- password` takes the new password from standard input; `reset` prints a temporary one.
    const set = tool('account-cli.js', ['password', 'demo-ule-head'], 'Ule-head-2027\n');
    expect([set.status, set.stdout]).toEqual([0, '']);
    expect((await signIn('demo-ule-head', 'demo1234')).status).toBe(401);
    expect((await signIn('demo-ule-head', 'Ule-head-2027')).status).toBe(200);
    const weak = tool('account-cli.js', ['password', 'demo-ule-head'], 'short\n');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('新密码至少需要 8 个字符');
    const reset = tool('account-cli.js', ['reset', 'demo-ule-member-1']);
    expect(reset.status).toBe(0);
    const temporary = await signIn('demo-ule-member-1', reset.stdout.trim());
    expect(((await temporary.json()) as { mustChangePassword: boolean }).mustChangePassword).toBe(true);
    // `npm run token` for a service account records it in the roster, which then gives its tokens their roles.
    const service = tool('issue-token.js', [
      '--unit',
      'ULE',
      '--roles',
      'sector_head',
      '--name',
      '张三',
      '--sub',
      'it-svc-ule',
    ]);
    expect(service.stderr).toBe('');
    const me = await fetch(`${base}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${service.stdout.trim()}` },
    });
    expect(await me.json()).toMatchObject({ id: 'it-svc-ule', unitCode: 'ULE', roles: ['sector_head'] });
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
