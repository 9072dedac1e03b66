import type { Db } from './db';

/** On routes whose work is not keyed: an 'in progress' row older than this belongs to a request that died. */
const ABANDONED_AFTER = '2 minutes';

/** Which request a key's row belongs to: the key, who sent it, and where. */
export interface IdempotencyKeyId {
  key: string;
  actor: string;
  endpoint: string;
}

/** What a key's row keeps of its request and, once done, of its answer. */
export interface StoredAnswer {
  state: 'in_progress' | 'done';
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
  response_location: string | null;
}

/**
 * Idempotency-Key rows (`idempotency_keys`) and the issue codes reserved under a request's token
 * (`issue_code_reservations`): what makes a retried POST answer as the first attempt did.
 */
export class IdempotencyRepository {
  constructor(private readonly db: Db) {}

  /**
   * Inserts the key's 'in progress' row, or takes over one a dead request left with the same body (at once when
   * `atOnce`: the route's work is keyed by the request, so running it again does nothing twice); false when the
   * row is someone else's (in progress, done, or of another body).
   */
  async claim(
    { key, actor, endpoint }: IdempotencyKeyId,
    requestHash: string,
    atOnce = false,
  ): Promise<boolean> {
    const claimed = await this.db.query<unknown[]>(
      `INSERT INTO idempotency_keys (key, actor, endpoint, request_hash, state)
       VALUES ($1, $2, $3, $4, 'in_progress')
       ON CONFLICT (key, actor, endpoint) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, created_at = now()
         WHERE idempotency_keys.state = 'in_progress'
           AND idempotency_keys.request_hash = EXCLUDED.request_hash
           AND ($5 OR idempotency_keys.created_at < now() - interval '${ABANDONED_AFTER}')
       RETURNING key`,
      [key, actor, endpoint, requestHash, atOnce],
    );
    return claimed.length > 0;
  }

  async stored({ key, actor, endpoint }: IdempotencyKeyId): Promise<StoredAnswer | undefined> {
    const [stored] = await this.db.query<StoredAnswer[]>(
      `SELECT state, request_hash, response_status, response_body, response_location
         FROM idempotency_keys WHERE key = $1 AND actor = $2 AND endpoint = $3`,
      [key, actor, endpoint],
    );
    return stored;
  }

  /** Drops the 'in progress' row of a request that failed, so it can be retried. */
  async release({ key, actor, endpoint }: IdempotencyKeyId): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_keys WHERE key = $1 AND actor = $2 AND endpoint = $3 AND state = 'in_progress'`,
      [key, actor, endpoint],
    );
  }

  /** Keeps the answer a retry gets. */
  async complete(
    { key, actor, endpoint }: IdempotencyKeyId,
    status: number,
    body: unknown,
    location: string | null,
  ): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys
          SET state = 'done', response_status = $4, response_body = $5::jsonb, response_location = $6,
              completed_at = now()
        WHERE key = $1 AND actor = $2 AND endpoint = $3`,
      [key, actor, endpoint, status, JSON.stringify(body ?? null), location],
    );
  }

  /**
   * Deletes up to `batch` rows older than the TTL (answered ones by when they were answered, abandoned ones by when
   * they started); returns how many went.
   */
  async purgeExpired(ttlHours: number, batch: number): Promise<number> {
    const deleted: unknown[] = await this.db.query(
      `DELETE FROM idempotency_keys WHERE ctid IN (
         SELECT ctid FROM idempotency_keys
         WHERE coalesce(completed_at, created_at) < now() - make_interval(hours => $1)
         LIMIT $2)
       RETURNING 1`,
      [ttlHours, batch],
    );
    return deleted.length;
  }

  /** The issue code and report time reserved under a request's token, or undefined. */
  async reservation(token: string): Promise<{ code: string; reported_at: Date } | undefined> {
    const [reserved] = await this.db.query<Array<{ code: string; reported_at: Date }>>(
      `SELECT code, reported_at FROM issue_code_reservations WHERE token = $1`,
      [token],
    );
    return reserved;
  }

  /** Reserves a code under the token unless one already is. */
  async reserve(token: string, code: string, reportedAt: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO issue_code_reservations (token, code, reported_at) VALUES ($1, $2, $3)
       ON CONFLICT (token) DO NOTHING`,
      [token, code, reportedAt],
    );
  }
}
