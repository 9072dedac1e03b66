import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  ApplicationFailure,
  ChildWorkflowCancellationType,
  ParentClosePolicy,
  proxyActivities,
  patched,
  startChild,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { DutyCycleInput } from '../../domain/duties/duty-schedules';
import type { Period } from '../../domain/duties/periods';
import { dutyReportStaticSummary } from '../../domain/duties/reports/report-operator-view';
import { PeriodIdError } from '../../domain/duties/periods';
import {
  annualRoundPeriod,
  bulletinRoundPeriod,
  dutyReportInput,
  dutyReportWorkflowId,
  monthlyRoundPeriod,
  reportPeriod,
  weeklyRoundPeriod,
  type DutyReportInput,
  type DutyReportKind,
} from '../../domain/duties/reports/reports';
import { REPORTS } from '../activity-options';
import { dutyReport } from './duty-report.workflow';

const { dutySettings, reportingUnits } =
  proxyActivities<Pick<Activities, 'dutySettings' | 'reportingUnits'>>(REPORTS);

/** What a round did: the reports it started, and those that already existed (a round run twice). */
export interface ReportRoundResult {
  period: string;
  started: string[];
  existing: string[];
}

/** The period a round works on: the one given by an operator, or the one its start time implies. */
function roundPeriod(kind: DutyReportKind, input: DutyCycleInput, implied: (now: number) => Period): Period {
  if (!input?.periodId) return implied(Date.now());
  try {
    return reportPeriod(kind, input.periodId);
  } catch (error) {
    if (error instanceof PeriodIdError)
      throw ApplicationFailure.nonRetryable(error.message, 'PeriodIdInvalid');
    throw error;
  }
}

/**
 * Starts one report workflow per input, under its business id. The children are abandoned, not awaited: a report
 * lives until it is submitted (weeks, when it is chased), and a round that waited for them would make the
 * schedule (overlap SKIP) skip the next period's round. An id that exists already is left alone, so a round that
 * runs twice starts nothing twice.
 */
async function startReports(period: string, inputs: DutyReportInput[]): Promise<ReportRoundResult> {
  // Rounds from before the operators' view replay without the reports' summaries.
  const labelled = patched('report-round-operator-view');
  const outcomes = await Promise.all(
    inputs.map(async (input) => {
      const workflowId = dutyReportWorkflowId(input.kind, input.unit, input.period);
      try {
        await startChild(dutyReport, {
          workflowId,
          args: [input],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          cancellationType: ChildWorkflowCancellationType.ABANDON,
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          ...(labelled ? { staticSummary: dutyReportStaticSummary(input) } : {}),
        });
        return { workflowId, started: true };
      } catch (error) {
        if (error instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, started: false };
        throw error;
      }
    }),
  );
  return {
    period,
    started: outcomes.filter((o) => o.started).map((o) => o.workflowId),
    existing: outcomes.filter((o) => !o.started).map((o) => o.workflowId),
  };
}

/** P3, Monday 00:05: the weekly report of last week for every department, township and the park. */
export async function weeklyReportRound(input: DutyCycleInput = {}): Promise<ReportRoundResult> {
  const week = roundPeriod('weekly', input, weeklyRoundPeriod);
  const { policy, ecoOffice } = await dutySettings();
  const units = await reportingUnits();
  return startReports(
    week.id,
    units.map((u) => dutyReportInput('weekly', u.code, week, policy, ecoOffice)),
  );
}

/** P4, the 1st: last month's summary and risk-warning list per unit, and 县环委办's "双调度" report. */
export async function monthlyReportRound(input: DutyCycleInput = {}): Promise<ReportRoundResult> {
  const month = roundPeriod('monthly_summary', input, monthlyRoundPeriod);
  const { policy, ecoOffice } = await dutySettings();
  const units = await reportingUnits();
  return startReports(month.id, [
    ...units.flatMap((u) =>
      (['monthly_summary', 'risk_warning'] as const).map((kind) =>
        dutyReportInput(kind, u.code, month, policy, ecoOffice),
      ),
    ),
    dutyReportInput('dual_dispatch', ecoOffice, month, policy, ecoOffice),
  ]);
}

/** P6, November 20: this year's self-assessments (due Dec 10) and the county report by 县环委办 (due Dec 20). */
export async function annualReportRound(input: DutyCycleInput = {}): Promise<ReportRoundResult> {
  const year = roundPeriod('annual_self_assessment', input, annualRoundPeriod);
  const { policy, ecoOffice } = await dutySettings();
  const units = await reportingUnits();
  return startReports(year.id, [
    ...units.map((u) => dutyReportInput('annual_self_assessment', u.code, year, policy, ecoOffice)),
    dutyReportInput('annual_county', ecoOffice, year, policy, ecoOffice),
  ]);
}

/**
 * P8, on the policy's day: the bulletin of the last week or month ("定期形成情况通报"), drafted for 县环委办 from all
 * units' reports and records; its head approves it, and the sealed bulletin goes to the county leadership. A
 * bulletin 县环委办 already compiled by hand for that period is left as it is.
 */
export async function bulletinRound(input: DutyCycleInput = {}): Promise<ReportRoundResult> {
  const { policy, ecoOffice } = await dutySettings();
  const period = roundPeriod('bulletin', input, (now) => bulletinRoundPeriod(now, policy.bulletinPeriod));
  return startReports(period.id, [dutyReportInput('bulletin', ecoOffice, period, policy, ecoOffice)]);
}
