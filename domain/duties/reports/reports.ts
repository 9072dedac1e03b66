/**
 * The units' reports (SPEC P3 weekly, P4 monthly, P6 annual) and 县环委办's bulletins (P8): their ids, deadlines,
 * reminders and chasing, who revises and who approves, and the approval that seals and submits a report.
 * Pure: the report workflow, its activities and the API all decide with these functions.
 */
import type { Instant } from '../../calendar/working-days';
import { reject, type Rejection } from '../../common/rejection';
import {
  approverTitle,
  isCountyHead,
  isUnitHeadOf,
  isUnitPrincipalOf,
  type Actor,
} from '../../organisation/roles';
import type { DutyAudience, DutyNotice } from '../duty-notices';
import type { OrganisationUnitKind } from '../../organisation/organisation.types';
import type { DutyPolicy } from '../duty-policy';
import {
  formatShanghai,
  monthOf,
  parsePeriod,
  periodLabel,
  PeriodIdError,
  shanghaiInstant,
  shanghaiParts,
  shiftPeriod,
  weekOf,
  yearOf,
  type Period,
  type PeriodKind,
} from '../periods';
import { contentHash, sealHash } from './report-seal';

export const DUTY_REPORT_KINDS = [
  'weekly',
  'monthly_summary',
  'risk_warning',
  'dual_dispatch',
  'annual_self_assessment',
  'annual_county',
  'bulletin',
] as const;
export type DutyReportKind = (typeof DUTY_REPORT_KINDS)[number];

/** The reports each department, township and the park sends (not 县环委办's own). */
export const UNIT_REPORT_KINDS: readonly DutyReportKind[] = [
  'weekly',
  'monthly_summary',
  'risk_warning',
  'annual_self_assessment',
];

/** 县环委办's own reports: drafted by it, for the prefecture or the county leadership. */
export const OFFICE_REPORT_KINDS: readonly DutyReportKind[] = ['dual_dispatch', 'annual_county', 'bulletin'];

export const REPORT_KIND_LABELS: Record<DutyReportKind, string> = {
  weekly: '网格巡查周报（简报及问题台账）',
  monthly_summary: '月度总结提炼类综合材料',
  risk_warning: '生态环境保护风险预警问题清单',
  dual_dispatch: '“双调度”重大问题报告',
  annual_self_assessment: '生态环境保护网格化管理年度自评报告',
  annual_county: '全县生态环境保护网格化管理年度自评报告',
  bulletin: '生态环境保护网格化管理情况通报',
};

/** The rule each kind answers to; rejections and notices name it. */
export const REPORT_KIND_RULES: Record<DutyReportKind, string> = {
  weekly: 'P3',
  monthly_summary: 'P4',
  risk_warning: 'P4',
  dual_dispatch: 'P4',
  annual_self_assessment: 'P6',
  annual_county: 'P6',
  bulletin: 'P8',
};

/** Where a submitted report goes. */
export const REPORT_RECIPIENTS: Record<DutyReportKind, string> = {
  weekly: '县环委办',
  monthly_summary: '县环委办',
  risk_warning: '县环委办',
  dual_dispatch: '州整改办（州环委办）',
  annual_self_assessment: '县环委办（县直部门同时报州级对口部门）',
  annual_county: '州环委办',
  bulletin: '县委、县政府、县生态环境保护委员会',
};

/** The period kinds each report kind is written for. */
export function periodKindsOf(kind: DutyReportKind): readonly PeriodKind[] {
  switch (kind) {
    case 'weekly':
      return ['week'];
    case 'monthly_summary':
    case 'risk_warning':
    case 'dual_dispatch':
      return ['month'];
    case 'annual_self_assessment':
    case 'annual_county':
      return ['year'];
    case 'bulletin':
      return ['week', 'month'];
  }
}

export function isDutyReportKind(value: unknown): value is DutyReportKind {
  return typeof value === 'string' && (DUTY_REPORT_KINDS as readonly string[]).includes(value);
}

/** The period of a report, or a PeriodIdError when the id does not name one of the kind's periods. */
export function reportPeriod(kind: DutyReportKind, periodId: string): Period {
  const period = parsePeriod(periodId);
  if (!periodKindsOf(kind).includes(period.kind))
    throw new PeriodIdError(periodId, `${periodKindsOf(kind).join(' or ')} (the period of a ${kind} report)`);
  return period;
}

/** `weekly/ULE/2027-W10`: the report's id in `duty_reports`. */
export function dutyReportId(kind: DutyReportKind, unit: string, period: string): string {
  return `${kind}/${unit}/${period}`;
}

/** `duty-report/weekly/ULE/2027-W10`: one workflow per report, a business key. */
export function dutyReportWorkflowId(kind: DutyReportKind, unit: string, period: string): string {
  return `duty-report/${dutyReportId(kind, unit, period)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Deadlines, reminders, chasing

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** P3: the weekly report of a week is due on the policy's weekday and time of the following week (Wed 12:00). */
export function weeklyReportDue(week: Period, policy: DutyPolicy): Date {
  const next = shanghaiParts(week.end);
  const { hour, minute } = policy.weeklyReportDueTime;
  return shanghaiInstant(next.year, next.month, next.day + policy.weeklyReportDueWeekday - 1, hour, minute);
}

/** P4: a month's materials are due on the policy's day (and time) of the following month. */
export function monthlyReportDue(month: Period, policy: DutyPolicy): Date {
  const next = shanghaiParts(month.end);
  const { hour, minute } = policy.monthlyReportDueTime;
  return shanghaiInstant(next.year, next.month, policy.monthlyReportDueDay, hour, minute);
}

/** P6: "12月10日前" / "12月20日前" — the end (23:59:59.999 Shanghai) of that day of the year. */
export function annualReportDue(year: Period, due: { month: number; day: number }): Date {
  const y = shanghaiParts(year.start).year;
  return new Date(shanghaiInstant(y, due.month, due.day + 1).getTime() - 1);
}

/** When a report is due; a bulletin has no deadline. */
export function reportDueAt(kind: DutyReportKind, period: Period, policy: DutyPolicy): Date | null {
  switch (kind) {
    case 'weekly':
      return weeklyReportDue(period, policy);
    case 'monthly_summary':
    case 'risk_warning':
    case 'dual_dispatch':
      return monthlyReportDue(period, policy);
    case 'annual_self_assessment':
      return annualReportDue(period, policy.annualUnitDue);
    case 'annual_county':
      return annualReportDue(period, policy.annualCountyDue);
    case 'bulletin':
      return null;
  }
}

/**
 * Reminders before the deadline: hours before it for the weekly and the monthly materials (each falls due at a
 * time of day, each with its own hours), days before it for the annual reports. Earliest first.
 */
export function reportReminders(kind: DutyReportKind, dueAt: Date | null, policy: DutyPolicy): Date[] {
  if (!dueAt) return [];
  const hoursBefore = (hours: number[]) => hours.map((h) => h * HOUR_MS);
  const offsets =
    kind === 'annual_self_assessment' || kind === 'annual_county'
      ? [policy.annualReminderDaysBefore * DAY_MS].filter((ms) => ms > 0)
      : kind === 'weekly'
        ? hoursBefore(policy.weeklyReportReminderHoursBefore)
        : // Settings recorded before the monthly hours existed: the weekly hours, as those rounds were started.
          hoursBefore(policy.monthlyReportReminderHoursBefore ?? policy.weeklyReportReminderHoursBefore);
  return [...new Set(offsets)].sort((a, b) => b - a).map((ms) => new Date(dueAt.getTime() - ms));
}

/** What a report workflow is started with. */
export interface DutyReportInput {
  kind: DutyReportKind;
  unit: string;
  period: string;
  /** ISO instant; null for a bulletin. */
  dueAt: string | null;
  /** ISO instants of the reminders before the deadline. */
  reminders: string[];
  /** After the deadline, while the report is missing: a chasing notice every `everyDays`, `times` times. */
  chase: { everyDays: number; times: number };
  /** Unit code of 县环委办. */
  ecoOffice: string;
}

/** The input of one report under a policy (the rounds and the bulletin endpoint build it the same way). */
export function dutyReportInput(
  kind: DutyReportKind,
  unit: string,
  period: Period,
  policy: DutyPolicy,
  ecoOffice: string,
): DutyReportInput {
  const due = reportDueAt(kind, period, policy);
  return {
    kind,
    unit,
    period: period.id,
    dueAt: due ? due.toISOString() : null,
    reminders: reportReminders(kind, due, policy).map((d) => d.toISOString()),
    chase: { everyDays: policy.chaseEveryDays, times: due ? policy.chaseTimes : 0 },
    ecoOffice,
  };
}

/** One timed step of a report's clock. */
export interface ReportClockStep {
  kind: 'reminder' | 'late' | 'chase';
  /** 1-based number among the steps of its kind. */
  n: number;
  at: number;
}

/** The clock of a report: reminders, the deadline, then the chasing notices; in time order. */
export function reportClock(input: DutyReportInput): ReportClockStep[] {
  if (!input.dueAt) return [];
  const due = Date.parse(input.dueAt);
  const steps: ReportClockStep[] = input.reminders
    .map((at) => Date.parse(at))
    .filter((at) => at < due)
    .sort((a, b) => a - b)
    .map((at, i) => ({ kind: 'reminder', n: i + 1, at }));
  steps.push({ kind: 'late', n: 1, at: due });
  const every = Math.max(1, input.chase.everyDays) * DAY_MS;
  for (let n = 1; n <= input.chase.times; n++) steps.push({ kind: 'chase', n, at: due + n * every });
  return steps;
}

/**
 * Whether a step whose time has passed is moot: a reminder once a later step is due too, a chase once the next
 * chase is due (a clock that starts late — a round run by hand for an old period — sends one notice, not a burst).
 */
export function stepIsMoot(step: ReportClockStep, steps: ReportClockStep[], now: number): boolean {
  if (step.kind === 'late') return false;
  const later = steps.filter((s) => s.at > step.at && s.at <= now);
  return step.kind === 'reminder' ? later.length > 0 : later.some((s) => s.kind === 'chase');
}

// ---------------------------------------------------------------------------------------------------------------
// The periods the rounds work on

/** Monday 00:05: the weekly round drafts the week that has just ended. */
export function weeklyRoundPeriod(now: Instant): Period {
  return shiftPeriod(weekOf(now), -1);
}

/** The 1st: the monthly round drafts the month that has just ended. */
export function monthlyRoundPeriod(now: Instant): Period {
  return shiftPeriod(monthOf(now), -1);
}

/** P8: the bulletin clock drafts the week or month before the one it fires in. */
export function bulletinRoundPeriod(now: Instant, period: 'week' | 'month'): Period {
  return period === 'week' ? shiftPeriod(weekOf(now), -1) : shiftPeriod(monthOf(now), -1);
}

/** November 20: the annual round drafts the current year. */
export function annualRoundPeriod(now: Instant): Period {
  return yearOf(now);
}

// ---------------------------------------------------------------------------------------------------------------
// Who revises, who approves

/** Who approves a kind of report, as the rejection and the API documentation say it. */
export function approverDescription(kind: DutyReportKind): string {
  switch (kind) {
    case 'annual_county':
      return '总网格长/副总网格长 (approved by the county government)';
    case 'dual_dispatch':
    case 'bulletin':
      return 'a head of 县环委办 (its 分网格长/副分网格长 roles)';
    case 'risk_warning':
      return "the unit's principal head, its 分网格长 or 网格长, not a deputy (经单位主要领导签字)";
    default:
      return "the unit's 分网格长/副分网格长 or 网格长/副网格长";
  }
}

/** Which approval rules a report runs under: reports started before P4's principal rule keep the old one. */
export interface ApprovalRules {
  /** P4: the risk-warning list is signed by the unit's principal head only ("经单位主要领导签字"). */
  principalRiskList: boolean;
}

export const CURRENT_APPROVAL_RULES: ApprovalRules = { principalRiskList: true };

/**
 * Approval is the unit's seal: its head or deputy (a department's 分网格长/副分网格长, a township's 网格长/副网格长);
 * the risk-warning list by the principal head alone; 县环委办's own reports by a head of 县环委办; the county's
 * annual report by the 总网格长 or 副总网格长.
 */
export function mayApprove(
  actor: Actor,
  report: { kind: DutyReportKind; unit: string },
  rules: ApprovalRules = CURRENT_APPROVAL_RULES,
): boolean {
  // The county's annual report goes to the county heads ("送县人民政府审定").
  if (report.kind === 'annual_county') return isCountyHead(actor);
  // "相关材料需经单位主要领导签字并加盖公章": the 分网格长 or 网格长 in person.
  if (report.kind === 'risk_warning' && rules.principalRiskList) return isUnitPrincipalOf(actor, report.unit);
  return isUnitHeadOf(actor, report.unit);
}

/** The narrative parts are written by the reporting unit's own members. */
export function mayRevise(actor: Actor, report: { unit: string }): boolean {
  return actor.unitCode === report.unit;
}

// ---------------------------------------------------------------------------------------------------------------
// The narrative the unit writes

export interface NarrativePart {
  key: string;
  label: string;
  /** Must be written before the report can be approved. */
  required: boolean;
}

const P6_PARTS: NarrativePart[] = [
  { key: 'basicWork', label: '一、基本工作开展情况', required: true },
  { key: 'rectification', label: '二、问题整改情况', required: true },
  { key: 'problems', label: '三、存在的问题和困难', required: true },
  { key: 'plans', label: '四、下一步工作建议和计划', required: true },
];

/** The parts of each kind the unit writes; everything else is drafted from the records. */
export const NARRATIVE_PARTS: Record<DutyReportKind, readonly NarrativePart[]> = {
  weekly: [
    { key: 'summary', label: '本周工作情况', required: false },
    { key: 'remarks', label: '其他需要说明的情况', required: false },
  ],
  monthly_summary: [
    { key: 'summary', label: '工作总结', required: false },
    { key: 'practices', label: '经验做法', required: false },
    { key: 'problems', label: '存在问题及建议', required: false },
  ],
  risk_warning: [
    { key: 'assessment', label: '风险隐患研判', required: false },
    { key: 'measures', label: '防范措施', required: false },
  ],
  dual_dispatch: [{ key: 'remarks', label: '说明', required: false }],
  // P6 names the four contents; the statistics are drafted, the text is the unit's own.
  annual_self_assessment: P6_PARTS,
  annual_county: P6_PARTS,
  bulletin: [
    { key: 'summary', label: '总体情况', required: false },
    { key: 'notable', label: '重点事项', required: false },
    { key: 'requirements', label: '下一步工作要求', required: false },
  ],
};

/** The most characters of one narrative part. */
export const NARRATIVE_MAX = 20_000;

/** The empty narrative of a fresh draft. */
export function emptyNarrative(kind: DutyReportKind): Record<string, string> {
  return Object.fromEntries(NARRATIVE_PARTS[kind].map((p) => [p.key, '']));
}

// ---------------------------------------------------------------------------------------------------------------
// The live state of a report and the rules of its updates

export type DutyReportStatus = 'drafting' | 'draft' | 'submitted';

/** What every report's content has; the rest is the kind's own (see report-content.ts). */
export interface ReportContentBase {
  kind: DutyReportKind;
  title: string;
  unit: { code: string; name: string };
  period: { id: string; label: string; start: string; end: string };
  narrative: Record<string, string>;
}

/** The approval, which is the seal (P3 审定并加盖单位公章). */
export interface ReportApproval {
  approverId: string;
  approverName: string;
  approverTitle: string;
  /** Workflow time of the approval, ISO 8601. */
  approvedAt: string;
  revision: number;
  contentHash: string;
  sealHash: string;
}

export interface DutyReportState {
  reportId: string;
  workflowId: string;
  kind: DutyReportKind;
  unit: string;
  period: string;
  dueAt: string | null;
  status: DutyReportStatus;
  revision: number;
  content: ReportContentBase | null;
  contentHash: string | null;
  approval: ReportApproval | null;
  submittedAt: string | null;
  /** approvedAt <= dueAt; null until submitted (true for a report without a deadline). */
  onTime: boolean | null;
  lateMarkedAt: string | null;
  remindersSent: number;
  chased: number;
  /** The next step of its clock while it waits. */
  next: { kind: ReportClockStep['kind']; at: string } | null;
}

export function initialReportState(input: DutyReportInput, workflowId: string): DutyReportState {
  return {
    reportId: dutyReportId(input.kind, input.unit, input.period),
    workflowId,
    kind: input.kind,
    unit: input.unit,
    period: input.period,
    dueAt: input.dueAt,
    status: 'drafting',
    revision: 0,
    content: null,
    contentHash: null,
    approval: null,
    submittedAt: null,
    onTime: null,
    lateMarkedAt: null,
    remindersSent: 0,
    chased: 0,
    next: null,
  };
}

export interface ReviseArgs {
  actor: Actor;
  /** New text of narrative parts, by key; parts not named stay as they are. */
  narrative?: Record<string, string>;
  /** Draft the recorded part again from the records as they are now (late patrol records, new ledger lines). */
  redraft?: boolean;
}

export interface ApproveArgs {
  actor: Actor;
  /** The revision the approver read; when given and no longer current, the approval is refused. */
  revision?: number;
}

function submittedRejection(state: DutyReportState): Rejection {
  return reject(
    'wrong-state',
    'report-submitted',
    `Report ${state.reportId} was approved and submitted at ${state.submittedAt ?? '?'}; it can no longer change.`,
    { field: 'status', rule: REPORT_KIND_RULES[state.kind] },
  );
}

/** Why a revision is refused, or null. */
export function checkRevise(state: DutyReportState, args: ReviseArgs | undefined): Rejection | null {
  const rule = REPORT_KIND_RULES[state.kind];
  if (state.status === 'submitted') return submittedRejection(state);
  if (!args?.actor || !mayRevise(args.actor, state))
    return reject(
      'forbidden',
      'actor-not-permitted',
      `Only members of ${state.unit} revise report ${state.reportId}.`,
      { field: 'actor', rule },
    );
  const narrative = args.narrative ?? {};
  if (typeof narrative !== 'object' || narrative === null || Array.isArray(narrative))
    return reject('invalid-data', 'report-narrative-invalid', 'narrative must be an object of texts', {
      field: 'narrative',
      rule,
    });
  const known = NARRATIVE_PARTS[state.kind].map((p) => p.key);
  for (const [key, text] of Object.entries(narrative)) {
    const field = `narrative.${key}`;
    if (!known.includes(key))
      return reject(
        'invalid-data',
        'report-narrative-unknown',
        `${field} is not a part of a ${state.kind} report; its parts are ${known.join(', ')}`,
        { field, rule },
      );
    if (typeof text !== 'string')
      return reject('invalid-data', 'report-narrative-invalid', `${field} must be text`, { field, rule });
    if (text.length > NARRATIVE_MAX)
      return reject('invalid-data', 'field-too-long', `${field} is longer than ${NARRATIVE_MAX}`, {
        field,
        rule,
      });
  }
  if (Object.keys(narrative).length === 0 && !args.redraft)
    return reject('invalid-data', 'report-revision-empty', 'a revision changes the narrative or redrafts', {
      field: 'narrative',
      rule,
    });
  return null;
}

/** Why an approval is refused, or null. The content checks wait until the draft exists. */
export function checkApprove(
  state: DutyReportState,
  args: ApproveArgs | undefined,
  rules: ApprovalRules = CURRENT_APPROVAL_RULES,
): Rejection | null {
  const rule = REPORT_KIND_RULES[state.kind];
  if (state.status === 'submitted') return submittedRejection(state);
  if (!args?.actor || !mayApprove(args.actor, state, rules))
    return reject(
      'forbidden',
      'actor-not-permitted',
      `Report ${state.reportId} is approved by ${approverDescription(state.kind)}.`,
      { field: 'actor', rule },
    );
  if (args.revision !== undefined && state.status === 'draft' && args.revision !== state.revision)
    return reject(
      'wrong-state',
      'report-revision-changed',
      `The approval was for revision ${args.revision}, but the report is now at revision ${state.revision}; read it again.`,
      { field: 'revision', rule },
    );
  if (state.content) {
    const missing = NARRATIVE_PARTS[state.kind].find(
      (p) => p.required && !(state.content?.narrative[p.key] ?? '').trim(),
    );
    if (missing)
      return reject(
        'invalid-data',
        'report-narrative-missing',
        `${missing.label} (narrative.${missing.key}) must be written before approval`,
        { field: `narrative.${missing.key}`, rule },
      );
  }
  return null;
}

/** The content with the narrative parts replaced (keys outside the kind's parts are ignored). */
export function withNarrative<C extends ReportContentBase>(content: C, narrative: Record<string, string>): C {
  const known = NARRATIVE_PARTS[content.kind].map((p) => p.key);
  const next = { ...content.narrative };
  for (const [key, text] of Object.entries(narrative)) if (known.includes(key)) next[key] = text;
  return { ...content, narrative: next };
}

/** Takes a (re)drafted content in: revision + 1 and its hash. */
export function applyContent(state: DutyReportState, content: ReportContentBase): void {
  state.content = content;
  state.contentHash = contentHash(content);
  state.revision += 1;
}

/** Approves: seals the current revision at `now` (workflow time) and submits it. */
export function applyApproval(state: DutyReportState, actor: Actor, now: number): ReportApproval {
  if (!state.content || !state.contentHash) throw new Error('a report is approved only once drafted');
  const approvedAt = new Date(now).toISOString();
  const approval: ReportApproval = {
    approverId: actor.id,
    approverName: actor.name,
    approverTitle: approverTitle(actor),
    approvedAt,
    revision: state.revision,
    contentHash: state.contentHash,
    sealHash: sealHash({
      reportId: state.reportId,
      revision: state.revision,
      contentHash: state.contentHash,
      approver: { id: actor.id, name: actor.name },
      approvedAt,
    }),
  };
  state.approval = approval;
  state.status = 'submitted';
  state.submittedAt = approvedAt;
  state.onTime = state.dueAt === null || now <= Date.parse(state.dueAt);
  state.next = null;
  return approval;
}

// ---------------------------------------------------------------------------------------------------------------
// Notices

function reportLine(state: DutyReportState, unitName: string): string {
  return `${unitName}${periodLabel(parsePeriod(state.period))}${REPORT_KIND_LABELS[state.kind]}`;
}

/** The unit's head and deputy; for the county report also the 副总网格长 who approves it. */
function unitHeads(state: DutyReportState): DutyAudience[] {
  const audiences: DutyAudience[] = [
    { role: 'unit_head', unit: state.unit },
    { role: 'unit_deputy', unit: state.unit },
  ];
  if (state.kind === 'annual_county') audiences.push({ role: 'deputy_chief' });
  return audiences;
}

/** The unit's head and 县环委办 (just 县环委办 for its own reports). */
function headAndOffice(state: DutyReportState, ecoOffice: string): DutyAudience[] {
  const audiences: DutyAudience[] =
    state.unit === ecoOffice
      ? [{ role: 'eco_office', unit: ecoOffice }]
      : [
          { role: 'unit_head', unit: state.unit },
          { role: 'eco_office', unit: ecoOffice },
        ];
  if (state.kind === 'annual_county') audiences.push({ role: 'deputy_chief' });
  return audiences;
}

export function reminderNotice(state: DutyReportState, unitName: string, n: number): DutyNotice {
  const due = state.dueAt ? formatShanghai(Date.parse(state.dueAt)) : '';
  return {
    key: `${state.reportId}/reminder-${n}`,
    kind: 'report_reminder',
    ref: state.reportId,
    audiences: unitHeads(state),
    subject: `【报送提醒】${reportLine(state, unitName)}请于${due}前审定报送`,
    body: `${reportLine(state, unitName)}已起草，请于${due}前审定（加盖公章即审定）并报送${REPORT_RECIPIENTS[state.kind]}（${REPORT_KIND_RULES[state.kind]}）。`,
  };
}

export function lateNotice(state: DutyReportState, unitName: string, ecoOffice: string): DutyNotice {
  const due = state.dueAt ? formatShanghai(Date.parse(state.dueAt)) : '';
  return {
    key: `${state.reportId}/late`,
    kind: 'report_late',
    ref: state.reportId,
    audiences: headAndOffice(state, ecoOffice),
    subject: `【逾期未报】${reportLine(state, unitName)}`,
    body: `${reportLine(state, unitName)}应于${due}前报送，截至期限仍未审定报送，已记为逾期（${REPORT_KIND_RULES[state.kind]}），请尽快补报。`,
  };
}

export function chaseNotice(
  state: DutyReportState,
  unitName: string,
  ecoOffice: string,
  n: number,
): DutyNotice {
  const due = state.dueAt ? formatShanghai(Date.parse(state.dueAt)) : '';
  return {
    key: `${state.reportId}/chase-${n}`,
    kind: 'report_chased',
    ref: state.reportId,
    audiences: headAndOffice(state, ecoOffice),
    subject: `【催报（第${n}次）】${reportLine(state, unitName)}`,
    body: `${reportLine(state, unitName)}已超过报送期限（${due}）仍未报送，第${n}次催报，请立即审定报送。`,
  };
}

/** "approval submits it to 县环委办": 县环委办 hears of each submission (not of its own). */
export function submittedNotices(state: DutyReportState, unitName: string, ecoOffice: string): DutyNotice[] {
  if (state.unit === ecoOffice || !state.approval) return [];
  const approval = state.approval;
  return [
    {
      key: `${state.reportId}/submitted`,
      kind: 'report_submitted',
      ref: state.reportId,
      audiences: [{ role: 'eco_office', unit: ecoOffice }],
      subject: `【已报送${state.onTime ? '' : '（逾期）'}】${reportLine(state, unitName)}`,
      body: `${reportLine(state, unitName)}已由${approval.approverName}（${approval.approverTitle}）于${formatShanghai(Date.parse(approval.approvedAt))}审定报送${state.onTime ? '' : '，已超过报送期限'}。`,
    },
  ];
}

/** The outbox audience of a report sent on to the prefecture; its delivery is an e-mail with the sealed PDF. */
export const PREFECTURE_AUDIENCE = 'prefecture';

/**
 * P4, P6: an approved report that goes on to the prefecture (州级): 县环委办's 双调度 report and the county's annual
 * report to 州环委办, and each county department's annual self-assessment "also to its prefecture counterpart".
 */
export function goesToPrefecture(kind: DutyReportKind, unitKind: OrganisationUnitKind): boolean {
  switch (kind) {
    case 'dual_dispatch':
    case 'annual_county':
      return true;
    case 'annual_self_assessment':
      return unitKind === 'department';
    default:
      return false;
  }
}

/** What the county's seal of a report's PDF says about it (P10): the key and the digests of the file. */
export interface SealedDocument {
  keyId: string;
  sm3: string;
  sha256: string;
}

/**
 * The lines of a covering e-mail about the attached PDF's seal (P10). They claim only what is true: a PDF signed
 * with the county's key says which key and how to verify it; one sealed under the old scheme says it is unsigned.
 */
export function sealClaimLines(
  approval: { approverName: string; approvedAt: string; sealHash: string },
  seal: SealedDocument | null,
): string[] {
  const approved = `审定人：${approval.approverName}；审定时间：${formatShanghai(Date.parse(approval.approvedAt))}（北京时间）。`;
  if (!seal)
    return [
      approved,
      `审定摘要（SHA-256）：${approval.sealHash}`,
      '该材料按旧方案审定：仅有 SHA-256 摘要，未经县级电子签章密钥签名。',
    ];
  return [
    approved,
    `附件 PDF 已由榕江县电子签章密钥 ${seal.keyId} 以 SM2/SM3（GB/T 32918、GM/T 0003）签名。`,
    `附件文件摘要 SM3：${seal.sm3}`,
    `附件文件摘要 SHA-256：${seal.sha256}`,
    '核验：将附件 PDF 上传至本系统 POST /api/v1/seal/verify（或提交上述任一摘要），即可确认由本县签发且未被改动；公钥见 GET /api/v1/seal/public-keys。',
  ];
}

/** The covering e-mail of a sealed report sent to the prefecture; the sealed PDF goes with it. */
export function prefectureSubmissionText(
  report: { kind: DutyReportKind; period: string },
  unitName: string,
  counterpart: string,
  approval: { approverName: string; approvedAt: string; sealHash: string },
  seal: SealedDocument | null,
): { subject: string; body: string } {
  const title = `${unitName}${periodLabel(parsePeriod(report.period))}${REPORT_KIND_LABELS[report.kind]}`;
  return {
    subject: `【报送】${title}`,
    body: [
      `${counterpart}：`,
      `现报送${title}，详见附件（PDF，已审定${seal ? '并加盖电子签章' : ''}）。`,
      ...sealClaimLines(approval, seal),
      `${unitName}`,
    ].join('\n'),
  };
}

/** The outbox audience of a bulletin e-mailed to the county leadership (P8); the sealed PDF goes with it. */
export const LEADERSHIP_AUDIENCE = 'leadership';

/** P8: "呈报县委、县政府、县生态环境保护委员会": the covering e-mail of a sealed bulletin to one of them. */
export function bulletinDeliveryText(
  report: { kind: DutyReportKind; period: string },
  officeName: string,
  recipient: string,
  approval: { approverName: string; approvedAt: string; sealHash: string },
  seal: SealedDocument | null,
): { subject: string; body: string } {
  const title = `${periodLabel(parsePeriod(report.period))}${REPORT_KIND_LABELS[report.kind]}`;
  return {
    subject: `【情况通报】${title}`,
    body: [
      `${recipient}：`,
      `现呈报${title}（${officeName}编制），详见附件（PDF，已审定${seal ? '并加盖电子签章' : ''}）。`,
      ...sealClaimLines(approval, seal),
      officeName,
    ].join('\n'),
  };
}
