import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ConfigurationError, loadConfiguration } from '../../config/configuration';
import { ensureLocalJwtSecret } from '../../api/auth/token-signing';
import { ensureLocalSealKey, leadershipRecipients, loadSealKey } from '../../config/seal-config';
import { openDataSource } from '../../persistence/data-source';
import { demoLogins, type DemoLogin } from '../../persistence/repositories/credentials.repository';
import { DEMO_PASSWORD, seed } from '../../persistence/seed/seed';
import { isListening } from './ports';
import { startPostgresProcess } from './postgres';
import { spawnInOwnGroup, stopProcess } from './process-group';
import { Supervisor } from './supervisor';
import { startDevServer } from './temporal-dev-server';
import { PROJECT_ROOT, resolveTools } from './tools';

const say = (message: string) => console.log(`[start] ${message}`);

/** One demo member per kind of console user: 县环委办, the county head, a department's head and member, a township. */
const DEMO_LOGIN_MEMBERS = [
  'demo-eco-1',
  'demo-chief',
  'demo-ule-head',
  'demo-ule-member-1',
  'demo-t-guzhou-head',
];

/** How to sign in as the demo members, printed next to the URLs (none when the demo county is not seeded). */
function demoLoginLines(apiBase: string, logins: DemoLogin[]): string[] {
  if (logins.length === 0) return [];
  return [
    `  Console sign-in:  POST ${apiBase}/api/v1/auth/login {"account","password"}`,
    `                    演示账号 demo accounts (password 密码 ${DEMO_PASSWORD} until changed):`,
    ...logins.map(
      (login) => `                      ${login.loginName.padEnd(20)} ${login.name}（${login.unitName}）`,
    ),
    `                    or: npm run account -- password <member-id>`,
  ];
}

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535)
    throw new ConfigurationError([`${name} must be a port number`]);
  return Number(raw);
}

function pipeWithPrefix(child: ChildProcess, prefix: string, onLine?: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        console.log(`[${prefix}] ${line}`);
        onLine?.(line);
      }
    });
  }
}

function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const request = http.get(url, (response) => {
        response.resume();
        if (response.statusCode === 200) resolve();
        else retry();
      });
      request.on('error', retry);
    };
    const retry = () =>
      Date.now() > deadline ? reject(new Error(`${url} not ready in time`)) : setTimeout(attempt, 300);
    attempt();
  });
}

/** `npm start`: PostgreSQL, the Temporal dev server, migrations and seed, the worker and the API, all local. */
async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(PROJECT_ROOT, '.data'));
  const logDir = path.join(dataDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const apiPort = intEnv('PORT', 3000);
  const temporalPort = intEnv('TEMPORAL_PORT', 7233);
  const uiPort = intEnv('TEMPORAL_UI_PORT', 8233);
  const pgPort = intEnv('EMBEDDED_PG_PORT', 54329);
  // Tokens: without JWT_SECRET or JWT_PUBLIC_KEY, a random secret generated once and kept in <DATA_DIR>/jwt-secret
  // (0600), where `npm run token` finds it too.
  let jwtSecretSource = 'JWT_SECRET';
  if (!process.env.JWT_SECRET && !process.env.JWT_PUBLIC_KEY) {
    const { secret, created } = ensureLocalJwtSecret(dataDir);
    process.env.JWT_SECRET = secret;
    jwtSecretSource = path.join(dataDir, 'jwt-secret');
    if (created) say(`generated a token secret in ${jwtSecretSource}`);
  } else if (process.env.JWT_PUBLIC_KEY) {
    jwtSecretSource = 'JWT_PUBLIC_KEY';
  }
  // The county seal (P10): without a configured key, one generated once and kept in <DATA_DIR>/seal-key.pem.
  if (!process.env.SEAL_PRIVATE_KEY && !process.env.SEAL_PRIVATE_KEY_FILE) {
    const { file, created } = ensureLocalSealKey(dataDir);
    process.env.SEAL_PRIVATE_KEY_FILE = file;
    if (created) say(`generated a seal key (SM2) in ${file}`);
  }
  loadSealKey();
  leadershipRecipients();
  // Validate everything else before starting anything.
  loadConfiguration(
    { ...process.env, DATABASE_URL: process.env.DATABASE_URL || 'postgres://placeholder/x' },
    { requireAuth: true },
  );

  // Every child leads a process group of its own (spawnInOwnGroup): a terminal's Ctrl-C reaches this launcher
  // (and npm above it) only, and the children stop one after the other, each once the one before has exited. The
  // supervisor restarts any of them that dies meanwhile, with a backoff, and says so.
  const supervisor = new Supervisor(say);
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    // The API first (no new work), then the worker drains, then the servers both of them used.
    await supervisor.stopAll((name, child, how) => say(`${name} stopped (pid ${child.pid}, exit ${how})`));
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      if (await isListening(pgPort)) {
        throw new Error(
          `port ${pgPort} for the embedded PostgreSQL is taken; set EMBEDDED_PG_PORT or DATABASE_URL`,
        );
      }
      say(`starting embedded PostgreSQL on 127.0.0.1:${pgPort} (data in ${path.join(dataDir, 'postgres')})`);
      let url = '';
      await supervisor.add({
        name: 'PostgreSQL',
        start: async () => {
          const postgres = await startPostgresProcess({
            dataDir: path.join(dataDir, 'postgres'),
            port: pgPort,
            database: 'eco_grid',
            logFile: path.join(logDir, 'postgres.log'),
          });
          url = postgres.url;
          return postgres.process;
        },
        stop: (child) => stopProcess(child, 30_000),
      });
      databaseUrl = url;
    } else {
      say('using the external PostgreSQL of DATABASE_URL');
    }

    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    let temporalUiUrl = process.env.TEMPORAL_UI_URL;
    const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
    if (!temporalAddress) {
      if (await isListening(temporalPort)) {
        throw new Error(
          `port ${temporalPort} for the Temporal dev server is taken; set TEMPORAL_PORT or TEMPORAL_ADDRESS`,
        );
      }
      const tools = resolveTools();
      say(
        `starting Temporal dev server on 127.0.0.1:${temporalPort}, Web UI on ${uiPort} (${tools.temporalCli.path})`,
      );
      await supervisor.add({
        name: 'Temporal',
        start: async () => {
          const temporal = await startDevServer({
            cliPath: tools.temporalCli.path,
            port: temporalPort,
            uiPort,
            namespace,
            dbFile: path.join(dataDir, 'temporal', 'dev.db'),
            logFile: path.join(logDir, 'temporal.log'),
            ownProcessGroup: true,
          });
          temporalAddress = temporal.address;
          temporalUiUrl = temporal.uiUrl ?? undefined;
          return temporal.process;
        },
        stop: (child) => stopProcess(child, 15_000),
      });
    } else {
      say(`using the external Temporal at ${temporalAddress}`);
    }

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: namespace,
      PORT: String(apiPort),
      ...(temporalUiUrl ? { TEMPORAL_UI_URL: temporalUiUrl } : {}),
    };
    const config = loadConfiguration(env, { requireAuth: true });

    let logins: DemoLogin[] = [];
    say('applying database migrations and seeding the responsibility catalog');
    const dataSource = await openDataSource(config.DATABASE_URL, { ssl: config.DATABASE_SSL === 'true' });
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      const seeded = await seed(dataSource, { demo: process.env.SEED_DEMO !== 'false' });
      say(
        `migrations applied: ${applied.length}; new units: ${seeded.units}; new catalog categories: ${seeded.categories}`,
      );
      logins = await demoLogins(dataSource, DEMO_LOGIN_MEMBERS);
    } finally {
      await dataSource.destroy();
    }

    const dist = path.join(PROJECT_ROOT, 'dist');
    const apiBase = `http://localhost:${apiPort}`;
    // "Running" means both doors are open: the worker polls (an issue's state is a query) and the API answers.
    for (const [name, prefix, entry] of [
      ['worker', 'worker', path.join(dist, 'worker', 'main.js')],
      ['API', 'api', path.join(dist, 'api', 'main.js')],
    ] as const) {
      await supervisor.add({
        name,
        start: () => startNode(prefix, entry, env, name === 'worker' ? 'polling' : `${apiBase}/health/live`),
        stop: (child) => stopProcess(child, 30_000),
      });
    }
    await waitForHttp(`${apiBase}/health/ready`, 60_000);
    const processes = supervisor.list();
    console.log(
      [
        '',
        '  生态环境保护网格化管理 is running.',
        `  Console:          ${apiBase}/   (web console; npm run build rebuilds it)`,
        `  API:              ${apiBase}/api/v1`,
        `  API docs:         ${apiBase}/api/docs   (OpenAPI JSON: ${apiBase}/api/openapi.json)`,
        `  Health:           ${apiBase}/health/ready`,
        `  Metrics:          ${apiBase}/metrics (API), ${
          config.WORKER_METRICS_PORT ? `http://localhost:${config.WORKER_METRICS_PORT}/metrics` : 'off'
        } (worker); logs are JSON lines`,
        `  Temporal UI:      ${temporalUiUrl ?? '(external Temporal: see its own UI)'}`,
        `  Temporal address: ${temporalAddress} (namespace ${namespace})`,
        `  Data:             ${dataDir}`,
        `  Processes:        ${processes.map(({ name, process: child }) => `${name} ${child.pid}`).join(', ')}`,
        ...demoLoginLines(apiBase, logins),
        `  Token:            npm run token -- --member demo-ule-head   (or --unit ULE --roles sector_head --name 张三)`,
        `                    then: curl -H "Authorization: Bearer <token>" ${apiBase}/api/v1/issues/<code>`,
        `                    (tokens are verified with ${jwtSecretSource})`,
        '  Press Ctrl-C to stop everything.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
  }
}

/**
 * Starts the worker or the API as a child of its own group, its output prefixed; resolves once it is up (`ready`:
 * 'polling' for the worker's first poll, else a URL that answers 200, the API's liveness), rejects when it exits
 * first or takes over a minute.
 */
function startNode(
  prefix: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  ready: string,
): Promise<ChildProcess> {
  const child = spawnInOwnGroup(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.off('exit', exited);
      if (error) {
        child.kill('SIGKILL');
        reject(error);
      } else resolve(child);
    };
    const exited = (code: number | null, signal: NodeJS.Signals | null) =>
      settle(new Error(`${prefix} exited during start-up (${signal ?? code})`));
    const timer = setTimeout(() => settle(new Error(`${prefix} was not up within 60 s`)), 60_000);
    child.once('exit', exited);
    pipeWithPrefix(child, prefix, (line) => {
      if (ready === 'polling' && line.includes('worker polling task queue')) settle();
    });
    if (ready !== 'polling') waitForHttp(ready, 60_000).then(() => settle(), settle);
  });
}

void main();
