import { ApplicationFailure, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ComplianceRunResult } from '../../activities/duties/compliance.activities';
import {
  monthlyDutyClock,
  weeklyPatrolClock,
  type ComplianceStage,
} from '../../domain/duties/patrols/compliance';
import type { DutyCycleInput } from '../../domain/duties/duty-schedules';
import {
  monthOf,
  monthPeriod,
  PeriodIdError,
  weekOf,
  weekPeriod,
  type Period,
} from '../../domain/duties/periods';
import { COMPLIANCE_RUNS, SETTINGS_READS } from '../activity-options';

const { dutySettings } = proxyActivities<Pick<Activities, 'dutySettings'>>(SETTINGS_READS);

const { evaluatePatrolWeek, evaluateMonthlyDuties } =
  proxyActivities<Pick<Activities, 'evaluatePatrolWeek' | 'evaluateMonthlyDuties'>>(COMPLIANCE_RUNS);

/** What one run of a compliance clock did; `reminder` is null when the run started after its period ended. */
export interface ComplianceCycleResult {
  periodId: string;
  reminder: ComplianceRunResult | null;
  notice: ComplianceRunResult;
}

async function sleepUntil(instant: Date): Promise<void> {
  const wait = instant.getTime() - Date.now();
  if (wait > 0) await sleep(wait);
}

/** The period named by the input, or the one the workflow's start time falls in. */
function periodOf(input: DutyCycleInput, parse: (id: string) => Period, of: (ms: number) => Period): Period {
  if (!input.periodId) return of(Date.now());
  try {
    return parse(input.periodId);
  } catch (error) {
    // A mistyped period from an operator fails the run at once instead of retrying a workflow task forever.
    if (error instanceof PeriodIdError)
      throw ApplicationFailure.nonRetryable(error.message, 'InvalidPeriod', input.periodId);
    throw error;
  }
}

/**
 * One period of a compliance clock: remind at the reminder time while the period still runs, then judge it once
 * its records are in (end + grace). The activities are idempotent, so a second run of the same period adds nothing.
 */
async function complianceCycle(
  period: Period,
  clock: { reminderAt: Date; judgeAt: Date },
  evaluate: (stage: ComplianceStage) => Promise<ComplianceRunResult>,
): Promise<ComplianceCycleResult> {
  let reminder: ComplianceRunResult | null = null;
  if (Date.now() < period.end.getTime()) {
    await sleepUntil(clock.reminderAt);
    reminder = await evaluate('reminder');
  }
  await sleepUntil(clock.judgeAt);
  const notice = await evaluate('notice');
  return { periodId: period.id, reminder, notice };
}

/**
 * P1 weekly and P2 (schedule `duty-weekly-patrols`, Monday 00:01 Shanghai): on the policy's reminder day, grids
 * not yet patrolled enough are reminded; after the week (+ grace) the heads of grids patrolled too rarely, or
 * never under a head's lead, are notified.
 */
export async function weeklyPatrolCompliance(input: DutyCycleInput = {}): Promise<ComplianceCycleResult> {
  const { policy, ecoOffice } = await dutySettings();
  const week = periodOf(input, weekPeriod, weekOf);
  return complianceCycle(week, weeklyPatrolClock(week, policy), (stage) =>
    evaluatePatrolWeek({ periodId: week.id, stage, policy, ecoOffice, at: new Date().toISOString() }),
  );
}

/**
 * P1 monthly and P5 (schedule `duty-monthly-coverage`, the 1st 00:02 Shanghai): days before the month ends, key
 * points covered too rarely and units without their consultation are reminded; after the month (+ grace) the
 * heads, and for consultations 县环委办, are notified.
 */
export async function monthlyDutyCompliance(input: DutyCycleInput = {}): Promise<ComplianceCycleResult> {
  const { policy, ecoOffice } = await dutySettings();
  const month = periodOf(input, monthPeriod, monthOf);
  return complianceCycle(month, monthlyDutyClock(month, policy), (stage) =>
    evaluateMonthlyDuties({ periodId: month.id, stage, policy, ecoOffice, at: new Date().toISOString() }),
  );
}
