import { Injectable } from '@nestjs/common';
import { Configuration, dutyPolicyOverride } from '../../config/configuration';
import {
  ASSESSED_UNIT_KINDS,
  assessUnit,
  assessmentCutoff,
  type AssessedUnit,
  type AssessmentRecords,
  type UnitAssessment,
} from '../../domain/duties/assessment/assessment';
import { resolveDutyPolicy } from '../../domain/duties/duty-policy';
import { yearPeriod, endOfDay } from '../../domain/duties/periods';
import type { Actor } from '../../domain/organisation/roles';
import { ComplianceRepository } from '../../persistence/repositories/compliance.repository';
import { ConsultationRepository } from '../../persistence/repositories/consultation.repository';
import { DutyReportRepository } from '../../persistence/repositories/duty-report.repository';
import { IssueRepository } from '../../persistence/repositories/issue.repository';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import { PatrolRepository } from '../../persistence/repositories/patrol.repository';
import { isCountyWide } from '../issues/issues-query.service';
import { AssessmentErrors } from './assessment.errors';

export interface AssessmentScope {
  year: number;
  /** What the records were counted to: `until` clamped into the year. */
  asOf: Date;
  /** The end of the requested day, or now: weeks that ended by then count (the year's last ISO week may end in January). */
  until: Date;
}

/** P7: loads a year's records (for one unit or all) and computes the indicators with the domain rules. */
@Injectable()
export class AssessmentService {
  constructor(
    private readonly issues: IssueRepository,
    private readonly patrols: PatrolRepository,
    private readonly organisation: OrganisationRepository,
    private readonly consultations: ConsultationRepository,
    private readonly compliance: ComplianceRepository,
    private readonly reports: DutyReportRepository,
    private readonly config: Configuration,
  ) {}

  /** Every assessed unit: 县环委办 and the county heads only. */
  async all(
    year: number,
    asOf: string | undefined,
    actor: Actor,
  ): Promise<{ scope: AssessmentScope; units: UnitAssessment[] }> {
    if (!isCountyWide(actor)) throw AssessmentErrors.allNotInScope();
    const units: AssessedUnit[] = await this.organisation.unitsOfKinds(ASSESSED_UNIT_KINDS, 'kind, code');
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
    const found = await this.organisation.unit(code);
    if (!found) throw AssessmentErrors.unknownUnit(code);
    const unit: AssessedUnit = { code: found.code, name: found.name, kind: found.kind };
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
    const issues = await this.issues.assessed(from, to, unit);
    const patrols = await this.patrols.assessed(year, from, to, unit);
    const grids = await this.organisation.assessedGrids(unit);
    const keyPoints = await this.organisation.assessedKeyPoints(unit);
    const consultations = await this.consultations.assessed(from, to, unit);
    const findings = await this.compliance.assessed(from, to, unit);
    const reports = await this.reports.assessed(from, to, unit);
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
        knownAs: r.known_as,
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
