import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { CALENDAR_BROADCAST } from './activity-options';

const { signalCalendarToRunningIssues } =
  proxyActivities<Pick<Activities, 'signalCalendarToRunningIssues'>>(CALENDAR_BROADCAST);

/** The id of the broadcast: one at a time, a newer load replacing a broadcast still under way. */
export const CALENDAR_BROADCAST_WORKFLOW_ID = 'calendar-broadcast';

/** L9: a year's calendar was loaded; every running issue gets the calendar as it now stands (for the Temporal UI). */
export async function calendarBroadcast(
  input: { year: number; pageSize?: number } = { year: 0 },
): Promise<{ year: number; signalled: number; pages: number }> {
  const { signalled, pages } = await signalCalendarToRunningIssues({
    ...(input.pageSize ? { pageSize: input.pageSize } : {}),
  });
  return { year: input.year, signalled, pages };
}
