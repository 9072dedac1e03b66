/**
 * What an operator reads about an issue in the Temporal UI: the workflow's fixed summary and details, its current
 * details (state, deadline in Beijing time, who must act, escalation, attention) and the labels of its timers and
 * ledger writes, so the timeline reads like the issue's story. Pure: the workflow and the API both use it.
 */
import { ESCALATION_STEPS, ISSUE_PROCESS, type ObligationKind } from '../process/issue-process.definition';
import type { IssueLifecycleInput, IssueState, IssueStatus } from './issue.types';
import type { Timer } from './lifecycle/timers';

const BEIJING_OFFSET_MS = 8 * 3_600_000;

const STATUS_LABEL: Record<IssueStatus, string> = {
  reported: '已上报',
  transferred: '已移交待受理',
  owner_pending: '待县环委办定责',
  accepted: '已受理',
  fix_confirmation: '立行立改待确认',
  rectifying: '整改中',
  joint_investigation: '联合调查',
  awaiting_acceptance: '申请销号待验收',
  public_notice: '公示中',
  awaiting_signoff: '待双销号',
  closed: '已销号',
  archived: '已建档',
};

const SEVERITY_LABEL = { general: '一般', major: '重大' } as const;

/** The deadlines' short names, as a timer's label starts. */
const OBLIGATION_LABEL: Record<ObligationKind, string> = {
  report_handling: '上报处理',
  transfer_acceptance: '移交受理',
  transfer_feedback: '查处结果反馈',
  plan: '五定方案',
  rectification: '整改',
  consultation: '重大问题会商',
  fix_confirmation: '立行立改确认',
  closure_acceptance: '销号验收',
};

/** What each step of the ladder (L10) does when its timer fires. */
const STEP_LABEL = ['期限提醒', '逾期通报', '县级督办', '报总网格长'] as const;

/** Events that no action of the process definition names. */
const SYSTEM_EVENT_LABEL: Record<string, string> = {
  reported: '上报',
  reopened: '重新打开',
  owner_accepted: '确定整改责任单位',
  accountability_flagged: '问责标记',
  major_issue_reported: '重大问题报告',
  deadline_reminder: '期限提醒',
  escalated: '逾期督办',
  progress_reminder: '进展提醒',
  joint_task_overdue: '联合调查逾期',
  joint_investigation_completed: '联合调查完成',
  public_notice_completed: '公示期满',
  closed: '销号',
  archived: '建档',
};

const ACTION_LABEL: Record<string, string> = Object.fromEntries(
  ISSUE_PROCESS.actions.map((action) => [action.id, action.label]),
);

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as Beijing time: `2026年12月18日 17:00`. Plain arithmetic, so workflow code may call it. */
export function beijingTime(instant: string | number): string {
  const d = new Date((typeof instant === 'number' ? instant : Date.parse(instant)) + BEIJING_OFFSET_MS);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The day of an instant in Beijing, short: `12月18日`. */
export function beijingDay(instant: number): string {
  const d = new Date(instant + BEIJING_OFFSET_MS);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The workflow's fixed one-line summary: code, severity, title and township. */
export function issueStaticSummary(input: Pick<IssueLifecycleInput, 'code' | 'report'>): string {
  const { report } = input;
  return `问题 ${input.code} · [${SEVERITY_LABEL[report.severity]}] ${clip(report.title, 40)} · ${report.township}`;
}

/** The workflow's fixed details (Markdown): the report as it came in, and where the issue belongs. */
export function issueStaticDetails(input: IssueLifecycleInput): string {
  const { report } = input;
  return [
    `**问题 Issue** ${input.code}：${clip(report.title, 100)}`,
    `**描述 Description** ${clip(report.description.replace(/\s+/g, ' '), 300)}`,
    `**类别 Category** ${report.category} · **程度 Severity** ${SEVERITY_LABEL[report.severity]} · **来源 Source** ${report.source}`,
    `**地点 Where** ${report.township}${report.village ? ` ${report.village}` : ''}${
      report.location ? ` (${report.location.lat}, ${report.location.lng})` : ''
    }`,
    `**发现单位 Found by** ${report.finderUnit}（${report.reportedBy}），${beijingTime(input.reportedAt)}（北京时间）`,
    `**责任单位 Owners** 行业 ${input.sectorOwner} · 属地 ${input.territorialOwner}`,
    ...(input.reopen
      ? [`**重新打开 Reopened** ${clip(input.reopen.reason, 200)}（${input.reopen.actorUnit}）`]
      : []),
  ].join('\n\n');
}

/** Why the issue waits for the system operators, when it does. */
export interface AttentionNote {
  reason: string;
}

/** The current details (Markdown), refreshed on every change: where it stands and who must act by when. */
export function issueCurrentDetails(
  state: IssueState,
  now: number,
  attention?: AttentionNote | null,
): string {
  const lines = [`**状态 State** ${STATUS_LABEL[state.status]}（${state.status}）`];
  if (state.deadline) {
    const passed = Date.parse(state.deadline) <= now;
    lines.push(
      `**期限 Deadline** ${beijingTime(state.deadline)}（北京时间）${passed || state.overdue ? ' · **已逾期 overdue**' : ''}`,
    );
  }
  if (state.awaiting.length > 0) lines.push(`**待办单位 Must act** ${state.awaiting.join('、')}`);
  if (state.owner) lines.push(`**整改责任单位 Owner** ${state.owner}`);
  const level = state.escalationLevel;
  lines.push(
    `**督办级别 Escalation** ${level}${level > 0 ? ` · ${ESCALATION_STEPS[level]?.label ?? ''}` : ''}${
      state.countySupervision ? ' · 县级督办' : ''
    }`,
  );
  if (attention) lines.push(`**需人工处理 Needs attention** ${clip(attention.reason, 300)}`);
  return lines.join('\n\n');
}

/** A timer's label in the timeline: what fires, and on which Beijing day (e.g. `整改期限提醒 · 12月18日`). */
export function timerSummary(timer: Timer): string {
  const day = beijingDay(timer.at);
  if (timer.kind === 'ladder')
    return `${OBLIGATION_LABEL[timer.obligation]}${STEP_LABEL[timer.step]} · ${day}`;
  if (timer.kind === 'progress_reminder') return `整改进展报送提醒 · ${day}`;
  return `公示期满 · ${day}`;
}

/** An event type in Chinese: the action's own label, or the system event's. */
export function eventLabel(type: string): string {
  return ACTION_LABEL[type] ?? SYSTEM_EVENT_LABEL[type] ?? type;
}

/** A ledger write's label in the timeline: `写入台账 · 上报、重大问题报告`. */
export function ledgerWriteSummary(events: ReadonlyArray<{ type: string }>): string {
  const labels = [...new Set(events.map((e) => eventLabel(e.type)))];
  return clip(`写入台账 · ${labels.join('、')}`, 120);
}
