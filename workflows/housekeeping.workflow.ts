import { proxyActivities } from '@temporalio/workflow';
import type { HousekeepingActivities } from '../activities/housekeeping.activities';
import type { DutyCycleInput } from '../domain/duties/duty-schedules';

const { purgeExpiredIdempotencyKeys } = proxyActivities<HousekeepingActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** The daily clean-up (schedule `duty-housekeeping`): what it removed, for the Temporal UI. */
export async function housekeeping(_input: DutyCycleInput = {}): Promise<{ idempotencyKeys: number }> {
  return { idempotencyKeys: await purgeExpiredIdempotencyKeys() };
}
