import { ApplicationFailure, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ComplianceRunResult } from '../../activities/duties/compliance.activities';
import type { DutyCycleInput } from '../../domain/duties/duty-schedules';
import { shanghaiParts } from '../../domain/duties/periods';
import { workPlanClock } from '../../domain/duties/work-plans/work-plans';
import { COMPLIANCE_RUNS, SETTINGS_READS } from '../activity-options';

const { dutySettings } = proxyActivities<Pick<Activities, 'dutySettings'>>(SETTINGS_READS);
const { evaluateWorkPlans } = proxyActivities<Pick<Activities, 'evaluateWorkPlans'>>(COMPLIANCE_RUNS);

/** What one run of the work-plan clock did; `reminder` is null when the run started after the due day. */
export interface WorkPlanCycleResult {
  year: number;
  reminder: ComplianceRunResult | null;
  notice: ComplianceRunResult;
}

async function sleepUntil(instant: Date): Promise<void> {
  const wait = instant.getTime() - Date.now();
  if (wait > 0) await sleep(wait);
}

function yearOf(input: DutyCycleInput): number {
  if (!input.periodId) return shanghaiParts(Date.now()).year;
  // A mistyped year from an operator fails the run at once instead of retrying a workflow task forever.
  if (!/^\d{4}$/.test(input.periodId))
    throw ApplicationFailure.nonRetryable(
      `"${input.periodId}" is not a year`,
      'InvalidPeriod',
      input.periodId,
    );
  return Number(input.periodId);
}

/**
 * R3 (schedule `duty-annual-work-plans`, January 1 00:20 Shanghai): days before the year's plans are due, the
 * heads of each department (and the park) whose 网格监管工作方案 is missing are reminded; after the due day (+ grace)
 * each unit still missing it is notified to its head and to 县环委办. The activity is idempotent per unit and stage.
 */
export async function annualWorkPlanCompliance(input: DutyCycleInput = {}): Promise<WorkPlanCycleResult> {
  const { policy, ecoOffice } = await dutySettings();
  const year = yearOf(input);
  const clock = workPlanClock(year, policy);
  const evaluate = (stage: 'reminder' | 'notice') =>
    evaluateWorkPlans({ periodId: String(year), stage, policy, ecoOffice, at: new Date().toISOString() });
  let reminder: ComplianceRunResult | null = null;
  if (Date.now() < clock.judgeAt.getTime() - policy.recordGraceHours * 3600_000) {
    await sleepUntil(clock.reminderAt);
    reminder = await evaluate('reminder');
  }
  await sleepUntil(clock.judgeAt);
  return { year, reminder, notice: await evaluate('notice') };
}
