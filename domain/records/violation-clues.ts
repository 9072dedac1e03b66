/**
 * 生态环境违法线索 (seed 三(三) "及时报告突出生态环境问题和生态环境违法线索"; 三(二)1: 州生态环境局榕江分局 "查处生态环境
 * 违法行为"): a unit hands a clue to the county's eco-environment bureau, which must give its first answer within a
 * term of working days (reminded before, 县环委办 told after) and then decides whether to open a case. The clue keeps
 * its own status, apart from the issues it is linked to. Pure: the clue's workflow runs these rules.
 */
import type { OfficialCalendar } from '../calendar/working-days';
import { addWorkingDays, workingDaysBefore } from '../calendar/working-days';
import { reject, type Rejection } from '../common/rejection';
import { findUnstorableText } from '../common/text';
import type { DutyNotice } from '../duties/duty-notices';
import { formatShanghai } from '../duties/periods';
import { ISSUE_CODE_PATTERN } from '../issue/issue-code';
import { holdsAny, UNIT_HEAD_ROLES, type Actor } from '../organisation/roles';
import type { ResponsibleParty } from './responsible-party';

/** 州生态环境局榕江分局: the seed's enforcement unit, which receives every clue. */
export const CLUE_RECEIVER_UNIT = 'EEB';

export const CLUE_STATUSES = ['received', 'investigating', 'case_opened', 'no_case'] as const;
export type ClueStatus = (typeof CLUE_STATUSES)[number];

export const CLUE_STATUS_LABELS: Record<ClueStatus, string> = {
  received: '已移交，待受理',
  investigating: '调查核实中',
  case_opened: '已立案查处',
  no_case: '不予立案',
};

/** The bureau's answers, each moving the clue on; `acknowledge` is its first answer. */
export const CLUE_ANSWERS = ['acknowledge', 'open_case', 'no_case'] as const;
export type ClueAnswer = (typeof CLUE_ANSWERS)[number];

const ANSWER_MOVES: Record<ClueAnswer, { from: ClueStatus; to: ClueStatus; label: string }> = {
  acknowledge: { from: 'received', to: 'investigating', label: '受理并调查核实' },
  open_case: { from: 'investigating', to: 'case_opened', label: '立案查处' },
  no_case: { from: 'investigating', to: 'no_case', label: '不予立案' },
};

export const CLUE_ANSWER_LABELS: Record<ClueAnswer, string> = {
  acknowledge: ANSWER_MOVES.acknowledge.label,
  open_case: ANSWER_MOVES.open_case.label,
  no_case: ANSWER_MOVES.no_case.label,
};

/** The terms of a clue (R2, L9): first answer due after N working days, reminded M working days before. */
export interface ClueTerms {
  firstAnswerDue: string;
  /** Null when the reminder's time is already past at hand-over: it is not sent after the fact. */
  reminderAt: string | null;
}

export function clueTerms(
  calendar: OfficialCalendar,
  handedAt: number,
  policy: { clueFirstAnswerWorkingDays: number; clueReminderWorkingDaysBefore: number },
): ClueTerms {
  const due = addWorkingDays(calendar, handedAt, policy.clueFirstAnswerWorkingDays);
  const reminder = workingDaysBefore(calendar, due.getTime(), policy.clueReminderWorkingDaysBefore);
  return {
    firstAnswerDue: due.toISOString(),
    reminderAt: reminder.getTime() > handedAt ? reminder.toISOString() : null,
  };
}

export const CLUE_ID_PATTERN = /^XS-\d{4}-\d{6}$/;

/** `XS-2027-000001` (线索): year of hand-over, then a county-wide sequence. */
export function formatClueId(year: number, seq: number): string {
  return `XS-${year}-${String(seq).padStart(6, '0')}`;
}

/** `violation-clue-<id>`: the workflow that holds the clue's status and keeps its first-answer term. */
export function clueWorkflowId(id: string): string {
  return `violation-clue-${id}`;
}

/** What the API starts a clue's workflow with. */
export interface ClueInput {
  id: string;
  title: string;
  description: string;
  township: string | null;
  village: string | null;
  location: { lat: number; lng: number } | null;
  suspect: ResponsibleParty | null;
  evidence: string[];
  issueCodes: string[];
  handedBy: { id: string; name: string };
  handedByUnit: string;
  handedByUnitName: string;
  handedAt: string;
  terms: ClueTerms;
  receiver: string;
  ecoOffice: string;
}

export interface ClueAnswerRecord {
  answer: ClueAnswer;
  note: string;
  caseNumber?: string;
  by: { id: string; name: string };
  at: string;
}

/** The live state a query returns and the read model keeps. */
export interface ClueState extends ClueInput {
  status: ClueStatus;
  answers: ClueAnswerRecord[];
  firstAnsweredAt: string | null;
  reminded: boolean;
  overdueMarkedAt: string | null;
  caseNumber: string | null;
  decisionReason: string | null;
  eventCount: number;
}

export function initialClueState(input: ClueInput): ClueState {
  return {
    ...input,
    status: 'received',
    answers: [],
    firstAnsweredAt: null,
    reminded: input.terms.reminderAt === null,
    overdueMarkedAt: null,
    caseNumber: null,
    decisionReason: null,
    eventCount: 0,
  };
}

/** One event of a clue's history before its id and sequence (append-only). */
export interface ClueEventDraft {
  type: string;
  actor: string;
  actorName: string;
  payload: Record<string, unknown>;
  notices: DutyNotice[];
}

export interface ClueEventRecord extends ClueEventDraft {
  id: string;
  clueId: string;
  seq: number;
  at: string;
}

const SYSTEM = { id: 'SYSTEM', name: '系统' };
const ref = (state: ClueState) => `violation-clue/${state.id}`;
const key = (state: ClueState) => `R2/${state.id}#${state.eventCount + 1}`;
const receiverHeads = (state: ClueState) => [
  { role: 'unit_head' as const, unit: state.receiver },
  { role: 'unit_deputy' as const, unit: state.receiver },
];

/** The first event: the hand-over, told to the bureau's heads. */
export function handedEvent(state: ClueState): ClueEventDraft {
  return {
    type: 'handed',
    actor: state.handedBy.id,
    actorName: state.handedBy.name,
    payload: {
      title: state.title,
      description: state.description,
      township: state.township,
      suspect: state.suspect,
      evidence: state.evidence,
      issueCodes: state.issueCodes,
      firstAnswerDue: state.terms.firstAnswerDue,
      rule: 'R2',
    },
    notices: [
      {
        key: key(state),
        kind: 'violation_clue',
        ref: ref(state),
        oncePerPerson: true,
        audiences: receiverHeads(state),
        subject: `【违法线索移交】${state.title}`,
        body: `${state.handedByUnitName}（${state.handedBy.name}）移交生态环境违法线索“${state.title}”，请于 ${formatShanghai(Date.parse(state.terms.firstAnswerDue))} 前受理答复。\n${state.description}`,
      },
    ],
  };
}

/** The clock of the first answer: the reminder, then the overdue notice, while the clue waits in `received`. */
export function nextClueStep(state: ClueState): { step: 'reminder' | 'overdue'; at: number } | null {
  if (state.status !== 'received') return null;
  if (!state.reminded && state.terms.reminderAt)
    return { step: 'reminder', at: Date.parse(state.terms.reminderAt) };
  if (!state.overdueMarkedAt) return { step: 'overdue', at: Date.parse(state.terms.firstAnswerDue) + 1 };
  return null;
}

export function applyClueStep(state: ClueState, step: 'reminder' | 'overdue', at: string): ClueEventDraft[] {
  const due = formatShanghai(Date.parse(state.terms.firstAnswerDue));
  if (step === 'reminder') {
    state.reminded = true;
    return [
      {
        type: 'reminded',
        actor: SYSTEM.id,
        actorName: SYSTEM.name,
        payload: { firstAnswerDue: state.terms.firstAnswerDue, rule: 'R2' },
        notices: [
          {
            key: key(state),
            kind: 'violation_clue_reminder',
            ref: ref(state),
            oncePerPerson: true,
            audiences: receiverHeads(state),
            subject: `【违法线索待受理提醒】${state.title}`,
            body: `${state.handedByUnitName}移交的违法线索“${state.title}”尚未受理答复，答复时限为 ${due}。`,
          },
        ],
      },
    ];
  }
  state.reminded = true;
  state.overdueMarkedAt = at;
  return [
    {
      type: 'overdue',
      actor: SYSTEM.id,
      actorName: SYSTEM.name,
      payload: { firstAnswerDue: state.terms.firstAnswerDue, rule: 'R2' },
      notices: [
        {
          key: key(state),
          kind: 'violation_clue_overdue',
          ref: ref(state),
          oncePerPerson: true,
          audiences: [
            { role: 'unit_head', unit: state.receiver },
            { role: 'eco_office', unit: state.ecoOffice },
          ],
          subject: `【违法线索逾期未受理】${state.title}`,
          body: `${state.handedByUnitName}移交的违法线索“${state.title}”已超过答复时限（${due}）仍未受理，请县环委办督促落实。`,
        },
      ],
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// The bureau's answers and the links to issues, each an Update with a validator.

export interface AnswerClueArgs {
  actor: Actor;
  answer: ClueAnswer;
  note: string;
  /** 立案编号, when a case is opened. */
  caseNumber?: string;
}

export interface LinkClueArgs {
  actor: Actor;
  issueCodes: string[];
}

const actorProblem = (actor: Actor | undefined): Rejection | null =>
  !actor || typeof actor.unitCode !== 'string' || typeof actor.id !== 'string' || !Array.isArray(actor.roles)
    ? reject('forbidden', 'actor-required', 'the clue action needs an authenticated actor')
    : null;

function textProblem(value: unknown, field: string, max: number): Rejection | null {
  if (typeof value !== 'string' || value.trim() === '')
    return reject('invalid-data', 'field-required', `${field} is required`, { field, rule: 'R2' });
  if (value.length > max)
    return reject('invalid-data', 'field-too-long', `${field} is longer than ${max}`, { field, rule: 'R2' });
  const unstorable = findUnstorableText(value, field);
  return unstorable
    ? reject('invalid-data', 'unstorable-text', unstorable.message, { field, rule: unstorable.rule })
    : null;
}

/** R2: the bureau's members acknowledge a clue; opening a case or refusing one is for its heads. */
export function mayAnswerClue(actor: Actor, answer: ClueAnswer, receiver: string): boolean {
  if (actor.unitCode !== receiver) return false;
  return answer === 'acknowledge' || holdsAny(actor.roles, UNIT_HEAD_ROLES);
}

/** R2: why this answer cannot be given now, or null. A refusal (no_case) and a case need their reasons. */
export function checkClueAnswer(state: ClueState, args: AnswerClueArgs): Rejection | null {
  const actor = actorProblem(args?.actor);
  if (actor) return actor;
  if (!CLUE_ANSWERS.includes(args.answer))
    return reject('invalid-data', 'clue-answer-unknown', `answer must be one of ${CLUE_ANSWERS.join(', ')}`, {
      field: 'answer',
      rule: 'R2',
    });
  const move = ANSWER_MOVES[args.answer];
  if (move.from !== state.status)
    return reject(
      'wrong-state',
      'clue-answer-not-allowed',
      `${move.label} (${args.answer}) is given while the clue is ${move.from}; it is ${state.status}`,
      { rule: 'R2' },
    );
  if (!mayAnswerClue(args.actor, args.answer, state.receiver))
    return reject(
      'forbidden',
      'actor-not-permitted',
      args.answer === 'acknowledge'
        ? `only ${state.receiver} answers this clue`
        : `only a head of ${state.receiver} opens a case or decides there is none`,
      { rule: 'R2' },
    );
  const note = textProblem(args.note, args.answer === 'no_case' ? 'reason' : 'note', 5000);
  if (note) return note;
  if (args.caseNumber !== undefined && args.answer !== 'open_case')
    return reject(
      'invalid-data',
      'case-number-without-case',
      'caseNumber is given only when a case is opened',
      {
        field: 'caseNumber',
        rule: 'R2',
      },
    );
  return args.caseNumber === undefined ? null : textProblem(args.caseNumber, 'caseNumber', 64);
}

export function applyClueAnswer(state: ClueState, args: AnswerClueArgs, at: string): ClueEventDraft[] {
  const to = ANSWER_MOVES[args.answer].to;
  const record: ClueAnswerRecord = {
    answer: args.answer,
    note: args.note,
    ...(args.caseNumber ? { caseNumber: args.caseNumber } : {}),
    by: { id: args.actor.id, name: args.actor.name },
    at,
  };
  state.answers.push(record);
  state.status = to;
  if (args.answer === 'acknowledge') state.firstAnsweredAt = at;
  if (args.answer === 'open_case') state.caseNumber = args.caseNumber ?? null;
  if (args.answer === 'no_case') state.decisionReason = args.note;
  return [
    {
      type:
        args.answer === 'acknowledge'
          ? 'acknowledged'
          : args.answer === 'open_case'
            ? 'case_opened'
            : 'no_case',
      actor: args.actor.id,
      actorName: args.actor.name,
      payload: {
        status: to,
        note: args.note,
        ...(args.caseNumber ? { caseNumber: args.caseNumber } : {}),
        ...(args.answer === 'acknowledge' ? { onTime: at <= state.terms.firstAnswerDue } : {}),
        rule: 'R2',
      },
      notices: [
        {
          key: key(state),
          kind: 'violation_clue_answered',
          ref: ref(state),
          oncePerPerson: true,
          audiences: [
            { role: 'member', memberId: state.handedBy.id },
            { role: 'unit_head', unit: state.handedByUnit },
          ],
          subject: `【违法线索${CLUE_STATUS_LABELS[to]}】${state.title}`,
          body: `${state.receiver === CLUE_RECEIVER_UNIT ? '州生态环境局榕江分局' : state.receiver}答复违法线索“${state.title}”：${CLUE_ANSWER_LABELS[args.answer]}${args.caseNumber ? `（立案编号 ${args.caseNumber}）` : ''}。${args.note}`,
        },
      ],
    },
  ];
}

/** R2: the handing unit or the bureau links a clue to issues (each a reported issue, checked by the API). */
export function checkClueLink(state: ClueState, args: LinkClueArgs): Rejection | null {
  const actor = actorProblem(args?.actor);
  if (actor) return actor;
  if (args.actor.unitCode !== state.handedByUnit && args.actor.unitCode !== state.receiver)
    return reject(
      'forbidden',
      'actor-not-permitted',
      `only ${state.handedByUnit} or ${state.receiver} links this clue`,
      {
        rule: 'R2',
      },
    );
  if (
    !Array.isArray(args.issueCodes) ||
    args.issueCodes.length === 0 ||
    args.issueCodes.some((c) => typeof c !== 'string' || !ISSUE_CODE_PATTERN.test(c))
  )
    return reject(
      'invalid-data',
      'issue-codes-invalid',
      'issueCodes must list issue codes like 2027-000001',
      {
        field: 'issueCodes',
        rule: 'R2',
      },
    );
  return null;
}

export function applyClueLink(state: ClueState, args: LinkClueArgs): ClueEventDraft[] {
  const added = args.issueCodes.filter((c) => !state.issueCodes.includes(c));
  state.issueCodes = [...state.issueCodes, ...added];
  return added.length === 0
    ? []
    : [
        {
          type: 'linked',
          actor: args.actor.id,
          actorName: args.actor.name,
          payload: { issueCodes: added, rule: 'R2' },
          notices: [],
        },
      ];
}

/** Whether the clue's workflow has nothing more to do: a case opened, or decided there is none. */
export function clueFinished(state: ClueState): boolean {
  return state.status === 'case_opened' || state.status === 'no_case';
}

/** The memo summary an operator reads in the Temporal UI. */
export function clueSummary(state: ClueState): string {
  return `违法线索 ${state.id}：${state.title}（${state.handedByUnitName}移交，${CLUE_STATUS_LABELS[state.status]}）`;
}
