import type { DataSource } from 'typeorm';
import { openDataSource } from '../../persistence/data-source';

/**
 * The database of DATABASE_URL (default: the one `npm start` runs) open for one piece of a command-line tool's
 * work; `fail` explains it when the database cannot be reached.
 */
export async function withDatabase<T>(
  what: string,
  work: (db: DataSource) => Promise<T>,
  fail: (message: string) => never,
): Promise<T> {
  const url =
    process.env.DATABASE_URL ||
    `postgres://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_PG_PORT || '54329'}/eco_grid`;
  let db: DataSource;
  try {
    db = await openDataSource(url, { ssl: process.env.DATABASE_SSL === 'true', poolSize: 1 });
  } catch (error) {
    fail(`cannot reach the database to ${what} (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}
