import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { searchAttributeCliFlags } from '../../workflows/issue/issue.search-attributes';
import { freePort } from './ports';
import { spawnInOwnGroup, stopProcess } from './process-group';

export interface DevServerOptions {
  cliPath: string;
  port: number;
  uiPort: number;
  namespace: string;
  /** SQLite file that keeps workflows across restarts; omitted = in memory. */
  dbFile?: string;
  headless?: boolean;
  logFile?: string;
  ip?: string;
  /** In a process group of its own, stopped only by whoever started it (`npm start`), not by a terminal's Ctrl-C. */
  ownProcessGroup?: boolean;
}

export interface RunningDevServer {
  address: string;
  uiUrl: string | null;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Waits until the frontend answers and the namespace exists. */
export async function waitForTemporal(
  address: string,
  namespace: string,
  timeoutMs: number,
  child?: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`Temporal dev server exited with code ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: '2s' });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Temporal at ${address} was not ready within ${timeoutMs} ms: ${String(lastError)}`);
}

/** The error with the last lines of the server's log, which say why it stopped (a port in use, a locked db file). */
function withLogTail(error: unknown, logFile: string | undefined): unknown {
  if (!(error instanceof Error) || !logFile || !fs.existsSync(logFile)) return error;
  const tail = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-8).join('\n');
  return tail ? new Error(`${error.message}; the end of ${logFile}:\n${tail}`) : error;
}

/**
 * Runs `temporal server start-dev` with the project's namespace and custom search attributes. With a db file the
 * workflows survive a restart; the Web UI listens on uiPort unless headless.
 */
export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const ip = options.ip ?? '127.0.0.1';
  const args = [
    'server',
    'start-dev',
    '--ip',
    ip,
    '--port',
    String(options.port),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...searchAttributeCliFlags(),
  ];
  if (options.headless) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort));
  // The CLI would pick these itself among the ports the OS hands out to outgoing connections, where a client's
  // connection can take one before the server binds it; chosen here they come from below that range.
  const taken = new Set([options.port, ...(options.headless ? [] : [options.uiPort])]);
  args.push('--http-port', String(await freePort(taken)), '--metrics-port', String(await freePort(taken)));
  if (options.dbFile) {
    fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  const log = options.logFile ? fs.openSync(options.logFile, 'a') : 'ignore';
  const child = (options.ownProcessGroup ? spawnInOwnGroup : spawn)(options.cliPath, args, {
    stdio: ['ignore', log, log],
  });
  if (typeof log === 'number') fs.closeSync(log);
  const address = `${ip}:${options.port}`;
  try {
    await waitForTemporal(address, options.namespace, 60_000, child);
  } catch (error) {
    await stopProcess(child);
    throw withLogTail(error, options.logFile);
  }
  return {
    address,
    uiUrl: options.headless ? null : `http://localhost:${options.uiPort}`,
    process: child,
    stop: async () => void (await stopProcess(child)),
  };
}
