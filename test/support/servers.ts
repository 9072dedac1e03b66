import fs from 'node:fs';
import { openDataSource } from '../../persistence/data-source';
import { seed } from '../../persistence/seed/seed';

/** What the global setup started, handed to the test files through this file. */
export interface TestServers {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  workDir: string;
}

export function writeServers(servers: TestServers, file: string): void {
  fs.writeFileSync(file, JSON.stringify(servers));
}

/** The servers of this test run (set by the global setup in the environment). */
export function testServers(): TestServers {
  const file = process.env.ECO_GRID_TEST_SERVERS;
  if (!file || !fs.existsSync(file)) {
    throw new Error(
      'integration tests need the global setup: run them with -c test/jest.integration.config.js',
    );
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as TestServers;
}

/**
 * A database of its own in the run's PostgreSQL, migrated and seeded like the shared one, for a test file that
 * writes at random (schemathesis) and must not change what the other files read. Its issue, clue and task codes
 * start far from the shared database's, because both start workflows in the same Temporal namespace.
 */
export async function ownDatabase(name: string, firstIssueSeq: number): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
  const shared = testServers().databaseUrl;
  const admin = await openDataSource(shared, { poolSize: 1 });
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.destroy();
  }
  const url = new URL(shared);
  url.pathname = `/${name}`;
  const own = await openDataSource(url.toString(), { poolSize: 1 });
  try {
    await own.runMigrations({ transaction: 'each' });
    await seed(own, { demo: true });
    for (const sequence of ['issue_code_seq', 'violation_clue_seq', 'assigned_task_seq'])
      await own.query(`ALTER SEQUENCE ${sequence} RESTART WITH ${Math.trunc(firstIssueSeq)}`);
  } finally {
    await own.destroy();
  }
  return url.toString();
}
