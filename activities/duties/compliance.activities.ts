import { ApplicationFailure } from '@temporalio/common';
import type { DataSource, EntityManager } from 'typeorm';
import {
  monthlyDutyFindings,
  weeklyPatrolFindings,
  type ComplianceData,
  type ComplianceFinding,
  type ComplianceStage,
} from '../../domain/duties/patrols/compliance';
import type { DutyPolicy } from '../../domain/duties/duty-policy';
import { monthPeriod, PeriodIdError, weekPeriod, type Period } from '../../domain/duties/periods';
import type { MemberRole } from '../../domain/organisation/roles';
import type { GridKind, OrganisationUnitKind } from '../../domain/organisation/organisation.types';
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

/** The organisation and the records of one period, as the compliance rules read them. */
export async function loadComplianceData(manager: EntityManager, period: Period): Promise<ComplianceData> {
  const range = [period.start.toISOString(), period.end.toISOString()];
  // One after the other: inside a transaction they share one connection.
  const units = await manager.query<Array<{ code: string; name: string; kind: OrganisationUnitKind }>>(
    `SELECT code, name, kind FROM units ORDER BY code`,
  );
  const grids = await manager.query<
    Array<{
      code: string;
      name: string;
      unit_code: string;
      kind: GridKind;
      parent_grid_code: string | null;
      created_at: Date;
    }>
  >(`SELECT code, name, unit_code, kind, parent_grid_code, created_at FROM grids ORDER BY code`);
  const keyPoints = await manager.query<
    Array<{ id: string; name: string; grid_code: string; created_at: Date }>
  >(`SELECT id, name, grid_code, created_at FROM key_points ORDER BY id`);
  // Inactive members too: whoever led a patrol then still led it.
  const members = await manager.query<
    Array<{ id: string; unit_code: string; grid_code: string | null; roles: MemberRole[]; active: boolean }>
  >(`SELECT id, unit_code, grid_code, roles, active FROM members ORDER BY id`);
  const patrols = await manager.query<
    Array<{ id: string; grid_code: string; led_by: string; started_at: Date; key_point_ids: string[] }>
  >(
    `SELECT id, grid_code, led_by, started_at, key_point_ids FROM patrols
     WHERE started_at >= $1 AND started_at < $2 ORDER BY started_at, id`,
    range,
  );
  const consultations = await manager.query<Array<{ id: string; unit_code: string; held_at: Date }>>(
    `SELECT id, unit_code, held_at FROM consultations WHERE held_at >= $1 AND held_at < $2 ORDER BY held_at, id`,
    range,
  );
  return {
    units,
    grids: grids.map((g) => ({
      code: g.code,
      name: g.name,
      unitCode: g.unit_code,
      kind: g.kind,
      parentGridCode: g.parent_grid_code,
      createdAt: g.created_at.toISOString(),
    })),
    keyPoints: keyPoints.map((k) => ({
      id: k.id,
      name: k.name,
      gridCode: k.grid_code,
      createdAt: k.created_at.toISOString(),
    })),
    members: members.map((m) => ({
      id: m.id,
      unitCode: m.unit_code,
      gridCode: m.grid_code,
      roles: m.roles,
      active: m.active,
    })),
    patrols: patrols.map((p) => ({
      id: p.id,
      gridCode: p.grid_code,
      ledBy: p.led_by,
      startedAt: p.started_at.toISOString(),
      keyPointIds: p.key_point_ids,
    })),
    consultations: consultations.map((c) => ({
      id: c.id,
      unitCode: c.unit_code,
      heldAt: c.held_at.toISOString(),
    })),
  };
}

/**
 * Records findings and, in the same transaction, puts the notice of each finding not recorded before in the
 * outbox: a clock that runs twice (a retried activity, an operator's second start) finds and notifies nothing twice.
 */
export async function recordFindings(
  manager: EntityManager,
  findings: ComplianceFinding[],
  at: Date,
): Promise<{ recorded: number; notices: number }> {
  let recorded = 0;
  let notices = 0;
  for (const f of findings) {
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO compliance_findings (id, rule, period, unit_code, grid_code, subject, stage, detail, found_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [f.id, f.rule, f.period, f.unitCode, f.gridCode, f.subject, f.stage, JSON.stringify(f.detail), at],
    );
    if (inserted.length === 0) continue;
    recorded += 1;
    notices += await writeDutyNotices(manager, [f.notice]);
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
  const run = (
    input: ComplianceRunInput,
    judged: Period,
    evaluate: (data: ComplianceData) => ComplianceFinding[],
  ): Promise<ComplianceRunResult> =>
    dataSource.transaction(async (manager) => {
      const findings = evaluate(await loadComplianceData(manager, judged));
      const { recorded, notices } = await recordFindings(manager, findings, new Date(input.at));
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
