import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
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
  type OpinionRecord,
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
import { ConsultationRepository } from '../../persistence/repositories/consultation.repository';
import { DutyReportRepository } from '../../persistence/repositories/duty-report.repository';
import { IssueRepository } from '../../persistence/repositories/issue.repository';
import { LedgerRepository } from '../../persistence/repositories/ledger.repository';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import { OutboxRepository } from '../../persistence/repositories/outbox.repository';
import { PatrolRepository } from '../../persistence/repositories/patrol.repository';
import { ResidentOpinionRepository } from '../../persistence/repositories/resident-opinion.repository';
import { writeDutyNotices } from './duty-notices';
import { dutyPolicyFromEnv } from './duty-settings.activities';
import { enqueueLeadershipBulletin, enqueuePrefectureSubmission } from './prefecture-submissions';
import { sealApprovedReport } from './report-seals';
import { leadershipRecipients } from '../../config/seal-config';
import type { SealPrivateKey } from '../../documents/seal/seal-keys';
import { SealRepository } from '../../persistence/repositories/seal.repository';

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
  /**
   * Where `DUTY_POLICY` is read when a draft needs the policy (the risk list's near-deadline days), and
   * `BULLETIN_RECIPIENTS` when a bulletin is sealed.
   */
  env?: NodeJS.ProcessEnv;
  /** P10: the county key that signs each approved report's PDF. */
  sealKey?: SealPrivateKey;
}

/** Reads the records a report is drafted from. */
class ReportRecords {
  constructor(
    private readonly repositories: {
      organisation: OrganisationRepository;
      patrols: PatrolRepository;
      consultations: ConsultationRepository;
      issues: IssueRepository;
      ledgers: LedgerRepository;
      reports: DutyReportRepository;
      opinions: ResidentOpinionRepository;
    },
  ) {}

  async unit(code: string): Promise<ReportUnit> {
    const row = await this.repositories.organisation.unit(code);
    // A report of a unit that is not in the organisation was started by mistake: retrying cannot mend it.
    if (!row)
      throw ApplicationFailure.nonRetryable(`${code} is not a unit of the organisation`, 'UnknownUnit');
    return { code: row.code, name: row.name, kind: row.kind };
  }

  reportingUnits(): Promise<ReportUnit[]> {
    return this.repositories.organisation.unitsOfKinds(DUTY_UNIT_KINDS);
  }

  /** The unit's grids (分片 are parts of a village grid, not grids of their own) that existed in the period. */
  grids(unit: string, period: Period): Promise<GridRecord[]> {
    return this.repositories.organisation.reportGrids(unit, period);
  }

  allGrids(period: Period): Promise<Array<GridRecord & { unitCode: string }>> {
    return this.repositories.organisation.allReportGrids(period);
  }

  /** Patrols that started in the period, of one unit or of all. */
  async patrols(unit: string | null, period: Period): Promise<PatrolRecord[]> {
    const rows = await this.repositories.patrols.records(unit, period);
    const pointIds = [...new Set(rows.flatMap((r) => r.key_point_ids))];
    const names = new Map(
      (pointIds.length ? await this.repositories.organisation.keyPoints(pointIds) : []).map((k) => [
        k.id,
        k.name,
      ]),
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
  ledger(unit: string, period: Period | null): Promise<IssueRecord[]> {
    return this.repositories.ledgers.records(unit, period);
  }

  /** R1: the residents' opinions collected in the unit's grids in the period, without their contacts. */
  async opinions(unit: string, period: Period): Promise<OpinionRecord[]> {
    const opinions = await this.repositories.opinions.collectedIn(unit, period);
    return opinions.map((o) => ({
      id: o.id,
      gridName: o.gridName,
      kind: o.kind,
      content: o.content,
      collectedAt: o.collectedAt,
      collectedByName: o.collectedBy.name,
      answer: o.answer && { text: o.answer.text, at: o.answer.at },
    }));
  }

  /** County-wide issues reported in the period. */
  issuesReported(period: Period): Promise<IssueRecord[]> {
    return this.repositories.issues.reportedIn(period);
  }

  /** P4 双调度 (L12): county-wide issues that became major in the period, at their report or later. */
  issuesBecameMajor(period: Period): Promise<IssueRecord[]> {
    return this.repositories.issues.becameMajorIn(period);
  }

  /** County-wide open issues that are overdue or on the escalation ladder (L10). */
  issuesEscalated(): Promise<IssueRecord[]> {
    return this.repositories.issues.escalated();
  }

  closures(period: Period): Promise<Array<{ issueCode: string; unitCode: string }>> {
    return this.repositories.ledgers.closures(period);
  }

  reports(kinds: DutyReportKind[], periods: string[], unit: string | null): Promise<ReportRecord[]> {
    return this.repositories.reports.records(kinds, periods, unit);
  }

  async annual(unit: ReportUnit, year: Period): Promise<AnnualRecords> {
    const [grids, patrols, ledger, consultations, weeklyReports] = await Promise.all([
      this.grids(unit.code, year),
      this.patrols(unit.code, year),
      this.ledger(unit.code, year),
      this.repositories.consultations.ofUnit(unit.code, year),
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
    case 'monthly_summary': {
      const unitRecords = await unitPeriodRecords(records, input.unit, period);
      return draftMonthlySummary(period, {
        ...unitRecords,
        opinions: await records.opinions(unitRecords.unit.code, period),
      });
    }
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
      return draftDualDispatch(
        period,
        await records.unit(input.unit),
        await records.issuesBecameMajor(period),
      );
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
export function createReportActivities({ dataSource, env = process.env, sealKey }: ReportActivityDeps) {
  const repositories = {
    organisation: new OrganisationRepository(dataSource),
    patrols: new PatrolRepository(dataSource),
    consultations: new ConsultationRepository(dataSource),
    issues: new IssueRepository(dataSource),
    ledgers: new LedgerRepository(dataSource),
    reports: new DutyReportRepository(dataSource),
    opinions: new ResidentOpinionRepository(dataSource),
  };
  const outbox = new OutboxRepository(dataSource);
  const seals = new SealRepository(dataSource);
  const records = new ReportRecords(repositories);
  return {
    /** The units that report: departments, townships and the park (not villages, 县环委办 or the government). */
    reportingUnits(): Promise<ReportUnit[]> {
      return records.reportingUnits();
    },

    draftDutyReport(input: DraftReportInput): Promise<ReportContent> {
      return draftContent(records, input, () => dutyPolicyFromEnv(env));
    },

    async recordDutyReportStep({
      report,
      event,
      change,
      notices,
    }: ReportStepInput): Promise<{ written: boolean }> {
      return dataSource.transaction(async (manager) => {
        const tx = {
          reports: repositories.reports.within(manager),
          organisation: repositories.organisation.within(manager),
          outbox: outbox.within(manager),
          seals: seals.within(manager),
        };
        const at = event.at;
        if (change.type === 'content') {
          const period = parsePeriod(report.period);
          await tx.reports.saveDraft(
            { ...report, periodStart: period.start, periodEnd: period.end },
            change.content,
            change.contentHash,
            change.revision,
            at,
          );
        } else if (change.type === 'approved') {
          const a = change.approval;
          await tx.reports.approve(
            report.id,
            change.content,
            change.contentHash,
            change.revision,
            a,
            change.onTime,
          );
          const seal = await sealApprovedReport(tx, report.id, sealKey);
          await enqueuePrefectureSubmission(tx, report, a, seal);
          await enqueueLeadershipBulletin(tx, report, a, seal, leadershipRecipients(env));
        } else if (change.type === 'late') {
          await tx.reports.markLate(report.id, change.at);
        } else if (change.type === 'chased') {
          await tx.reports.markChased(report.id, change.chased, at);
        }
        const written = await tx.reports.appendEvent({
          id: event.id.slice(0, 200),
          reportId: report.id,
          type: event.type,
          actor: event.actor,
          at,
          payload: event.payload,
        });
        await writeDutyNotices(tx, notices);
        return { written };
      });
    },
  };
}

export type ReportActivities = ReturnType<typeof createReportActivities>;
