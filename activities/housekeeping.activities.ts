import { Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { IdempotencyRepository } from '../persistence/repositories/idempotency.repository';

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
  const keys = new IdempotencyRepository(dataSource);
  return {
    /**
     * Deletes Idempotency-Key rows older than the TTL (answered ones by when they were answered, abandoned ones by
     * when they started), in batches so no long lock holds up the API. Returns how many went.
     */
    async purgeExpiredIdempotencyKeys(): Promise<number> {
      let total = 0;
      for (;;) {
        const deleted = await keys.purgeExpired(idempotencyKeyTtlHours, BATCH);
        total += deleted;
        heartbeat(total);
        if (deleted < BATCH) return total;
      }
    },
  };
}

export type HousekeepingActivities = ReturnType<typeof createHousekeepingActivities>;
