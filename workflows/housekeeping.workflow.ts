import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DutyCycleInput } from '../domain/duties/duty-schedules';
import { HOUSEKEEPING } from './activity-options';

const { purgeExpiredIdempotencyKeys } =
  proxyActivities<Pick<Activities, 'purgeExpiredIdempotencyKeys'>>(HOUSEKEEPING);

/** The daily clean-up (schedule `duty-housekeeping`): what it removed, for the Temporal UI. */
export async function housekeeping(_input: DutyCycleInput = {}): Promise<{ idempotencyKeys: number }> {
  return { idempotencyKeys: await purgeExpiredIdempotencyKeys() };
}
