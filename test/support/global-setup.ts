import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../deploy/local/ports';
import { startEmbeddedPostgres, type RunningPostgres } from '../../deploy/local/postgres';
import { startDevServer, type RunningDevServer } from '../../deploy/local/temporal-dev-server';
import { resolveTools } from '../../deploy/local/tools';
import { startTemporalOnPostgres } from '../../deploy/temporal-postgres/start-for-tests';
import { openDataSource } from '../../persistence/data-source';
import { seed } from '../../persistence/seed/seed';
import { writeServers } from './servers';

declare global {
  var __ECO_GRID_SERVERS__:
    { postgres: RunningPostgres; temporal: RunningDevServer; workDir: string } | undefined;
}

/** Starts one real PostgreSQL and one real Temporal dev server on free ports for the whole integration run. */
export default async function globalSetup(): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-grid-it-'));
  fs.chmodSync(workDir, 0o755);
  const tools = resolveTools();
  const taken = new Set<number>();
  const [pgPort, temporalPort] = [await freePort(taken), await freePort(taken)];
  const pgLog = path.join(workDir, 'postgres.log');
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(workDir, 'postgres'),
    port: pgPort,
    database: 'eco_grid_test',
    log: (line) => fs.appendFileSync(pgLog, `${line}\n`),
  });
  // TEST_TEMPORAL=postgres runs the same suite against the production engine: Temporal server on PostgreSQL.
  const temporal =
    process.env.TEST_TEMPORAL === 'postgres'
      ? await startTemporalOnPostgres({ workDir })
      : await startDevServer({
          cliPath: tools.temporalCli.path,
          port: temporalPort,
          uiPort: 0,
          namespace: 'default',
          headless: true,
          logFile: path.join(workDir, 'temporal.log'),
        });
  const dataSource = await openDataSource(postgres.url);
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await seed(dataSource, { demo: true });
  } finally {
    await dataSource.destroy();
  }
  globalThis.__ECO_GRID_SERVERS__ = { postgres, temporal, workDir };
  const file = path.join(workDir, 'servers.json');
  writeServers(
    { databaseUrl: postgres.url, temporalAddress: temporal.address, namespace: 'default', workDir },
    file,
  );
  process.env.ECO_GRID_TEST_SERVERS = file;
}
