/**
 * 交办任务 (seed 三(二)12: 县环委办 "落实网格长交办的工作任务"): a county grid head assigns a task to 县环委办 or another
 * unit with a deadline; the assignee reports it done, and the assigner accepts the report or sends it back. The
 * deadline climbs the issue's escalation ladder (L10) while the task waits for its assignee. Pure and
 * deterministic: the workflow runs these rules, the API checks with them before it asks.
 */
import { addWorkingDays, workingDaysBefore, type OfficialCalendar } from '../calendar/working-days';
import { reject, type Rejection } from '../common/rejection';
import { findUnstorableText } from '../common/text';
import type { DutyAudience, DutyNotice } from '../duties/duty-notices';
import { endOfDay, formatShanghai, shanghaiParts } from '../duties/periods';
import { isCountyHead, type Actor } from '../organisation/roles';

export const TASK_STATUSES = ['assigned', 'reported', 'accepted'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  assigned: '已交办，待办理',
  reported: '已报送办理结果，待验收',
  accepted: '已验收办结',
};

/** The ladder's numbers: the issue's deadline policy (L10), as the task was assigned under it. */
export interface TaskPolicy {
  reminderWorkingDaysBefore: number;
  countySupervisionAfterWorkingDays: number;
  chiefEscalationAfterWorkingDays: number;
}

export const TASK_LADDER_LABELS = [
  '到期前提醒承办单位',
  '逾期：通知承办单位负责人和交办人',
  '县级督办：通知副总网格长和县环委办',
  '通知总网格长',
] as const;

export interface TaskPerson {
  id: string;
  name: string;
  unitCode: string;
}

/** What the API starts a task's workflow with. */
export interface AssignedTaskInput {
  code: string;
  title: string;
  description: string;
  /** Unit code of the assignee (县环委办 unless another unit is named). */
  assignee: string;
  assigneeName: string;
  assigner: TaskPerson;
  /** YYYY-MM-DD (Asia/Shanghai): the task is due by the end of that day. */
  deadline: string;
  issueCodes: string[];
  assignedAt: string;
  policy: TaskPolicy;
  calendar: OfficialCalendar;
  ecoOffice: string;
}

export interface TaskReport {
  seq: number;
  text: string;
  evidence: string[];
  by: TaskPerson;
  at: string;
}

export interface TaskDecision {
  accepted: boolean;
  text: string;
  by: TaskPerson;
  at: string;
  /** A send-back may set a new deadline (YYYY-MM-DD); the ladder then starts again from it. */
  newDeadline?: string;
}

/** The live state a query returns and the read model keeps. */
export interface AssignedTaskState {
  code: string;
  title: string;
  description: string;
  assignee: string;
  assigneeName: string;
  assigner: TaskPerson;
  deadline: string;
  /** End of the deadline day, ISO. */
  dueAt: string;
  issueCodes: string[];
  assignedAt: string;
  status: TaskStatus;
  reports: TaskReport[];
  decisions: TaskDecision[];
  /** Last ladder step fired for the current deadline: -1 none, 0 reminder, 1 overdue, 2 county, 3 总网格长. */
  step: number;
  overdue: boolean;
  /** 县级督办 (L10 step 2) reached at some time. */
  countySupervision: boolean;
  completedAt: string | null;
  policy: TaskPolicy;
  ecoOffice: string;
  eventCount: number;
}

/** One event of a task's history, before its id and sequence (append-only, like an issue's, L15). */
export interface TaskEventDraft {
  type: string;
  actor: string;
  actorName: string;
  payload: Record<string, unknown>;
  notices: DutyNotice[];
}

export interface TaskEventRecord extends TaskEventDraft {
  id: string;
  taskCode: string;
  seq: number;
  at: string;
}

export const TASK_CODE_PATTERN = /^JB-\d{4}-\d{6}$/;

/** `JB-2027-000001` (交办): year of assignment, then a county-wide sequence. */
export function formatTaskCode(year: number, seq: number): string {
  return `JB-${year}-${String(seq).padStart(6, '0')}`;
}

export function taskWorkflowId(code: string): string {
  return `assigned-task-${code}`;
}

/** R4: who may assign a task: the county grid heads (总网格长、副总网格长). */
export function mayAssignTask(actor: Actor): boolean {
  return isCountyHead(actor);
}

export function initialTaskState(input: AssignedTaskInput): AssignedTaskState {
  return {
    code: input.code,
    title: input.title,
    description: input.description,
    assignee: input.assignee,
    assigneeName: input.assigneeName,
    assigner: input.assigner,
    deadline: input.deadline,
    dueAt: endOfDay(input.deadline).toISOString(),
    issueCodes: input.issueCodes,
    assignedAt: input.assignedAt,
    status: 'assigned',
    reports: [],
    decisions: [],
    step: -1,
    overdue: false,
    countySupervision: false,
    completedAt: null,
    policy: input.policy,
    ecoOffice: input.ecoOffice,
    eventCount: 0,
  };
}

/** When each ladder step of the current deadline fires (L9 working days, L10 steps). */
export function taskLadderTimes(state: AssignedTaskState, calendar: OfficialCalendar): number[] {
  const due = Date.parse(state.dueAt);
  const p = state.policy;
  return [
    workingDaysBefore(calendar, due, p.reminderWorkingDaysBefore).getTime(),
    due + 1,
    addWorkingDays(calendar, due, p.countySupervisionAfterWorkingDays).getTime(),
    addWorkingDays(calendar, due, p.chiefEscalationAfterWorkingDays).getTime(),
  ];
}

/** A reminder whose time has passed when a deadline is set is not sent after the fact (as for an issue, L10). */
export function skipPastReminder(state: AssignedTaskState, calendar: OfficialCalendar, now: number): void {
  if (state.step < 0 && taskLadderTimes(state, calendar)[0] <= now) state.step = 0;
}

/**
 * The next ladder step and when, or null: the ladder runs only while the task waits for its assignee; a report
 * awaiting the assigner's decision holds it, and an accepted task has none.
 */
export function nextTaskStep(
  state: AssignedTaskState,
  calendar: OfficialCalendar,
): { step: number; at: number } | null {
  if (state.status !== 'assigned' || state.step >= 3) return null;
  const step = state.step + 1;
  return { step, at: taskLadderTimes(state, calendar)[step] };
}

const ref = (state: AssignedTaskState) => `assigned-task/${state.code}`;

/** The assignee's leaders: 县环委办's members when it is the assignee (it has no deputy head), else the unit's heads. */
function assigneeAudiences(state: AssignedTaskState): DutyAudience[] {
  return state.assignee === state.ecoOffice
    ? [{ role: 'eco_office', unit: state.ecoOffice }]
    : [
        { role: 'unit_head', unit: state.assignee },
        { role: 'unit_deputy', unit: state.assignee },
      ];
}

function ladderAudiences(state: AssignedTaskState, step: number): DutyAudience[] {
  switch (step) {
    case 0:
      return assigneeAudiences(state);
    case 1:
      return [
        { role: 'unit_head', unit: state.assignee },
        { role: 'member', memberId: state.assigner.id },
      ];
    case 2:
      return [{ role: 'deputy_chief' }, { role: 'eco_office', unit: state.ecoOffice }];
    default:
      return [{ role: 'chief' }];
  }
}

function ladderText(state: AssignedTaskState, step: number): { subject: string; body: string } {
  const due = formatShanghai(Date.parse(state.dueAt));
  switch (step) {
    case 0:
      return {
        subject: `【交办任务到期提醒】${state.title}`,
        body: `${state.assigner.name}交办的任务“${state.title}”将于 ${due} 到期，请${state.assigneeName}按时办结并报送办理结果。`,
      };
    case 1:
      return {
        subject: `【交办任务逾期】${state.title}`,
        body: `交办任务“${state.title}”已于 ${due} 到期，${state.assigneeName}尚未报送办理结果。`,
      };
    case 2:
      return {
        subject: `【交办任务县级督办】${state.title}`,
        body: `交办任务“${state.title}”逾期 ${state.policy.countySupervisionAfterWorkingDays} 个工作日仍未办结（${state.assigneeName}），列为县级督办。`,
      };
    default:
      return {
        subject: `【交办任务严重逾期】${state.title}`,
        body: `交办任务“${state.title}”逾期 ${state.policy.chiefEscalationAfterWorkingDays} 个工作日仍未办结（${state.assigneeName}），报总网格长。`,
      };
  }
}

const SYSTEM = { id: 'SYSTEM', name: '系统' };

/** Fires one ladder step: the event and its notice (L10 applied to a task). */
export function applyTaskStep(state: AssignedTaskState, step: number): TaskEventDraft[] {
  state.step = step;
  if (step >= 1) state.overdue = true;
  if (step >= 2) state.countySupervision = true;
  const seq = state.eventCount + 1;
  const text = ladderText(state, step);
  return [
    {
      type: step === 0 ? 'reminded' : 'escalated',
      actor: SYSTEM.id,
      actorName: SYSTEM.name,
      payload: { step, label: TASK_LADDER_LABELS[step], dueAt: state.dueAt, rule: 'R4,L10' },
      notices: [
        {
          key: `R4/${state.code}#${seq}`,
          kind: step === 0 ? 'task_reminder' : 'task_escalation',
          ref: ref(state),
          oncePerPerson: true,
          audiences: ladderAudiences(state, step),
          ...text,
        },
      ],
    },
  ];
}

/** The first event: who assigned what to whom, by when; the assignee's heads hear of it. */
export function assignedEvent(state: AssignedTaskState): TaskEventDraft {
  return {
    type: 'assigned',
    actor: state.assigner.id,
    actorName: state.assigner.name,
    payload: {
      title: state.title,
      description: state.description,
      assignee: state.assignee,
      deadline: state.deadline,
      issueCodes: state.issueCodes,
      rule: 'R4',
    },
    notices: [
      {
        key: `R4/${state.code}#1`,
        kind: 'task_assigned',
        ref: ref(state),
        oncePerPerson: true,
        audiences: assigneeAudiences(state),
        subject: `【交办任务】${state.title}`,
        body: `${state.assigner.name}向${state.assigneeName}交办任务“${state.title}”，请于 ${formatShanghai(Date.parse(state.dueAt))} 前办结并报送办理结果。\n${state.description}`,
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The assignee's report and the assigner's decision, each an Update with a validator.

export interface ReportTaskArgs {
  actor: Actor;
  text: string;
  evidence?: string[];
}

export interface DecideTaskArgs {
  actor: Actor;
  text: string;
  /** Only when sending back: a new deadline, YYYY-MM-DD. */
  newDeadline?: string;
}

function textProblem(value: unknown, field: string, max: number): Rejection | null {
  if (typeof value !== 'string' || value.trim() === '')
    return reject('invalid-data', 'field-required', `${field} is required`, { field, rule: 'R4' });
  if (value.length > max)
    return reject('invalid-data', 'field-too-long', `${field} is longer than ${max}`, { field, rule: 'R4' });
  const unstorable = findUnstorableText(value, field);
  return unstorable
    ? reject('invalid-data', 'unstorable-text', unstorable.message, { field, rule: unstorable.rule })
    : null;
}

const actorProblem = (actor: Actor | undefined): Rejection | null =>
  !actor || typeof actor.unitCode !== 'string' || typeof actor.id !== 'string' || !Array.isArray(actor.roles)
    ? reject('forbidden', 'actor-required', 'the task action needs an authenticated actor')
    : null;

/** R4: the assignee reports the task done while it waits for them. */
export function checkReportTask(state: AssignedTaskState, args: ReportTaskArgs): Rejection | null {
  const actor = actorProblem(args?.actor);
  if (actor) return actor;
  if (state.status !== 'assigned')
    return reject(
      'wrong-state',
      'task-not-awaiting-report',
      `the task is ${state.status}, not awaiting a report`,
      {
        rule: 'R4',
      },
    );
  if (args.actor.unitCode !== state.assignee)
    return reject(
      'forbidden',
      'actor-not-permitted',
      `only ${state.assignee}, the assignee, reports on this task`,
      {
        rule: 'R4',
      },
    );
  if (
    args.evidence !== undefined &&
    (!Array.isArray(args.evidence) || args.evidence.some((e) => typeof e !== 'string'))
  )
    return reject('invalid-data', 'evidence-invalid', 'evidence must be a list of evidence references', {
      field: 'evidence',
      rule: 'R4',
    });
  return textProblem(args.text, 'text', 20000);
}

/** R4: the assigner accepts a report or sends it back, with a reason and perhaps a new deadline. */
export function checkDecideTask(
  state: AssignedTaskState,
  args: DecideTaskArgs,
  accept: boolean,
  now: number,
  calendar: OfficialCalendar,
): Rejection | null {
  const actor = actorProblem(args?.actor);
  if (actor) return actor;
  if (state.status !== 'reported')
    return reject(
      'wrong-state',
      'task-not-reported',
      `the task is ${state.status}; only a reported task is decided`,
      {
        rule: 'R4',
      },
    );
  if (args.actor.id !== state.assigner.id)
    return reject(
      'forbidden',
      'actor-not-permitted',
      `only ${state.assigner.name}, who assigned the task, accepts or sends back its report`,
      { rule: 'R4' },
    );
  const text = textProblem(args.text, accept ? 'opinion' : 'reason', 5000);
  if (text) return text;
  if (accept || args.newDeadline === undefined) return null;
  return deadlineProblem(args.newDeadline, 'newDeadline', now, calendar, state.policy);
}

/** A deadline is a real date, not before today (Shanghai), whose ladder the official calendar covers (L9). */
export function deadlineProblem(
  deadline: unknown,
  field: string,
  now: number,
  calendar: OfficialCalendar,
  policy: TaskPolicy,
): Rejection | null {
  const invalid = (code: string, message: string) =>
    reject('invalid-data', code, message, { field, rule: 'R4' });
  if (typeof deadline !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(deadline))
    return invalid('date-invalid', `${field} must be a date YYYY-MM-DD`);
  const due = endOfDay(deadline);
  if (Number.isNaN(due.getTime()) || due.toISOString() === 'Invalid Date')
    return invalid('date-invalid', `${field} must be a date YYYY-MM-DD`);
  const today = shanghaiParts(now);
  const todayId = `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`;
  if (deadline < todayId) return invalid('date-in-past', `${field} ${deadline} is before today (${todayId})`);
  try {
    addWorkingDays(calendar, due.getTime(), policy.chiefEscalationAfterWorkingDays);
    workingDaysBefore(calendar, due.getTime(), policy.reminderWorkingDaysBefore);
  } catch (error) {
    return reject('invalid-data', 'beyond-official-calendar', (error as Error).message, {
      field,
      rule: 'R4,L9',
    });
  }
  return null;
}

const person = (actor: Actor): TaskPerson => ({ id: actor.id, name: actor.name, unitCode: actor.unitCode });

/** The report: the task waits for the assigner, the ladder holds; the assigner hears of it. */
export function applyReportTask(
  state: AssignedTaskState,
  args: ReportTaskArgs,
  at: string,
): TaskEventDraft[] {
  const report: TaskReport = {
    seq: state.reports.length + 1,
    text: args.text,
    evidence: args.evidence ?? [],
    by: person(args.actor),
    at,
  };
  state.reports.push(report);
  state.status = 'reported';
  return [
    {
      type: 'reported',
      actor: args.actor.id,
      actorName: args.actor.name,
      payload: { report: report.seq, text: report.text, evidence: report.evidence, rule: 'R4' },
      notices: [
        {
          key: `R4/${state.code}#${state.eventCount + 1}`,
          kind: 'task_reported',
          ref: ref(state),
          oncePerPerson: true,
          audiences: [{ role: 'member', memberId: state.assigner.id }],
          subject: `【交办任务办理结果】${state.title}`,
          body: `${state.assigneeName}报送交办任务“${state.title}”的办理结果，请验收：\n${report.text}`,
        },
      ],
    },
  ];
}

/** The decision: accepted ends the task; sent back, it waits for the assignee again (perhaps to a new deadline). */
export function applyDecideTask(
  state: AssignedTaskState,
  args: DecideTaskArgs,
  accept: boolean,
  at: string,
): TaskEventDraft[] {
  const decision: TaskDecision = {
    accepted: accept,
    text: args.text,
    by: person(args.actor),
    at,
    ...(!accept && args.newDeadline ? { newDeadline: args.newDeadline } : {}),
  };
  state.decisions.push(decision);
  if (accept) {
    state.status = 'accepted';
    state.overdue = false;
    state.completedAt = at;
  } else {
    state.status = 'assigned';
    if (args.newDeadline) {
      // A new term: its own ladder from the start, the old overdue flag gone.
      state.deadline = args.newDeadline;
      state.dueAt = endOfDay(args.newDeadline).toISOString();
      state.step = -1;
      state.overdue = false;
    }
  }
  const verb = accept ? '验收通过' : '退回重办';
  return [
    {
      type: accept ? 'accepted' : 'sent_back',
      actor: args.actor.id,
      actorName: args.actor.name,
      payload: {
        text: args.text,
        ...(decision.newDeadline ? { newDeadline: decision.newDeadline } : {}),
        rule: 'R4',
      },
      notices: [
        {
          key: `R4/${state.code}#${state.eventCount + 1}`,
          kind: accept ? 'task_accepted' : 'task_sent_back',
          ref: ref(state),
          oncePerPerson: true,
          audiences: assigneeAudiences(state),
          subject: `【交办任务${verb}】${state.title}`,
          body: `${state.assigner.name}对交办任务“${state.title}”的办理结果${verb}：${args.text}${
            decision.newDeadline ? `\n新的办结时限：${decision.newDeadline}` : ''
          }`,
        },
      ],
    },
  ];
}

/** The memo summary an operator reads in the Temporal UI. */
export function taskSummary(state: AssignedTaskState): string {
  return `交办任务 ${state.code}：${state.title}（${state.assigneeName}，${TASK_STATUS_LABELS[state.status]}，时限 ${state.deadline}）`;
}
