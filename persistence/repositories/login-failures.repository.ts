import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** Failed sign-ins are counted per account (whatever the address) and per client address (whatever the account). */
export type FailureScope = 'account' | 'address';

export interface FailureLimit {
  maxFailures: number;
  /** The window failures are counted in, and how long the lock lasts once they reach the maximum. */
  lockSeconds: number;
}

/** When the lock on this account or address ends, if it is locked now. */
export async function lockedUntil(db: Db, scope: FailureScope, key: string): Promise<Date | null> {
  const rows: Array<{ locked_until: Date }> = await db.query(
    `SELECT locked_until FROM login_failures WHERE scope = $1 AND key = $2 AND locked_until > now()`,
    [scope, key],
  );
  return rows.length > 0 ? rows[0].locked_until : null;
}

/**
 * Counts one failure in one statement (so API processes racing on the same key each count theirs): a window
 * past its length starts again at 1, and reaching the maximum locks the key for the window's length.
 */
export async function recordFailure(
  db: Db,
  scope: FailureScope,
  key: string,
  limit: FailureLimit,
): Promise<{ failures: number; lockedUntil: Date | null }> {
  const [row]: Array<{ failures: number; locked_until: Date | null }> = await db.query(
    `WITH window_length AS (SELECT make_interval(secs => $4) AS length)
     INSERT INTO login_failures AS f (scope, key, failures, window_started_at, locked_until)
     SELECT $1, $2, 1, now(), CASE WHEN 1 >= $3 THEN now() + length END FROM window_length
     ON CONFLICT (scope, key) DO UPDATE SET
       failures = CASE WHEN f.window_started_at + make_interval(secs => $4) <= now() THEN 1 ELSE f.failures + 1 END,
       window_started_at = CASE WHEN f.window_started_at + make_interval(secs => $4) <= now()
                                THEN now() ELSE f.window_started_at END,
       locked_until = CASE
         WHEN (CASE WHEN f.window_started_at + make_interval(secs => $4) <= now() THEN 1 ELSE f.failures + 1 END) >= $3
         THEN now() + make_interval(secs => $4)
         ELSE f.locked_until END
     RETURNING failures, locked_until`,
    [scope, key, limit.maxFailures, limit.lockSeconds],
  );
  return { failures: row.failures, lockedUntil: row.locked_until };
}

/** A successful sign-in forgets the account's failures (never the address's). */
export async function clearFailures(db: Db, scope: FailureScope, key: string): Promise<void> {
  await db.query(`DELETE FROM login_failures WHERE scope = $1 AND key = $2`, [scope, key]);
}

/** Forgets counters whose window and lock are both over. */
export async function deleteStaleFailures(db: Db): Promise<void> {
  await db.query(
    `DELETE FROM login_failures
      WHERE window_started_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now())`,
  );
}
