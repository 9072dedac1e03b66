import {
  Client,
  type ConnectionLike,
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type ScheduleOptions,
  type ScheduleOptionsStartWorkflowAction,
} from '@temporalio/client';
import type { DutyCycleInput } from '../domain/duties/duty-schedules';
import { allSchedules, DUTY_TIME_ZONE, type DutyScheduleDefinition } from '../domain/duties/duty-schedules';
import type { DutyPolicy } from '../domain/duties/duty-policy';
import {
  annualReportRound,
  bulletinRound,
  housekeeping,
  monthlyDutyCompliance,
  monthlyReportRound,
  weeklyPatrolCompliance,
  weeklyReportRound,
} from '../workflows';

/** What every clock's workflow looks like: one period's cycle, started with the schedule's input. */
type DutyCycleWorkflow = (input?: DutyCycleInput) => Promise<unknown>;

/** The workflow function behind each definition's type name, so a changed input fails the build. */
const DUTY_WORKFLOWS = {
  weeklyPatrolCompliance,
  monthlyDutyCompliance,
  weeklyReportRound,
  monthlyReportRound,
  annualReportRound,
  bulletinRound,
  housekeeping,
} satisfies Record<DutyScheduleDefinition['workflowType'], DutyCycleWorkflow>;

const MONTHS = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;

/** The Temporal schedule options of one duty clock. */
export function scheduleOptions(
  definition: DutyScheduleDefinition,
  taskQueue: string,
): ScheduleOptions<ScheduleOptionsStartWorkflowAction<DutyCycleWorkflow>> {
  const { calendar } = definition;
  const args: [DutyCycleInput] = [{}];
  return {
    scheduleId: definition.id,
    spec: {
      calendars: [
        {
          ...(calendar.dayOfWeek ? { dayOfWeek: calendar.dayOfWeek } : {}),
          ...(calendar.month ? { month: MONTHS[calendar.month - 1] } : {}),
          ...(calendar.dayOfMonth ? { dayOfMonth: calendar.dayOfMonth } : {}),
          hour: calendar.hour,
          minute: calendar.minute,
        },
      ],
      timezone: DUTY_TIME_ZONE,
    },
    action: {
      type: 'startWorkflow',
      workflowType: DUTY_WORKFLOWS[definition.workflowType],
      workflowId: definition.id,
      taskQueue,
      args,
    },
    policies: {
      // A cycle runs past the start of the next one (a week's notices go out the Monday after it), and each run
      // works on its own period with idempotent writes: the next cycle must start regardless.
      overlap: ScheduleOverlapPolicy.ALLOW_ALL,
      // A server or worker down at the moment the clock fires still runs the cycle when it is back within a day.
      catchupWindow: '1 day',
    },
    memo: { rules: definition.rules.join(','), note: definition.note },
  };
}

/**
 * Creates the duty schedules and the daily housekeeping, or brings existing ones to this version's definition: every worker calls this at
 * start-up, so a deploy that changes a clock changes it once, and a second worker changes nothing.
 */
export async function ensureDutySchedules(
  connection: ConnectionLike,
  options: { namespace: string; taskQueue: string; policy?: DutyPolicy },
): Promise<string[]> {
  const client = new Client({ connection, namespace: options.namespace });
  const ids: string[] = [];
  // The policy's days (annualDraftOn, the bulletins' period) are the clocks' own: a changed policy moves them.
  for (const definition of allSchedules(options.policy)) {
    const wanted = scheduleOptions(definition, options.taskQueue);
    try {
      await client.schedule.create(wanted);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.schedule.getHandle(definition.id).update((previous) => ({
        ...previous,
        spec: wanted.spec,
        action: wanted.action,
        policies: { ...previous.policies, ...wanted.policies },
      }));
    }
    ids.push(definition.id);
  }
  return ids;
}
