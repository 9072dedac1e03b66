import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import {
  monthlyDutyFindings,
  weeklyPatrolFindings,
  type ComplianceData,
  type ComplianceFinding,
  type ComplianceStage,
} from '../../domain/duties/patrols/compliance';
import type { DutyPolicy } from '../../domain/duties/duty-policy';
import { monthPeriod, PeriodIdError, weekPeriod, type Period } from '../../domain/duties/periods';
import { ComplianceRepository } from '../../persistence/repositories/compliance.repository';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import { OutboxRepository } from '../../persistence/repositories/outbox.repository';
import { writeDutyNotices } from './duty-notices';

export interface ComplianceRunInput {
  /** `2027-W10` for the weekly clock, `2027-03` for the monthly one. */
  periodId: string;
  stage: ComplianceStage;
  policy: DutyPolicy;
  ecoOffice: string;
  /** The workflow's time of the run (ISO): when the findings were found. */
  at: string;
}

export interface ComplianceRunResult {
  periodId: string;
  stage: ComplianceStage;
  /** Findings of this run, new or already recorded by an earlier run. */
  findings: number;
  /** Findings recorded by this run (an earlier run's findings are not recorded or notified again). */
  recorded: number;
  /** Outbox rows written. */
  notices: number;
}

/**
 * Records findings and, in the same transaction, puts the notice of each finding not recorded before in the
 * outbox: a clock that runs twice (a retried activity, an operator's second start) finds and notifies nothing twice.
 */
export async function recordFindings(
  tx: { compliance: ComplianceRepository; organisation: OrganisationRepository; outbox: OutboxRepository },
  findings: ComplianceFinding[],
  at: Date,
): Promise<{ recorded: number; notices: number }> {
  let recorded = 0;
  let notices = 0;
  for (const f of findings) {
    if (!(await tx.compliance.recordFinding(f, at))) continue;
    recorded += 1;
    notices += await writeDutyNotices(tx, [f.notice]);
  }
  return { recorded, notices };
}

function period(parse: (id: string) => Period, id: string): Period {
  try {
    return parse(id);
  } catch (error) {
    if (error instanceof PeriodIdError)
      throw ApplicationFailure.nonRetryable(error.message, 'InvalidPeriod', id);
    throw error;
  }
}

/** The compliance clocks' activities (P1, P2, P5): judge a period and record what falls short. */
export function createComplianceActivities({ dataSource }: { dataSource: DataSource }) {
  const compliance = new ComplianceRepository(dataSource);
  const organisation = new OrganisationRepository(dataSource);
  const outbox = new OutboxRepository(dataSource);
  const run = (
    input: ComplianceRunInput,
    judged: Period,
    evaluate: (data: ComplianceData) => ComplianceFinding[],
  ): Promise<ComplianceRunResult> =>
    dataSource.transaction(async (manager) => {
      const tx = {
        compliance: compliance.within(manager),
        organisation: organisation.within(manager),
        outbox: outbox.within(manager),
      };
      const findings = evaluate(await tx.compliance.periodData(judged));
      const { recorded, notices } = await recordFindings(tx, findings, new Date(input.at));
      return { periodId: judged.id, stage: input.stage, findings: findings.length, recorded, notices };
    });

  return {
    /** P1 weekly and P2: grids patrolled too rarely (reminder, notice) or never led by a head (notice). */
    evaluatePatrolWeek(input: ComplianceRunInput): Promise<ComplianceRunResult> {
      const week = period(weekPeriod, input.periodId);
      return run(input, week, (data) => weeklyPatrolFindings(data, week, input.stage, input.policy));
    },

    /** P1 monthly and P5: key points covered too rarely, units whose heads held too few consultations. */
    evaluateMonthlyDuties(input: ComplianceRunInput): Promise<ComplianceRunResult> {
      const month = period(monthPeriod, input.periodId);
      return run(input, month, (data) =>
        monthlyDutyFindings(data, month, input.stage, input.policy, input.ecoOffice),
      );
    },
  };
}
