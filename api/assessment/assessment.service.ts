import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Configuration, dutyPolicyOverride } from '../../config/configuration';
import {
  ASSESSED_UNIT_KINDS,
  assessmentCutoff,
  assessUnit,
  type AssessedUnit,
  type AssessmentRecords,
  type UnitAssessment,
} from '../../domain/duties/assessment/assessment';
import { resolveDutyPolicy } from '../../domain/duties/duty-policy';
import { endOfDay, yearPeriod } from '../../domain/duties/periods';
import type { IssueSource, Severity } from '../../domain/issue/issue.types';
import { isCountyWide, type Actor } from '../../domain/organisation/roles';
import { AssessmentErrors } from './assessment.errors';

export interface AssessmentScope {
  year: number;
  /** What the records were counted to: `until` clamped into the year. */
  asOf: Date;
  /** The end of the requested day, or now: weeks that ended by then count (the year's last ISO week may end in January). */
  until: Date;
}

interface IssueRow {
  code: string;
  source: IssueSource;
  severity: Severity;
  finder_unit: string;
  sector_owner: string;
  territorial_owner: string;
  owner: string | null;
  reported_at: Date;
  accountability_flagged: boolean;
  county_supervision: boolean;
  overdue: boolean;
  plan_time_limit: string | null;
  closed_at: Date | null;
}

/** P7: loads a year's records (for one unit or all) and computes the indicators with the domain rules. */
@Injectable()
export class AssessmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Configuration,
  ) {}

  /** Every assessed unit: 县环委办 and the county heads only. */
  async all(
    year: number,
    asOf: string | undefined,
    actor: Actor,
  ): Promise<{ scope: AssessmentScope; units: UnitAssessment[] }> {
    if (!isCountyWide(actor)) throw AssessmentErrors.allNotInScope();
    const units = await this.dataSource.query<AssessedUnit[]>(
      `SELECT code, name, kind FROM units WHERE kind = ANY($1) ORDER BY kind, code`,
      [ASSESSED_UNIT_KINDS],
    );
    const scope = this.scope(year, asOf);
    const records = await this.records(year, null);
    return { scope, units: units.map((unit) => this.assess(unit, scope, records)) };
  }

  /** One unit: the unit itself, 县环委办 and the county heads. */
  async unit(
    year: number,
    code: string,
    asOf: string | undefined,
    actor: Actor,
  ): Promise<{ scope: AssessmentScope; unit: UnitAssessment }> {
    if (actor.unitCode !== code && !isCountyWide(actor)) throw AssessmentErrors.unitNotInScope(code);
    const [unit] = await this.dataSource.query<AssessedUnit[]>(
      `SELECT code, name, kind FROM units WHERE code = $1`,
      [code],
    );
    if (!unit) throw AssessmentErrors.unknownUnit(code);
    if (!ASSESSED_UNIT_KINDS.includes(unit.kind)) throw AssessmentErrors.notAssessed(code, unit.kind);
    const scope = this.scope(year, asOf);
    return { scope, unit: this.assess(unit, scope, await this.records(year, code)) };
  }

  private assess(unit: AssessedUnit, scope: AssessmentScope, records: AssessmentRecords): UnitAssessment {
    return assessUnit(
      unit,
      scope.year,
      scope.asOf,
      records,
      resolveDutyPolicy(dutyPolicyOverride(this.config)),
    );
  }

  /** Up to the end of `asOf` (Shanghai) when given, otherwise now; clamped into the year. */
  private scope(year: number, asOf: string | undefined): AssessmentScope {
    const until = asOf ? endOfDay(asOf) : new Date();
    return { year, asOf: assessmentCutoff(year, until), until };
  }

  /** The year's records; of one unit (and the issues it is related to) when `unit` is given. */
  private async records(year: number, unit: string | null): Promise<AssessmentRecords> {
    const period = yearPeriod(String(year));
    const [from, to] = [period.start, period.end];
    const q = this.dataSource;
    const issues = await q.query<IssueRow[]>(
      `SELECT code, source, severity, finder_unit, sector_owner, territorial_owner, owner, reported_at,
         accountability_flagged, county_supervision, overdue, state->'plan'->>'timeLimit' AS plan_time_limit,
         CASE WHEN status IN ('closed', 'archived')
           THEN COALESCE((state->'closure'->>'archivedAt')::timestamptz, updated_at) END AS closed_at
       FROM issues
       WHERE reported_at < $2
         AND (status NOT IN ('closed', 'archived') OR reported_at >= $1
              OR COALESCE((state->'closure'->>'archivedAt')::timestamptz, updated_at) >= $1)
         AND ($3::text IS NULL OR $3 IN (finder_unit, sector_owner, territorial_owner, owner))`,
      [from, to, unit],
    );
    const patrols = await q.query<
      Array<{
        id: string;
        unit_code: string;
        grid_code: string;
        started_at: Date;
        week_id: string;
        key_point_ids: string[];
        issue_codes: string[];
      }>
    >(
      `SELECT id, unit_code, grid_code, started_at, week_id, key_point_ids, issue_codes FROM patrols
       WHERE ((started_at >= $1 AND started_at < $2) OR week_id LIKE $4) AND ($3::text IS NULL OR unit_code = $3)`,
      [from, to, unit, `${year}-W%`],
    );
    const grids = await q.query<
      Array<{
        code: string;
        unit_code: string;
        kind: 'sector' | 'village' | 'sub_area';
        parent_grid_code: string | null;
        created_at: Date;
      }>
    >(
      `SELECT code, unit_code, kind, parent_grid_code, created_at FROM grids WHERE ($1::text IS NULL OR unit_code = $1)`,
      [unit],
    );
    const keyPoints = await q.query<
      Array<{ id: string; grid_code: string; unit_code: string; created_at: Date }>
    >(
      `SELECT k.id, k.grid_code, g.unit_code, k.created_at FROM key_points k JOIN grids g ON g.code = k.grid_code
       WHERE ($1::text IS NULL OR g.unit_code = $1)`,
      [unit],
    );
    const consultations = await q.query<Array<{ id: string; unit_code: string; held_at: Date }>>(
      `SELECT id, unit_code, held_at FROM consultations
       WHERE held_at >= $1 AND held_at < $2 AND ($3::text IS NULL OR unit_code = $3)`,
      [from, to, unit],
    );
    const findings = await q.query<
      Array<{ id: string; rule: string; unit_code: string; stage: 'reminder' | 'notice'; found_at: Date }>
    >(
      `SELECT id, rule, unit_code, stage, found_at FROM compliance_findings
       WHERE found_at >= $1 AND found_at < $2 AND ($3::text IS NULL OR unit_code = $3)`,
      [from, to, unit],
    );
    const reports = await q.query<
      Array<{
        id: string;
        kind: string;
        unit_code: string;
        due_at: Date | null;
        submitted_at: Date | null;
        on_time: boolean | null;
      }>
    >(
      `SELECT id, kind, unit_code, due_at, submitted_at, on_time FROM duty_reports
       WHERE due_at >= $1 AND due_at < $2 AND ($3::text IS NULL OR unit_code = $3)`,
      [from, to, unit],
    );
    return {
      issues: issues.map((r) => ({
        code: r.code,
        source: r.source,
        severity: r.severity,
        finderUnit: r.finder_unit,
        sectorOwner: r.sector_owner,
        territorialOwner: r.territorial_owner,
        owner: r.owner,
        reportedAt: r.reported_at,
        accountabilityFlagged: r.accountability_flagged,
        countySupervision: r.county_supervision,
        overdue: r.overdue,
        planTimeLimit: r.plan_time_limit,
        closedAt: r.closed_at,
      })),
      patrols: patrols.map((r) => ({
        id: r.id,
        unitCode: r.unit_code,
        gridCode: r.grid_code,
        startedAt: r.started_at,
        weekId: r.week_id,
        keyPointIds: r.key_point_ids,
        issueCodes: r.issue_codes,
      })),
      grids: grids.map((r) => ({
        code: r.code,
        unitCode: r.unit_code,
        kind: r.kind,
        parentGridCode: r.parent_grid_code,
        createdAt: r.created_at,
      })),
      keyPoints: keyPoints.map((r) => ({
        id: r.id,
        gridCode: r.grid_code,
        unitCode: r.unit_code,
        createdAt: r.created_at,
      })),
      consultations: consultations.map((r) => ({ id: r.id, unitCode: r.unit_code, heldAt: r.held_at })),
      findings: findings.map((r) => ({
        id: r.id,
        rule: r.rule,
        unitCode: r.unit_code,
        stage: r.stage,
        foundAt: r.found_at,
      })),
      reports: reports.map((r) => ({
        id: r.id,
        kind: r.kind,
        unitCode: r.unit_code,
        dueAt: r.due_at,
        submittedAt: r.submitted_at,
        onTime: r.on_time,
      })),
    };
  }
}
