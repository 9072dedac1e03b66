/**
 * The compliance clocks of the standing duties (SPEC P1, P2, P5) as pure evaluation: given the organisation, the
 * patrols and the consultations of a period, which grids, key points and units fall short, and the notices that
 * say so. The workflows decide when (the clock), the activities load the data and record the findings.
 */
import type { GridKind, OrganisationUnitKind } from '../../organisation/organisation.types';
import type { DutyAudience, DutyNotice } from '../duty-notices';
import { DUTY_UNIT_KINDS, type DutyPolicy } from '../duty-policy';
import { unitHeadTitle } from '../../organisation/roles';
import { inPeriod, periodLabel, shanghaiInstant, shanghaiParts, type Period } from '../periods';
import { leadsAsHead, type RosterMember } from './patrol';

export interface ComplianceUnit {
  code: string;
  name: string;
  kind: OrganisationUnitKind;
  /** A village's township (G8); absent when the reader did not look. */
  parentCode?: string | null;
}

export interface ComplianceGrid {
  code: string;
  name: string;
  unitCode: string;
  kind: GridKind;
  parentGridCode: string | null;
  /** ISO instant; a grid created after a period ended is not judged for it. */
  createdAt: string;
}

export interface ComplianceKeyPoint {
  id: string;
  name: string;
  gridCode: string;
  createdAt: string;
}

export interface CompliancePatrol {
  id: string;
  gridCode: string;
  ledBy: string;
  startedAt: string;
  keyPointIds: string[];
}

export interface ComplianceConsultation {
  id: string;
  unitCode: string;
  heldAt: string;
}

/** Everything a clock needs to judge one period. */
export interface ComplianceData {
  units: ComplianceUnit[];
  grids: ComplianceGrid[];
  keyPoints: ComplianceKeyPoint[];
  members: RosterMember[];
  patrols: CompliancePatrol[];
  consultations: ComplianceConsultation[];
}

export type ComplianceStage = 'reminder' | 'notice';
export type ComplianceRule = 'P1-week' | 'P2-led-by-head' | 'P1-key-point' | 'P5-month' | 'R3-work-plan';

/** One row of `compliance_findings` with the notice it sends. */
export interface ComplianceFinding {
  /** `<rule>/<period>/<subject>/<stage>`: the same finding twice is one row. */
  id: string;
  rule: ComplianceRule;
  period: string;
  unitCode: string;
  gridCode: string | null;
  subject: string;
  stage: ComplianceStage;
  detail: Record<string, unknown>;
  notice: DutyNotice;
}

export interface KeyPointCoverage {
  id: string;
  name: string;
  /** The key point's own grid (a 分片's key point counts for its village grid). */
  gridCode: string;
  visits: number;
}

/** P1/P2 status of one grid in a period. */
export interface GridPatrolStatus {
  gridCode: string;
  gridName: string;
  unitCode: string;
  unitName: string;
  unitKind: OrganisationUnitKind;
  /** Patrols of the grid (and of its 分片) that started in the period. */
  patrols: number;
  /** Of those, the ones led by the grid's 直接负责人 or a head of its unit (P2). */
  ledByHead: number;
  keyPoints: KeyPointCoverage[];
}

/** P5 status of one unit in a month. */
export interface UnitConsultationStatus {
  unitCode: string;
  unitName: string;
  unitKind: OrganisationUnitKind;
  consultations: number;
}

/**
 * The grids a period is judged on: grids of departments, townships and the park that existed before the period
 * ended. A 分片 is part of its village grid: its patrols and key points count there, it is not judged alone.
 */
export function dutyGrids(data: ComplianceData, period: Period): ComplianceGrid[] {
  const units = new Map(data.units.map((u) => [u.code, u]));
  return data.grids
    .flatMap((g) => {
      // G8: a grid recorded under a village unit is its township's grid, judged like the others.
      const base = baseUnitFor(g.unitCode, units);
      return base !== undefined &&
        DUTY_UNIT_KINDS.includes(base.kind) &&
        g.kind !== 'sub_area' &&
        Date.parse(g.createdAt) < period.end.getTime()
        ? [{ ...g, unitCode: base.code }]
        : [];
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** The unit a grid's duties fall to: the unit itself, or a village unit's township. */
function baseUnitFor<U extends { code: string; kind: OrganisationUnitKind; parentCode?: string | null }>(
  code: string,
  units: ReadonlyMap<string, U>,
): U | undefined {
  const unit = units.get(code);
  if (unit?.kind === 'village' && unit.parentCode) return units.get(unit.parentCode);
  return unit;
}

/** The grid a grid's records count for: a 分片's village grid, any other grid itself. */
function judgedGridOf(grids: Map<string, ComplianceGrid>): (code: string) => string {
  return (code) => {
    const grid = grids.get(code);
    return grid?.kind === 'sub_area' && grid.parentGridCode ? grid.parentGridCode : code;
  };
}

/** Per judged grid: patrols, patrols led by a head, and each key point's visits in the period. */
export function patrolStatus(data: ComplianceData, period: Period): GridPatrolStatus[] {
  const judged = dutyGrids(data, period);
  const units = new Map(data.units.map((u) => [u.code, u]));
  const judgedOf = judgedGridOf(new Map(data.grids.map((g) => [g.code, g])));
  const members = new Map(data.members.map((m) => [m.id, m]));
  const patrols = data.patrols.filter((p) => inPeriod(period, Date.parse(p.startedAt)));
  const visits = new Map<string, number>();
  for (const patrol of patrols)
    for (const id of new Set(patrol.keyPointIds)) visits.set(id, (visits.get(id) ?? 0) + 1);
  return judged.map((grid) => {
    const own = patrols.filter((p) => judgedOf(p.gridCode) === grid.code);
    const unit = units.get(grid.unitCode)!;
    return {
      gridCode: grid.code,
      gridName: grid.name,
      unitCode: unit.code,
      unitName: unit.name,
      unitKind: unit.kind,
      patrols: own.length,
      ledByHead: own.filter((p) => leadsAsHead(members.get(p.ledBy), grid)).length,
      keyPoints: data.keyPoints
        .filter((k) => judgedOf(k.gridCode) === grid.code && Date.parse(k.createdAt) < period.end.getTime())
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((k) => ({ id: k.id, name: k.name, gridCode: k.gridCode, visits: visits.get(k.id) ?? 0 })),
    };
  });
}

/** Per unit that has judged grids: the consultations it held in the period (P5). */
export function consultationStatus(data: ComplianceData, period: Period): UnitConsultationStatus[] {
  const unitCodes = new Set(dutyGrids(data, period).map((g) => g.unitCode));
  return data.units
    .filter((u) => unitCodes.has(u.code))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((unit) => ({
      unitCode: unit.code,
      unitName: unit.name,
      unitKind: unit.kind,
      consultations: data.consultations.filter(
        (c) => c.unitCode === unit.code && inPeriod(period, Date.parse(c.heldAt)),
      ).length,
    }));
}

function finding(
  rule: ComplianceRule,
  period: Period,
  subject: string,
  stage: ComplianceStage,
  where: { unitCode: string; gridCode: string | null },
  detail: Record<string, unknown>,
  notice: Omit<DutyNotice, 'key'>,
): ComplianceFinding {
  const id = `${rule}/${period.id}/${subject}/${stage}`;
  return {
    id,
    rule,
    period: period.id,
    unitCode: where.unitCode,
    gridCode: where.gridCode,
    subject,
    stage,
    detail,
    notice: { key: id, ...notice },
  };
}

const heads = (grid: GridPatrolStatus): DutyAudience[] => [
  { role: 'grid_leader', grid: grid.gridCode },
  { role: 'unit_head', unit: grid.unitCode },
];

/**
 * P1 weekly (and P2): before the week ends, a reminder to the 直接负责人 of every grid with fewer patrols than the
 * policy asks; after it, a notice to the 直接负责人 and the unit's head for each such grid, and for each grid whose
 * patrols were none led by its 直接负责人 or a head of its unit.
 */
export function weeklyPatrolFindings(
  data: ComplianceData,
  week: Period,
  stage: ComplianceStage,
  policy: DutyPolicy,
): ComplianceFinding[] {
  const label = periodLabel(week);
  const required = policy.patrolsPerWeek;
  const findings: ComplianceFinding[] = [];
  for (const grid of patrolStatus(data, week)) {
    const where = { unitCode: grid.unitCode, gridCode: grid.gridCode };
    const detail = { gridName: grid.gridName, unitName: grid.unitName, patrols: grid.patrols, required };
    if (grid.patrols < required) {
      findings.push(
        stage === 'reminder'
          ? finding('P1-week', week, grid.gridCode, stage, where, detail, {
              kind: 'patrol_reminder',
              ref: `grid/${grid.gridCode}`,
              audiences: [{ role: 'grid_leader', grid: grid.gridCode }],
              subject: `【巡查提醒】${grid.gridName}${label}巡查尚未完成`,
              body: `${grid.unitName}${grid.gridName}：${label}已记录巡查${grid.patrols}次，要求每周不少于${required}次（“每周巡查原则上不少于1次”）。请在本周结束前带队完成巡查并录入巡查记录。`,
            })
          : finding('P1-week', week, grid.gridCode, stage, where, detail, {
              kind: 'patrol_missing',
              ref: `grid/${grid.gridCode}`,
              audiences: heads(grid),
              subject: `【巡查未落实】${grid.gridName}${label}巡查不足`,
              body: `${grid.unitName}${grid.gridName}${label}共记录巡查${grid.patrols}次，未达到每周不少于${required}次的要求。请网格直接负责人和${unitHeadTitle(grid.unitKind)}督促落实，补充说明原因。`,
            }),
      );
    } else if (stage === 'notice' && grid.ledByHead === 0) {
      const head = unitHeadTitle(grid.unitKind);
      findings.push(
        finding('P2-led-by-head', week, grid.gridCode, stage, where, detail, {
          kind: 'patrol_not_led_by_head',
          ref: `grid/${grid.gridCode}`,
          audiences: heads(grid),
          subject: `【巡查带队】${grid.gridName}${label}巡查无直接负责人或${head}带队`,
          body: `${grid.unitName}${grid.gridName}${label}的${grid.patrols}次巡查均未由网格直接负责人或${head}、副${head}带队。按要求每周巡查应由直接负责人（${head}或副${head}）带队。`,
        }),
      );
    }
  }
  return findings;
}

/**
 * P1 monthly and P5: before the month ends, reminders for key points covered fewer times than the policy asks
 * (to the grid's 直接负责人) and for units whose heads have held too few consultations (to the unit's head);
 * after it, notices for the same to the 直接负责人 and the unit's head, and for consultations to the unit's head
 * and 县环委办.
 */
export function monthlyDutyFindings(
  data: ComplianceData,
  month: Period,
  stage: ComplianceStage,
  policy: DutyPolicy,
  ecoOffice: string,
): ComplianceFinding[] {
  const label = periodLabel(month);
  const findings: ComplianceFinding[] = [];
  const requiredVisits = policy.keyPointVisitsPerMonth;
  for (const grid of patrolStatus(data, month)) {
    for (const point of grid.keyPoints.filter((k) => k.visits < requiredVisits)) {
      const where = { unitCode: grid.unitCode, gridCode: grid.gridCode };
      const detail = {
        keyPointName: point.name,
        gridName: grid.gridName,
        unitName: grid.unitName,
        visits: point.visits,
        required: requiredVisits,
      };
      const ref = `key_point/${point.id}`;
      findings.push(
        stage === 'reminder'
          ? finding('P1-key-point', month, point.id, stage, where, detail, {
              kind: 'key_point_reminder',
              ref,
              audiences: [{ role: 'grid_leader', grid: grid.gridCode }],
              subject: `【点位巡查提醒】${point.name}${label}巡查次数不足`,
              body: `${grid.unitName}${grid.gridName}的重点监控点位“${point.name}”${label}已巡查${point.visits}次，要求每月全覆盖巡查不少于${requiredVisits}次。请在月底前安排巡查。`,
            })
          : finding('P1-key-point', month, point.id, stage, where, detail, {
              kind: 'key_point_missing',
              ref,
              audiences: heads(grid),
              subject: `【点位巡查未落实】${point.name}${label}巡查不足`,
              body: `${grid.unitName}${grid.gridName}的重点监控点位“${point.name}”${label}共巡查${point.visits}次，未达到每月不少于${requiredVisits}次的要求。请网格直接负责人和${unitHeadTitle(grid.unitKind)}督促落实。`,
            }),
      );
    }
  }
  const requiredConsultations = policy.consultationsPerMonth;
  for (const unit of consultationStatus(data, month).filter((u) => u.consultations < requiredConsultations)) {
    const head = unitHeadTitle(unit.unitKind);
    const where = { unitCode: unit.unitCode, gridCode: null };
    const detail = {
      unitName: unit.unitName,
      consultations: unit.consultations,
      required: requiredConsultations,
    };
    const ref = `unit/${unit.unitCode}`;
    findings.push(
      stage === 'reminder'
        ? finding('P5-month', month, unit.unitCode, stage, where, detail, {
            kind: 'consultation_reminder',
            ref,
            audiences: [{ role: 'unit_head', unit: unit.unitCode }],
            subject: `【会商提醒】${unit.unitName}${label}尚未会商`,
            body: `${unit.unitName}${label}已记录会商${unit.consultations}次，要求${head}每月组织会商不少于${requiredConsultations}次。请在月底前组织会商并录入纪要、参会人员和会商决定。`,
          })
        : finding('P5-month', month, unit.unitCode, stage, where, detail, {
            kind: 'consultation_missing',
            ref,
            audiences: [
              { role: 'unit_head', unit: unit.unitCode },
              { role: 'eco_office', unit: ecoOffice },
            ],
            subject: `【会商未落实】${unit.unitName}${label}会商不足`,
            body: `${unit.unitName}${label}共记录会商${unit.consultations}次，未达到${head}每月会商不少于${requiredConsultations}次的要求。`,
          }),
    );
  }
  return findings;
}

/** When the weekly clock reminds (the policy's weekday and time) and when it judges (the week's end + grace). */
export function weeklyPatrolClock(week: Period, policy: DutyPolicy): { reminderAt: Date; judgeAt: Date } {
  const monday = shanghaiParts(week.start);
  const { hour, minute } = policy.patrolReminderTime;
  return {
    reminderAt: shanghaiInstant(
      monday.year,
      monday.month,
      monday.day + policy.patrolReminderWeekday - 1,
      hour,
      minute,
    ),
    judgeAt: new Date(week.end.getTime() + policy.recordGraceHours * 3_600_000),
  };
}

/**
 * When the monthly clock reminds (`monthlyReminderDaysBefore` days before the month's end, at the time duty
 * reminders go out) and when it judges (the month's end + grace).
 */
export function monthlyDutyClock(month: Period, policy: DutyPolicy): { reminderAt: Date; judgeAt: Date } {
  const end = shanghaiParts(month.end);
  const { hour, minute } = policy.patrolReminderTime;
  const reminderAt = shanghaiInstant(
    end.year,
    end.month,
    end.day - policy.monthlyReminderDaysBefore,
    hour,
    minute,
  );
  return {
    reminderAt: reminderAt.getTime() < month.start.getTime() ? month.start : reminderAt,
    judgeAt: new Date(month.end.getTime() + policy.recordGraceHours * 3_600_000),
  };
}
