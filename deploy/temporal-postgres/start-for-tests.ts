import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { freePort } from '../local/ports';
import { startEmbeddedPostgres, type RunningPostgres } from '../local/postgres';
import type { RunningDevServer } from '../local/temporal-dev-server';
import { PROJECT_ROOT } from '../local/tools';

/** Shaped like the dev server's handle, so the test set-up can hold either. */
export interface RunningTemporalOnPostgres extends RunningDevServer {
  namespace: string;
  metricsUrl: string;
}

interface ScriptOptions {
  workDir: string;
  databaseUrl: string;
  namespace: string;
}

interface ScriptResult {
  address: string;
  namespace: string;
  metricsUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

interface TemporalPostgresScript {
  startTemporalOnPostgres(options: ScriptOptions): Promise<ScriptResult>;
}

// scripts/temporal-postgres.mjs is an ES module; a real dynamic import (not compiled to require) loads it.
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<TemporalPostgresScript>;

/**
 * Temporal server v1.31.2 on PostgreSQL (the production engine) on free loopback ports, for the integration tests
 * with TEST_TEMPORAL=postgres. Without databaseUrl it starts its own embedded PostgreSQL under workDir. The first run
 * builds the server with Go (minutes); later runs take seconds.
 */
export async function startTemporalOnPostgres(options: {
  workDir: string;
  namespace?: string;
  databaseUrl?: string;
}): Promise<RunningTemporalOnPostgres> {
  const dir = path.join(options.workDir, 'temporal-postgres');
  fs.mkdirSync(dir, { recursive: true });
  let postgres: RunningPostgres | undefined;
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl) {
    const pgLog = path.join(dir, 'postgres.log');
    postgres = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'postgres'),
      port: await freePort(),
      database: 'postgres',
      log: (line) => fs.appendFileSync(pgLog, `${line}\n`),
    });
    databaseUrl = postgres.url;
  }
  try {
    const script = await importEsm(
      pathToFileURL(path.join(PROJECT_ROOT, 'scripts', 'temporal-postgres.mjs')).href,
    );
    const temporal = await script.startTemporalOnPostgres({
      workDir: dir,
      databaseUrl,
      namespace: options.namespace ?? 'default',
    });
    return {
      address: temporal.address,
      namespace: temporal.namespace,
      metricsUrl: temporal.metricsUrl,
      uiUrl: null,
      process: temporal.process,
      stop: async () => {
        await temporal.stop();
        await postgres?.stop();
      },
    };
  } catch (error) {
    await postgres?.stop();
    throw error;
  }
}
