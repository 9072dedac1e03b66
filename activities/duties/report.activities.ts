import { ApplicationFailure } from '@temporalio/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DUTY_UNIT_KINDS, type DutyPolicy } from '../../domain/duties/duty-policy';
import type { DutyNotice } from '../../domain/duties/duty-notices';
import { parsePeriod, PeriodIdError, shiftPeriod, weekOf, type Period } from '../../domain/duties/periods';
import {
  bulletinReportKinds,
  draftAnnualCounty,
  draftAnnualSelfAssessment,
  draftBulletin,
  draftDualDispatch,
  draftMonthlySummary,
  draftRiskWarning,
  draftWeekly,
  type AnnualRecords,
  type GridRecord,
  type IssueRecord,
  type PatrolRecord,
  type ReportContent,
  type ReportRecord,
  type ReportUnit,
} from '../../domain/duties/reports/report-content';
import {
  reportPeriod,
  type DutyReportKind,
  type ReportApproval,
  type ReportContentBase,
} from '../../domain/duties/reports/reports';
import type { Severity } from '../../domain/issue/issue.types';
import { isoOrNull as iso } from '../../persistence/returning';
import { writeDutyNotices } from './duty-notices';
import { dutyPolicyFromEnv } from './duty-settings.activities';
import { enqueuePrefectureSubmission } from './prefecture-submissions';

export interface DraftReportInput {
  kind: DutyReportKind;
  unit: string;
  period: string;
  /** Workflow time of the drafting (ISO): "now" for overdue and close-to-deadline lists. */
  asOf: string;
  ecoOffice: string;
}

/** How a step changes the report's row; every change only moves the row forward. */
export type ReportStepChange =
  | { type: 'content'; content: ReportContentBase; contentHash: string; revision: number }
  | {
      type: 'approved';
      content: ReportContentBase;
      contentHash: string;
      revision: number;
      approval: ReportApproval;
      onTime: boolean;
    }
  | { type: 'late'; at: string }
  | { type: 'chased'; chased: number }
  | { type: 'none' };

export interface ReportStepInput {
  report: {
    id: string;
    kind: DutyReportKind;
    unit: string;
    period: string;
    dueAt: string | null;
    workflowId: string;
  };
  /** Appended to `duty_report_events`; its id (workflow id + step) makes the step idempotent. */
  event: { id: string; type: string; actor: string | null; at: string; payload: Record<string, unknown> };
  change: ReportStepChange;
  notices: DutyNotice[];
}

export interface ReportActivityDeps {
  dataSource: DataSource;
  /** Where `DUTY_POLICY` is read when a draft needs the policy (the risk list's near-deadline days). */
  env?: NodeJS.ProcessEnv;
}

interface IssueRow {
  code: string;
  title: string;
  category_name: string;
  severity: Severity;
  source: string;
  township_name: string;
  status: string;
  finder_unit: string;
  finder_unit_name: string;
  sector_owner: string;
  sector_owner_name: string;
  territorial_owner: string;
  reported_at: Date;
  updated_at: Date;
  deadline: Date | null;
  overdue: boolean;
  escalation_level: number;
  county_supervision: boolean;
  accountability_flagged: boolean;
  roles: string[] | null;
  opened_at: Date | null;
  closed_at: Date | null;
}

function toIssue(row: IssueRow): IssueRecord {
  return {
    code: row.code,
    title: row.title,
    categoryName: row.category_name,
    severity: row.severity,
    source: row.source,
    townshipName: row.township_name,
    status: row.status,
    finderUnit: row.finder_unit,
    finderUnitName: row.finder_unit_name,
    sectorOwner: row.sector_owner,
    sectorOwnerName: row.sector_owner_name,
    territorialOwner: row.territorial_owner,
    reportedAt: row.reported_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    deadline: iso(row.deadline),
    overdue: row.overdue,
    escalationLevel: row.escalation_level,
    countySupervision: row.county_supervision,
    accountabilityFlagged: row.accountability_flagged,
    roles: row.roles ?? [],
    openedAt: iso(row.opened_at),
    closedAt: iso(row.closed_at),
  };
}

const ISSUE_COLUMNS = `i.code, i.title, coalesce(c.name, i.category) AS category_name, i.severity, i.source,
  coalesce(t.name, i.township) AS township_name, i.status, i.finder_unit, coalesce(f.name, i.finder_unit) AS finder_unit_name,
  i.sector_owner, coalesce(s.name, i.sector_owner) AS sector_owner_name, i.territorial_owner, i.reported_at, i.updated_at,
  i.deadline, i.overdue, i.escalation_level, i.county_supervision, i.accountability_flagged`;
const ISSUE_JOINS = `LEFT JOIN responsibility_categories c ON c.code = i.category
  LEFT JOIN units t ON t.code = i.township LEFT JOIN units f ON f.code = i.finder_unit
  LEFT JOIN units s ON s.code = i.sector_owner`;
const CLOSED_STATES = `('closed','archived')`;

/** Reads the records a report is drafted from. */
class ReportRecords {
  constructor(private readonly db: EntityManager | DataSource) {}

  async unit(code: string): Promise<ReportUnit> {
    const [row] = await this.db.query<ReportUnit[]>(`SELECT code, name, kind FROM units WHERE code = $1`, [
      code,
    ]);
    // A report of a unit that is not in the organisation was started by mistake: retrying cannot mend it.
    if (!row)
      throw ApplicationFailure.nonRetryable(`${code} is not a unit of the organisation`, 'UnknownUnit');
    return row;
  }

  reportingUnits(): Promise<ReportUnit[]> {
    return this.db.query<ReportUnit[]>(
      `SELECT code, name, kind FROM units WHERE kind = ANY($1) ORDER BY code`,
      [DUTY_UNIT_KINDS],
    );
  }

  /** The unit's grids (分片 are parts of a village grid, not grids of their own) that existed in the period. */
  grids(unit: string, period: Period): Promise<GridRecord[]> {
    return this.db.query<GridRecord[]>(
      `SELECT code, name FROM grids WHERE unit_code = $1 AND kind <> 'sub_area' AND created_at < $2 ORDER BY code`,
      [unit, period.end],
    );
  }

  allGrids(period: Period): Promise<Array<GridRecord & { unitCode: string }>> {
    return this.db.query(
      `SELECT code, name, unit_code AS "unitCode" FROM grids WHERE kind <> 'sub_area' AND created_at < $1 ORDER BY code`,
      [period.end],
    );
  }

  /** Patrols that started in the period, of one unit or of all. */
  async patrols(unit: string | null, period: Period): Promise<PatrolRecord[]> {
    const rows = await this.db.query<
      Array<{
        id: string;
        unit_code: string;
        grid_code: string;
        grid_name: string;
        led_by_name: string | null;
        led_by: string;
        started_at: Date;
        methods: string[];
        key_point_ids: string[];
        points: Array<{ name?: string }>;
        issue_codes: string[];
        notes: string;
      }>
    >(
      `SELECT p.id, p.unit_code, p.grid_code, g.name AS grid_name, m.name AS led_by_name, p.led_by, p.started_at,
         p.methods, p.key_point_ids, p.points, p.issue_codes, p.notes
       FROM patrols p JOIN grids g ON g.code = p.grid_code LEFT JOIN members m ON m.id = p.led_by
       WHERE ($1::text IS NULL OR p.unit_code = $1) AND p.started_at >= $2 AND p.started_at < $3
       ORDER BY p.started_at, p.id`,
      [unit, period.start, period.end],
    );
    const pointIds = [...new Set(rows.flatMap((r) => r.key_point_ids))];
    const names = new Map(
      (pointIds.length
        ? await this.db.query<Array<{ id: string; name: string }>>(
            `SELECT id, name FROM key_points WHERE id = ANY($1)`,
            [pointIds],
          )
        : []
      ).map((k) => [k.id, k.name]),
    );
    return rows.map((r) => ({
      id: r.id,
      unitCode: r.unit_code,
      gridCode: r.grid_code,
      gridName: r.grid_name,
      ledByName: r.led_by_name ?? r.led_by,
      startedAt: r.started_at.toISOString(),
      methods: r.methods,
      keyPoints: r.key_point_ids.map((id) => ({ id, name: names.get(id) ?? id })),
      points: (Array.isArray(r.points) ? r.points : []).map((p) => p.name ?? '').filter(Boolean),
      issueCodes: r.issue_codes,
      notes: r.notes,
    }));
  }

  /**
   * The unit's ledger (问题台账, L2/L6) restricted to issues open at some time in the period or changed in it;
   * without a period, the issues still open in the unit's ledger.
   */
  async ledger(unit: string, period: Period | null): Promise<IssueRecord[]> {
    const rows = await this.db.query<IssueRow[]>(
      `SELECT ${ISSUE_COLUMNS}, l.roles, l.opened_at, l.closed_at
       FROM (SELECT issue_code, array_agg(role::text ORDER BY role) AS roles, min(opened_at) AS opened_at,
               CASE WHEN bool_or(closed_at IS NULL) THEN NULL ELSE max(closed_at) END AS closed_at
             FROM ledger_entries WHERE unit_code = $1 GROUP BY issue_code) l
       JOIN issues i ON i.code = l.issue_code ${ISSUE_JOINS}
       WHERE CASE WHEN $2::timestamptz IS NULL THEN l.closed_at IS NULL
         ELSE l.opened_at < $3 AND (l.closed_at IS NULL OR l.closed_at >= $2 OR (i.updated_at >= $2 AND i.updated_at < $3))
       END
       ORDER BY i.code`,
      [unit, period?.start ?? null, period?.end ?? null],
    );
    return rows.map(toIssue);
  }

  /** County-wide issues reported in the period. */
  async issuesReported(period: Period): Promise<IssueRecord[]> {
    const rows = await this.db.query<IssueRow[]>(
      `SELECT ${ISSUE_COLUMNS}, NULL AS roles, NULL AS opened_at, NULL AS closed_at FROM issues i ${ISSUE_JOINS}
       WHERE i.reported_at >= $1 AND i.reported_at < $2 ORDER BY i.code`,
      [period.start, period.end],
    );
    return rows.map(toIssue);
  }

  /** County-wide open issues that are overdue or on the escalation ladder (L10). */
  async issuesEscalated(): Promise<IssueRecord[]> {
    const rows = await this.db.query<IssueRow[]>(
      `SELECT ${ISSUE_COLUMNS}, NULL AS roles, NULL AS opened_at, NULL AS closed_at FROM issues i ${ISSUE_JOINS}
       WHERE i.status NOT IN ${CLOSED_STATES} AND (i.overdue OR i.escalation_level > 0 OR i.county_supervision)
       ORDER BY i.code`,
    );
    return rows.map(toIssue);
  }

  async closures(period: Period): Promise<Array<{ issueCode: string; unitCode: string }>> {
    return this.db.query(
      `SELECT issue_code AS "issueCode", unit_code AS "unitCode" FROM ledger_entries
       WHERE closed_at >= $1 AND closed_at < $2 ORDER BY issue_code, unit_code`,
      [period.start, period.end],
    );
  }

  async reports(kinds: DutyReportKind[], periods: string[], unit: string | null): Promise<ReportRecord[]> {
    const rows = await this.db.query<
      Array<{
        kind: DutyReportKind;
        unit_code: string;
        period: string;
        status: 'draft' | 'submitted';
        on_time: boolean | null;
        due_at: Date | null;
        submitted_at: Date | null;
      }>
    >(
      `SELECT kind, unit_code, period, status, on_time, due_at, submitted_at FROM duty_reports
       WHERE kind = ANY($1) AND period = ANY($2) AND ($3::text IS NULL OR unit_code = $3) ORDER BY id`,
      [kinds, periods, unit],
    );
    return rows.map((r) => ({
      kind: r.kind,
      unitCode: r.unit_code,
      period: r.period,
      status: r.status,
      onTime: r.on_time,
      dueAt: iso(r.due_at),
      submittedAt: iso(r.submitted_at),
    }));
  }

  async annual(unit: ReportUnit, year: Period): Promise<AnnualRecords> {
    const [grids, patrols, ledger, consultations, weeklyReports] = await Promise.all([
      this.grids(unit.code, year),
      this.patrols(unit.code, year),
      this.ledger(unit.code, year),
      this.db.query<Array<{ unitCode: string; heldAt: Date }>>(
        `SELECT unit_code AS "unitCode", held_at AS "heldAt" FROM consultations
         WHERE unit_code = $1 AND held_at >= $2 AND held_at < $3`,
        [unit.code, year.start, year.end],
      ),
      this.reports(['weekly'], weeksOfYear(year), unit.code),
    ]);
    return {
      unit,
      grids,
      patrols,
      ledger,
      consultations: consultations.map((c) => ({ unitCode: c.unitCode, heldAt: c.heldAt.toISOString() })),
      weeklyReports,
    };
  }
}

/** The ids of the weeks whose Monday falls in a year: the weekly reports that year asks for. */
function weeksOfYear(year: Period): string[] {
  const ids: string[] = [];
  let week = weekOf(year.start);
  if (week.start.getTime() < year.start.getTime()) week = shiftPeriod(week, 1);
  while (week.start.getTime() < year.end.getTime()) {
    ids.push(week.id);
    week = shiftPeriod(week, 1);
  }
  return ids;
}

/** A unit's grids, patrols and ledger of one period: what its weekly report and monthly summary are drafted from. */
async function unitPeriodRecords(records: ReportRecords, unitCode: string, period: Period) {
  const unit = await records.unit(unitCode);
  const [grids, patrols, ledger] = await Promise.all([
    records.grids(unit.code, period),
    records.patrols(unit.code, period),
    records.ledger(unit.code, period),
  ]);
  return { unit, grids, patrols, ledger };
}

/** Drafts a report's content from the records as they are now. */
async function draftContent(
  records: ReportRecords,
  input: DraftReportInput,
  policy: () => DutyPolicy,
): Promise<ReportContent> {
  let period: Period;
  try {
    period = reportPeriod(input.kind, input.period);
  } catch (error) {
    if (error instanceof PeriodIdError)
      throw ApplicationFailure.nonRetryable(error.message, 'PeriodIdInvalid');
    throw error;
  }
  const asOf = Date.parse(input.asOf);
  switch (input.kind) {
    case 'weekly':
      return draftWeekly(period, await unitPeriodRecords(records, input.unit, period));
    case 'monthly_summary':
      return draftMonthlySummary(period, await unitPeriodRecords(records, input.unit, period));
    case 'risk_warning': {
      const unit = await records.unit(input.unit);
      return draftRiskWarning(
        period,
        { unit, openIssues: await records.ledger(unit.code, null) },
        asOf,
        policy().riskNearDeadlineDays,
      );
    }
    case 'dual_dispatch':
      return draftDualDispatch(period, await records.unit(input.unit), await records.issuesReported(period));
    case 'annual_self_assessment': {
      const unit = await records.unit(input.unit);
      return draftAnnualSelfAssessment(period, await records.annual(unit, period), asOf);
    }
    case 'annual_county': {
      const office = await records.unit(input.unit);
      const units = await records.reportingUnits();
      const assessments = await records.reports(['annual_self_assessment'], [period.id], null);
      const perUnit = [];
      for (const unit of units) {
        perUnit.push({
          ...(await records.annual(unit, period)),
          selfAssessment: assessments.find((r) => r.unitCode === unit.code) ?? null,
        });
      }
      return draftAnnualCounty(period, office, perUnit, asOf);
    }
    case 'bulletin': {
      const [office, units, grids, patrols, reports, issuesFound, closures, escalated] = await Promise.all([
        records.unit(input.unit),
        records.reportingUnits(),
        records.allGrids(period),
        records.patrols(null, period),
        records.reports(bulletinReportKinds(period), [period.id], null),
        records.issuesReported(period),
        records.closures(period),
        records.issuesEscalated(),
      ]);
      return draftBulletin(
        period,
        { office, units, grids, patrols, reports, issuesFound, closures, escalated },
        asOf,
      );
    }
  }
}

/**
 * Activities of the units' reports (P3, P4, P6, P8). Drafting only reads; recording a step appends its event,
 * moves the report's row forward and puts its notices in the outbox, in one transaction, keyed by the event id.
 */
export function createReportActivities({ dataSource, env = process.env }: ReportActivityDeps) {
  return {
    /** The units that report: departments, townships and the park (not villages, 县环委办 or the government). */
    reportingUnits(): Promise<ReportUnit[]> {
      return new ReportRecords(dataSource).reportingUnits();
    },

    draftDutyReport(input: DraftReportInput): Promise<ReportContent> {
      return draftContent(new ReportRecords(dataSource), input, () => dutyPolicyFromEnv(env));
    },

    async recordDutyReportStep({
      report,
      event,
      change,
      notices,
    }: ReportStepInput): Promise<{ written: boolean }> {
      return dataSource.transaction(async (manager) => {
        const at = event.at;
        if (change.type === 'content') {
          const period = parsePeriod(report.period);
          await manager.query(
            `INSERT INTO duty_reports (id, kind, unit_code, period, period_start, period_end, due_at, status, content,
               content_hash, revision, workflow_id, created_at, updated_at)
             VALUES ($1,$2,$3,$4,$5,$6,$7,'draft',$8,$9,$10,$11,$12,$12)
             ON CONFLICT (id) DO UPDATE SET content = EXCLUDED.content, content_hash = EXCLUDED.content_hash,
               revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at
             WHERE duty_reports.status = 'draft' AND duty_reports.revision < EXCLUDED.revision`,
            [
              report.id,
              report.kind,
              report.unit,
              report.period,
              period.start,
              period.end,
              report.dueAt,
              JSON.stringify(change.content),
              change.contentHash,
              change.revision,
              report.workflowId,
              at,
            ],
          );
        } else if (change.type === 'approved') {
          const a = change.approval;
          await manager.query(
            `UPDATE duty_reports SET status = 'submitted', content = $2, content_hash = $3, revision = $4,
               approved_by = $5, approved_by_name = $6, approved_at = $7, seal_hash = $8, submitted_at = $7,
               on_time = $9, updated_at = $7
             WHERE id = $1 AND status = 'draft'`,
            [
              report.id,
              JSON.stringify(change.content),
              change.contentHash,
              change.revision,
              a.approverId,
              a.approverName,
              a.approvedAt,
              a.sealHash,
              change.onTime,
            ],
          );
          await enqueuePrefectureSubmission(manager, report, a);
        } else if (change.type === 'late') {
          await manager.query(
            `UPDATE duty_reports SET late_marked_at = coalesce(late_marked_at, $2),
               updated_at = greatest(updated_at, $2) WHERE id = $1`,
            [report.id, change.at],
          );
        } else if (change.type === 'chased') {
          await manager.query(
            `UPDATE duty_reports SET chased = greatest(chased, $2), updated_at = greatest(updated_at, $3)
             WHERE id = $1`,
            [report.id, change.chased, at],
          );
        }
        const inserted: unknown[] = await manager.query(
          `INSERT INTO duty_report_events (id, report_id, type, actor, at, payload)
           VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [event.id.slice(0, 200), report.id, event.type, event.actor, at, event.payload],
        );
        await writeDutyNotices(manager, notices);
        return { written: inserted.length > 0 };
      });
    },
  };
}

export type ReportActivities = ReturnType<typeof createReportActivities>;
