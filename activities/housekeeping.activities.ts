import { Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';

export interface HousekeepingActivityDeps {
  dataSource: DataSource;
  /** IDEMPOTENCY_KEY_TTL_HOURS. */
  idempotencyKeyTtlHours?: number;
}

const BATCH = 5000;

function heartbeat(detail: unknown): void {
  try {
    Context.current().heartbeat(detail);
  } catch {
    // Called outside an activity (a test driving the function directly).
  }
}

/** The daily clean-up of what is kept only for a while; records of the county's work are never touched. */
export function createHousekeepingActivities({
  dataSource,
  idempotencyKeyTtlHours = 72,
}: HousekeepingActivityDeps) {
  return {
    /**
     * Deletes Idempotency-Key rows older than the TTL (answered ones by when they were answered, abandoned ones by
     * when they started), in batches so no long lock holds up the API. Returns how many went.
     */
    async purgeExpiredIdempotencyKeys(): Promise<number> {
      let total = 0;
      for (;;) {
        const deleted: unknown[] = await dataSource.query(
          `DELETE FROM idempotency_keys WHERE ctid IN (
             SELECT ctid FROM idempotency_keys
             WHERE coalesce(completed_at, created_at) < now() - make_interval(hours => $1)
             LIMIT $2)
           RETURNING 1`,
          [idempotencyKeyTtlHours, BATCH],
        );
        total += deleted.length;
        heartbeat(total);
        if (deleted.length < BATCH) return total;
      }
    },
  };
}

export type HousekeepingActivities = ReturnType<typeof createHousekeepingActivities>;
