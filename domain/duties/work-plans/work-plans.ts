/**
 * 网格监管工作方案 (seed 五(二) "县直相关行业主管部门的网格监管工作方案应及时制定，并及时报至州级对口部门和县环委办"):
 * each county department (and the park's 管委会, which the plan counts among them) submits its plan once a year; it
 * is mailed with its file to 县环委办 and to the prefecture counterpart. A yearly clock reminds the units whose plan
 * is missing before it is due and tells their heads and 县环委办 after.
 */
import type { OrganisationUnitKind } from '../../organisation/organisation.types';
import type { ComplianceFinding, ComplianceStage, ComplianceUnit } from '../patrols/compliance';
import type { DutyPolicy } from '../duty-policy';
import { formatShanghai, shanghaiInstant } from '../periods';

/** The units that owe a plan: the county departments and the park (seed 一: both are 县直相关行业主管部门). */
export const WORK_PLAN_UNIT_KINDS: readonly OrganisationUnitKind[] = ['department', 'park'];

/** The outbox kind of the mails that carry a plan; the dispatcher attaches the plan's file to them. */
export const WORK_PLAN_NOTICE_KIND = 'work_plan_submission';

/** The outbox `ref` of a plan's mails. */
export const workPlanRef = (id: string) => `work-plan/${id}`;

/** `WRB-2027`: one plan per unit and year. */
export function workPlanId(unit: string, year: number): string {
  return `${unit}-${year}`;
}

/** The end of the day the year's plan is due (Shanghai). */
export function workPlanDueAt(year: number, policy: DutyPolicy): Date {
  return shanghaiInstant(year, policy.workPlanDue.month, policy.workPlanDue.day + 1);
}

/** When the yearly clock reminds (09:00, days before the due day) and when it judges (due + grace). */
export function workPlanClock(year: number, policy: DutyPolicy): { reminderAt: Date; judgeAt: Date } {
  const { month, day } = policy.workPlanDue;
  return {
    reminderAt: shanghaiInstant(year, month, day - policy.workPlanReminderDaysBefore, 9),
    judgeAt: new Date(workPlanDueAt(year, policy).getTime() + policy.recordGraceHours * 3600_000),
  };
}

export interface WorkPlanRecord {
  unitCode: string;
  year: number;
  submittedAt: string;
}

/** The units whose plan for the year is missing, in code order. */
export function missingWorkPlans(
  units: readonly ComplianceUnit[],
  plans: readonly WorkPlanRecord[],
  year: number,
): ComplianceUnit[] {
  const submitted = new Set(plans.filter((p) => p.year === year).map((p) => p.unitCode));
  return units
    .filter((u) => WORK_PLAN_UNIT_KINDS.includes(u.kind) && !submitted.has(u.code))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * R3: before the due day a reminder to the heads of each unit whose plan is missing; after it, a notice to the
 * unit's head and to 县环委办. Keyed by rule, year, unit and stage, so the clock run twice finds nothing twice.
 */
export function workPlanFindings(
  units: readonly ComplianceUnit[],
  plans: readonly WorkPlanRecord[],
  year: number,
  stage: ComplianceStage,
  policy: DutyPolicy,
  ecoOffice: string,
): ComplianceFinding[] {
  const due = formatShanghai(workPlanDueAt(year, policy).getTime() - 60_000);
  return missingWorkPlans(units, plans, year).map((unit) => {
    const id = `R3-work-plan/${year}/${unit.code}/${stage}`;
    const reminder = stage === 'reminder';
    return {
      id,
      rule: 'R3-work-plan',
      period: String(year),
      unitCode: unit.code,
      gridCode: null,
      subject: unit.code,
      stage,
      detail: { unitName: unit.name, year, due },
      notice: {
        key: id,
        kind: reminder ? 'work_plan_reminder' : 'work_plan_missing',
        ref: `unit/${unit.code}`,
        oncePerPerson: true,
        audiences: reminder
          ? [
              { role: 'unit_head', unit: unit.code },
              { role: 'unit_deputy', unit: unit.code },
            ]
          : [
              { role: 'unit_head', unit: unit.code },
              { role: 'eco_office', unit: ecoOffice },
            ],
        subject: reminder
          ? `【网格监管工作方案提醒】${unit.name}${year}年度工作方案`
          : `【网格监管工作方案未报送】${unit.name}${year}年度工作方案`,
        body: reminder
          ? `${unit.name}${year}年度网格监管工作方案尚未报送，请于 ${due} 前通过系统上传，系统将同时报送县环委办和州级对口部门。`
          : `${unit.name}${year}年度网格监管工作方案逾期未报送（时限 ${due}），请县环委办督促。`,
      },
    };
  });
}

/** The covering mail of a plan, to 县环委办 or to the prefecture counterpart; the plan's file goes with it. */
export function workPlanSubmissionText(
  plan: { title: string; year: number; submittedByName: string; submittedAt: string; note: string | null },
  unitName: string,
  addressee: string,
): { subject: string; body: string } {
  return {
    subject: `【报送】${unitName}${plan.year}年度生态环境保护网格监管工作方案`,
    body: [
      `${addressee}：`,
      `现报送${unitName}${plan.year}年度生态环境保护网格监管工作方案《${plan.title}》，详见附件。`,
      ...(plan.note ? [plan.note] : []),
      `报送人：${plan.submittedByName}；报送时间：${formatShanghai(Date.parse(plan.submittedAt))}（北京时间）。`,
    ].join('\n'),
  };
}
