import { Client } from 'pg';
import type { Db } from './repositories/db';

/** Readiness: the server answers a query on the pool. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.query('SELECT 1');
}

/** Creates the product's database on a server (reached through its `postgres` database) unless it exists. */
export async function createDatabaseIfMissing(serverUrl: string, database: string): Promise<void> {
  const admin = new Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
}
