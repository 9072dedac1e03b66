import { Injectable } from '@nestjs/common';
import { Configuration, dutyPolicyOverride } from '../../config/configuration';
import {
  consultationStatus,
  patrolStatus,
  type GridPatrolStatus,
} from '../../domain/duties/patrols/compliance';
import { resolveDutyPolicy, type DutyPolicy } from '../../domain/duties/duty-policy';
import { monthPeriod, periodLabel, weekPeriod } from '../../domain/duties/periods';
import type { Actor } from '../../domain/organisation/roles';
import { ComplianceRepository } from '../../persistence/repositories/compliance.repository';
import { isCountyWide } from '../issues/issues-query.service';
import type { PatrolComplianceQueryDto } from './dto/patrols-query.dto';
import { PatrolErrors } from './patrols.errors';

export interface GridComplianceLine extends Omit<GridPatrolStatus, 'keyPoints'> {
  /** Patrols the period needs (a week: the policy's weekly count); null for a month. */
  patrolsRequired: number | null;
  /** P2: at least one patrol led by the 直接负责人 or a head of the unit. */
  ledByHeadMet: boolean;
  keyPoints: Array<{
    id: string;
    name: string;
    visits: number;
    required: number | null;
    met: boolean | null;
  }>;
}

export interface PatrolComplianceReport {
  period: { id: string; kind: 'week' | 'month'; label: string; start: string; end: string };
  grids: GridComplianceLine[];
  /** A month only (P5): each unit's consultations against the policy. */
  units: Array<{ unitCode: string; unitName: string; consultations: number; required: number; met: boolean }>;
}

/** How far a week's or month's patrols, key point coverage and consultations meet P1, P2 and P5, per grid. */
@Injectable()
export class PatrolComplianceService {
  private readonly policy: DutyPolicy;

  constructor(
    private readonly compliance: ComplianceRepository,
    config: Configuration,
  ) {
    this.policy = resolveDutyPolicy(dutyPolicyOverride(config));
  }

  async report(query: PatrolComplianceQueryDto, actor: Actor): Promise<PatrolComplianceReport> {
    if ((query.week === undefined) === (query.month === undefined))
      throw PatrolErrors.badRequest(
        'week',
        'one-period',
        'give exactly one of week (2027-W02) or month (2027-03)',
        { zh: '周（如 2027-W02）和月（如 2027-03）须且只须给出一个' },
      );
    let unit = query.unit;
    if (!isCountyWide(actor)) {
      if (unit !== undefined && unit !== actor.unitCode)
        throw PatrolErrors.notInScope('patrol compliance', unit);
      unit = actor.unitCode;
    }
    const period = query.week ? weekPeriod(query.week) : monthPeriod(query.month!);
    const data = await this.compliance.periodData(period);
    const weekly = period.kind === 'week';
    const grids = patrolStatus(data, period)
      .filter((g) => unit === undefined || g.unitCode === unit)
      .map((g) => ({
        ...g,
        patrolsRequired: weekly ? this.policy.patrolsPerWeek : null,
        ledByHeadMet: g.ledByHead > 0,
        keyPoints: g.keyPoints.map((k) => ({
          id: k.id,
          name: k.name,
          visits: k.visits,
          required: weekly ? null : this.policy.keyPointVisitsPerMonth,
          met: weekly ? null : k.visits >= this.policy.keyPointVisitsPerMonth,
        })),
      }));
    const units = weekly
      ? []
      : consultationStatus(data, period)
          .filter((u) => unit === undefined || u.unitCode === unit)
          .map((u) => ({
            unitCode: u.unitCode,
            unitName: u.unitName,
            consultations: u.consultations,
            required: this.policy.consultationsPerMonth,
            met: u.consultations >= this.policy.consultationsPerMonth,
          }));
    return {
      period: {
        id: period.id,
        kind: weekly ? 'week' : 'month',
        label: periodLabel(period),
        start: period.start.toISOString(),
        end: period.end.toISOString(),
      },
      grids,
      units,
    };
  }
}
