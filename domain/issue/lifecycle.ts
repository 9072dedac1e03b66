import { findUnstorableText } from '../common/text';
import {
  addWorkingDays,
  CalendarRangeError,
  workingDaysBefore,
  type OfficialCalendar,
} from '../calendar/working-days';
import {
  actionDefinition,
  ESCALATION_STEPS,
  type ActionId,
  type DeadlinePolicy,
  type ObligationKind,
  type ProcessDefinition,
} from '../process/issue-process.definition';
import { checkData, type ActionData, type ActionRequest } from './actions';
import { reject, type Rejection } from '../common/rejection';
import { DEFAULT_ORGANISATION, partiesOf, type Actor } from '../organisation/roles';
import type { IssueLifecycleInput, IssueState, Obligation, SignOff } from './issue.types';

/** Everything the rules need besides the state: the definition, the calendar and the workflow's clock. */
export interface LifecycleContext {
  definition: ProcessDefinition;
  calendar: OfficialCalendar;
  /** Workflow time, epoch ms. */
  now: number;
}

/** Who a notice is for; the notification activity resolves it to people from the organisation. */
export interface Audience {
  role:
    | 'responsible_person'
    | 'direct_leader'
    | 'unit_head'
    | 'unit'
    | 'deputy_chief'
    | 'chief'
    | 'eco_office'
    | 'prefecture_counterpart';
  unit?: string;
  name?: string;
}

export interface NoticeDraft {
  kind: string;
  audiences: Audience[];
  subject: string;
  body: string;
}

export interface LedgerChange {
  op: 'open' | 'close' | 'reopen';
  unit: string;
  role: 'finder' | 'sector_owner' | 'territorial_owner';
}

/** An event about to be appended (L15), with the notices and ledger changes it causes. */
export interface EventDraft {
  type: string;
  actor: string;
  actorUnit: string;
  payload: Record<string, unknown>;
  notices: NoticeDraft[];
  ledger: LedgerChange[];
}

export type Timer =
  | { at: number; kind: 'ladder'; obligation: ObligationKind; step: number }
  | { at: number; kind: 'progress_reminder' }
  | { at: number; kind: 'public_notice_end' };

export const SYSTEM_ACTOR = { name: '系统', unit: 'SYSTEM' } as const;
const DAY_MS = 24 * 3600 * 1000;
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

const iso = (ms: number) => new Date(ms).toISOString();

/** The end (23:59:59.999) of a calendar day in Asia/Shanghai, as epoch ms. */
export function endOfShanghaiDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d, 23, 59, 59, 999) - SHANGHAI_OFFSET_MS;
}

export function shanghaiToday(now: number): string {
  return new Date(now + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

function event(
  actor: Actor | typeof SYSTEM_ACTOR,
  type: string,
  payload: Record<string, unknown>,
): EventDraft {
  return 'id' in actor
    ? { type, actor: actor.name, actorUnit: actor.unitCode, payload, notices: [], ledger: [] }
    : { type, actor: actor.name, actorUnit: actor.unit, payload, notices: [], ledger: [] };
}

const notice = (kind: string, audiences: Audience[], subject: string, body: string): NoticeDraft => ({
  kind,
  audiences,
  subject,
  body,
});

// ── Obligations and the escalation ladder (L10) ─────────────────────────────────────────────────────────────

/** When each ladder step of an obligation fires. */
export function ladderTimes(
  state: IssueState,
  ctx: LifecycleContext,
  ob: Obligation,
): [number, number, number, number] {
  const due = Date.parse(ob.due);
  const p = state.policy;
  return [
    workingDaysBefore(ctx.calendar, due, p.reminderWorkingDaysBefore).getTime(),
    due + 1,
    addWorkingDays(ctx.calendar, due, p.countySupervisionAfterWorkingDays).getTime(),
    addWorkingDays(ctx.calendar, due, p.chiefEscalationAfterWorkingDays).getTime(),
  ];
}

function openObligation(
  state: IssueState,
  ctx: LifecycleContext,
  kind: ObligationKind,
  unit: string,
  due: number,
): void {
  closeObligation(state, kind);
  const ob: Obligation = { id: kind, kind, unit, startedAt: iso(ctx.now), due: iso(due), step: -1 };
  // Steps whose time has already passed when the obligation opens are not announced after the fact.
  if (ladderTimes(state, ctx, ob)[0] <= ctx.now) ob.step = 0;
  state.obligations.push(ob);
}

function closeObligation(state: IssueState, kind: ObligationKind): void {
  state.obligations = state.obligations.filter((ob) => ob.kind !== kind);
}

function dueIn(ctx: LifecycleContext, workingDays: number): number {
  return addWorkingDays(ctx.calendar, ctx.now, workingDays).getTime();
}

const STEP_AUDIENCES = (state: IssueState, ob: Obligation, step: number): Audience[] => {
  switch (step) {
    case 0:
      return [
        {
          role: 'responsible_person',
          unit: ob.unit,
          ...(state.plan && ob.kind === 'rectification' ? { name: state.plan.responsiblePerson } : {}),
        },
      ];
    case 1:
      return [
        { role: 'direct_leader', unit: ob.unit },
        { role: 'unit_head', unit: ob.unit },
      ];
    case 2:
      return [{ role: 'deputy_chief' }, { role: 'eco_office', unit: state.organisation.ecoOffice }];
    default:
      return [{ role: 'chief' }];
  }
};

const OBLIGATION_LABEL: Record<ObligationKind, string> = {
  report_handling: '问题移交',
  transfer_acceptance: '移交受理',
  transfer_feedback: '查处结果反馈',
  plan: '五定整改方案',
  rectification: '整改',
  consultation: '重大问题会商',
  fix_confirmation: '立行立改确认',
  closure_acceptance: '销号验收',
};

/** Recomputes what is derived from the obligations and the state: deadline, who must act, overdue, level. */
export function refreshDerived(state: IssueState): void {
  const open = [...state.obligations].sort((a, b) => a.due.localeCompare(b.due));
  state.deadline = open[0]?.due ?? null;
  state.overdue = open.some((ob) => ob.step >= 1);
  state.escalationLevel = Math.max(0, ...open.map((ob) => ob.step));
  const awaiting = new Set<string>();
  const eco = state.organisation.ecoOffice;
  switch (state.status) {
    case 'reported':
      awaiting.add(state.report.finderUnit);
      break;
    case 'transferred': {
      const pending = state.transfers.find((t) => t.outcome === 'pending');
      if (pending) awaiting.add(pending.toUnit);
      break;
    }
    case 'owner_pending':
    case 'awaiting_acceptance':
      awaiting.add(eco);
      break;
    case 'accepted':
    case 'fix_confirmation':
    case 'rectifying':
      if (state.owner) awaiting.add(state.owner);
      if (state.extensions.some((e) => !e.decision)) awaiting.add(eco);
      break;
    case 'joint_investigation':
      for (const task of state.jointInvestigation?.tasks ?? []) if (!task.finding) awaiting.add(task.unit);
      break;
    case 'public_notice':
      if (state.closure.publicNotice?.objections.some((o) => !o.resolution)) awaiting.add(eco);
      break;
    case 'awaiting_signoff':
      if (!state.closure.signOffs.sector) awaiting.add(state.sectorOwner);
      if (!state.closure.signOffs.territorial) awaiting.add(state.territorialOwner);
      if (state.supervisionGroup && !state.closure.signOffs.supervisionGroup)
        awaiting.add(state.territorialOwner);
      break;
    default:
      break;
  }
  for (const ob of open) awaiting.add(ob.unit);
  state.awaiting = [...awaiting];
}

// ── Start ───────────────────────────────────────────────────────────────────────────────────────────────────

/** The state of a freshly reported issue, and the events of its report (L1, L2, L12, L16). */
export function startIssue(
  input: IssueLifecycleInput,
  ctx: LifecycleContext,
): { state: IssueState; events: EventDraft[] } {
  const policy = input.policy ?? ctx.definition.policy;
  const state = blankIssueState(input, policy);
  return reportEvents(state, input, ctx);
}

/** An issue's state before anything has happened to it. */
export function blankIssueState(input: IssueLifecycleInput, policy: DeadlinePolicy): IssueState {
  return {
    code: input.code,
    status: 'reported',
    definitionVersion: input.definitionVersion,
    report: input.report,
    sectorOwner: input.sectorOwner,
    territorialOwner: input.territorialOwner,
    owner: null,
    reportedAt: input.reportedAt,
    policy,
    organisation: input.organisation ?? DEFAULT_ORGANISATION,
    deadline: null,
    awaiting: [],
    overdue: false,
    escalationLevel: 0,
    countySupervision: false,
    accountability: { flagged: false, reason: null },
    obligations: [],
    transfers: [],
    immediateFix: null,
    plan: null,
    progressReports: 0,
    lastProgressAt: null,
    progressDueAt: null,
    extensions: [],
    jointInvestigation: null,
    consultations: [],
    consultationRequired: input.report.severity === 'major',
    supervisionGroup: null,
    closure: {
      application: null,
      acceptance: null,
      publicNotice: null,
      signOffs: { sector: null, territorial: null, supervisionGroup: null },
      archivedAt: null,
    },
    reopenCount: 0,
    eventCount: 0,
  };
}

function reportEvents(
  state: IssueState,
  input: IssueLifecycleInput,
  ctx: LifecycleContext,
): { state: IssueState; events: EventDraft[] } {
  const policy = state.policy;
  const report = input.report;
  const reporter = { name: report.reportedBy, unit: report.finderUnit };
  const reported = {
    type: 'reported',
    actor: reporter.name,
    actorUnit: reporter.unit,
    payload: { report, sectorOwner: input.sectorOwner, territorialOwner: input.territorialOwner, policy },
    notices: [] as NoticeDraft[],
    // L2 the finder's ledger at once; L6 the territorial owner carries it from the start.
    ledger: [
      { op: 'open', unit: report.finderUnit, role: 'finder' },
      { op: 'open', unit: input.territorialOwner, role: 'territorial_owner' },
    ] as LedgerChange[],
  };
  const events: EventDraft[] = [reported];
  if (report.finderUnit === input.sectorOwner) {
    // Within the finder's own duties: the report is its acceptance.
    events.push(...setOwner(state, ctx, report.finderUnit, { name: reporter.name, unit: reporter.unit }));
  } else {
    openObligation(
      state,
      ctx,
      'report_handling',
      report.finderUnit,
      dueIn(ctx, policy.reportHandlingWorkingDays),
    );
  }
  if (report.source === 'higher_referral' || report.source === 'media') {
    state.accountability = {
      flagged: true,
      reason: report.source === 'media' ? '新闻媒体曝光' : '上级发现交办',
    };
    const flagged = event(SYSTEM_ACTOR, 'accountability_flagged', {
      reason: state.accountability.reason,
      rule: 'L16',
    });
    flagged.notices.push(
      notice(
        'accountability',
        [
          { role: 'eco_office', unit: state.organisation.ecoOffice },
          { role: 'unit_head', unit: input.territorialOwner },
        ],
        `【问责标记】${report.title}`,
        `问题“${report.title}”由${state.accountability.reason}，网格未主动发现，按规定从重从严处理并计入考核。`,
      ),
    );
    events.push(flagged);
  }
  if (report.severity === 'major') {
    const major = event(SYSTEM_ACTOR, 'major_issue_reported', { rule: 'L12' });
    major.notices.push(
      notice(
        'major_issue',
        [
          { role: 'chief' },
          { role: 'deputy_chief' },
          { role: 'prefecture_counterpart', unit: input.sectorOwner },
          { role: 'eco_office', unit: state.organisation.ecoOffice },
        ],
        `【重大问题】${report.title}`,
        `发现重大生态环境问题“${report.title}”（${report.township}），请及时组织会商。`,
      ),
    );
    events.push(major);
    openObligation(
      state,
      ctx,
      'consultation',
      input.sectorOwner,
      dueIn(ctx, policy.consultationDueWorkingDays),
    );
  }
  refreshDerived(state);
  return { state, events };
}

/** A unit takes responsibility for rectification (L3 acceptance, 县环委办 assignment, own duties). */
function setOwner(
  state: IssueState,
  ctx: LifecycleContext,
  unit: string,
  by: { name: string; unit: string },
): EventDraft[] {
  const events: EventDraft[] = [];
  state.owner = unit;
  state.status = 'accepted';
  const ledger: LedgerChange[] = [];
  if (unit !== state.territorialOwner && unit !== state.sectorOwner) {
    ledger.push({ op: 'close', unit: state.sectorOwner, role: 'sector_owner' });
    state.sectorOwner = unit;
  }
  ledger.push({ op: 'open', unit: state.sectorOwner, role: 'sector_owner' });
  const accepted: EventDraft = {
    type: 'owner_accepted',
    actor: by.name,
    actorUnit: by.unit,
    payload: { owner: unit, sectorOwner: state.sectorOwner, territorialOwner: state.territorialOwner },
    notices: [],
    ledger,
  };
  events.push(accepted);
  openObligation(state, ctx, 'plan', unit, dueIn(ctx, state.policy.planDueWorkingDays));
  return events;
}

// ── Actions ─────────────────────────────────────────────────────────────────────────────────────────────────

function jointUnits(state: IssueState): string[] {
  return state.status === 'joint_investigation'
    ? (state.jointInvestigation?.tasks.map((t) => t.unit) ?? [])
    : [];
}

/** The validator: why this actor may not take this action now with this data, or null when it may (no change). */
export function checkAction(
  state: IssueState,
  request: ActionRequest,
  ctx: LifecycleContext,
): Rejection | null {
  return (
    checkPermission(state, request, ctx) ??
    checkText(request) ??
    checkData(request) ??
    checkAgainstState(state, request, ctx)
  );
}

/**
 * The actions this actor may take now, whatever data they will bring: the validator's own state, party and
 * precondition checks, so a client never offers an action the workflow would refuse for who or when.
 */
export function allowedActions(state: IssueState, actor: Actor, ctx: LifecycleContext): ActionId[] {
  return ctx.definition.actions
    .map((definition) => definition.id)
    .filter((action) => {
      const request = { action, actor, data: {} } as ActionRequest;
      return !checkPermission(state, request, ctx) && !checkPrecondition(state, request);
    });
}

/** Whether the action exists, is allowed in the issue's state, and this actor is one of its parties. */
function checkPermission(state: IssueState, request: ActionRequest, ctx: LifecycleContext): Rejection | null {
  const definition = ctx.definition.actions.find((a) => a.id === request.action);
  if (!definition)
    return reject('invalid-data', 'unknown-action', `unknown action ${String(request.action)}`, {
      field: 'action',
    });
  if (!definition.from.includes(state.status)) {
    return reject(
      'wrong-state',
      'action-not-allowed-in-state',
      `${definition.label} (${definition.id}) is not allowed while the issue is ${state.status}; allowed in: ${definition.from.join(', ')}`,
      { rule: definition.rules.join(',') },
    );
  }
  const actor = request.actor;
  if (!actor || typeof actor.unitCode !== 'string' || !Array.isArray(actor.roles)) {
    return reject('forbidden', 'actor-required', 'the action needs an authenticated actor');
  }
  const pending = state.transfers.find((t) => t.outcome === 'pending');
  const parties = partiesOf(actor, {
    finderUnit: state.report.finderUnit,
    owner: state.owner,
    sectorOwner: state.sectorOwner,
    territorialOwner: state.territorialOwner,
    transferTarget: pending?.toUnit ?? null,
    jointUnits: jointUnits(state),
    organisation: state.organisation,
  });
  let allowed = definition.parties.filter((p) => parties.has(p));
  // A finder hands an issue on only while it is still the finder's to hand (L3).
  if (request.action === 'transfer' && state.status === 'reported')
    allowed = allowed.filter((p) => p === 'finder');
  if (request.action === 'transfer' && state.status === 'accepted')
    allowed = allowed.filter((p) => p === 'owner');
  // L8: extensions of a major issue are decided by the county grid heads.
  if (request.action === 'decideExtension' && state.report.severity === 'major') {
    allowed = allowed.filter((p) => p === 'county_head');
  }
  if (allowed.length === 0) {
    const who =
      request.action === 'decideExtension' && state.report.severity === 'major'
        ? 'county_head'
        : definition.parties.join(' or ');
    return reject(
      'forbidden',
      'actor-not-permitted',
      `${definition.label} (${definition.id}) may be taken only by ${who}`,
      {
        rule: definition.rules.join(','),
      },
    );
  }
  return null;
}

/** Text the ledger could not store would leave the workflow ahead of it; refused here as at the API's door. */
function checkText(request: ActionRequest): Rejection | null {
  const problem = findUnstorableText(request.data, 'data');
  return problem
    ? reject('invalid-data', 'unstorable-text', problem.message, { field: problem.field, rule: problem.rule })
    : null;
}

/** L9: a deadline whose escalations would run past the official calendar data is refused, not crashed on. */
function checkCalendarCovers(
  state: IssueState,
  ctx: LifecycleContext,
  date: string,
  field: string,
  rule: string,
): Rejection | null {
  try {
    const due = iso(endOfShanghaiDay(date));
    ladderTimes(state, ctx, {
      id: 'check',
      kind: 'rectification',
      unit: '',
      startedAt: iso(ctx.now),
      due,
      step: -1,
    });
    return null;
  } catch (error) {
    if (!(error instanceof CalendarRangeError)) throw error;
    return reject('invalid-data', 'beyond-official-calendar', error.message, { field, rule: `${rule},L9` });
  }
}

function checkAgainstState(
  state: IssueState,
  request: ActionRequest,
  ctx: LifecycleContext,
): Rejection | null {
  const precondition = checkPrecondition(state, request);
  if (precondition) return precondition;
  const today = shanghaiToday(ctx.now);
  switch (request.action) {
    case 'transfer': {
      const data = request.data as ActionData['transfer'];
      if (data.toUnit === request.actor.unitCode) {
        return reject('invalid-data', 'transfer-to-self', 'a unit cannot transfer an issue to itself', {
          field: 'toUnit',
          rule: 'L3',
        });
      }
      return null;
    }
    case 'assignOwner': {
      const data = request.data as ActionData['assignOwner'];
      const returned = [...state.transfers].reverse().find((t) => t.outcome === 'returned');
      if (returned && returned.toUnit === data.unit) {
        return reject(
          'invalid-data',
          'owner-returned-it',
          `${data.unit} returned this issue as not its duty; name the owner explicitly with a different unit or record why`,
          {
            field: 'unit',
            rule: 'L3',
          },
        );
      }
      return null;
    }
    case 'submitPlan': {
      const data = request.data as ActionData['submitPlan'];
      if (data.timeLimit < today) {
        return reject(
          'invalid-data',
          'time-limit-in-past',
          `定整改时限 ${data.timeLimit} is before today (${today})`,
          { field: 'timeLimit', rule: 'L5' },
        );
      }

      return checkCalendarCovers(state, ctx, data.timeLimit, 'timeLimit', 'L5');
    }
    case 'reportProgress': {
      const data = request.data as ActionData['reportProgress'];
      if (data.timeLimit !== undefined && data.timeLimit !== state.plan?.timeLimit) {
        return reject(
          'invalid-data',
          'deadline-moves-only-by-extension',
          'a progress report cannot move the plan’s deadline; request an extension (L8)',
          {
            field: 'timeLimit',
            rule: 'L7',
          },
        );
      }
      return null;
    }
    case 'requestExtension': {
      const data = request.data as ActionData['requestExtension'];
      if (!state.plan || data.proposedTimeLimit <= state.plan.timeLimit) {
        return reject(
          'invalid-data',
          'extension-not-later',
          `the proposed time limit must be after ${state.plan?.timeLimit ?? 'the current one'}`,
          {
            field: 'proposedTimeLimit',
            rule: 'L8',
          },
        );
      }
      return checkCalendarCovers(state, ctx, data.proposedTimeLimit, 'proposedTimeLimit', 'L8');
    }
    case 'startJointInvestigation': {
      const data = request.data as ActionData['startJointInvestigation'];
      const late = [data.lead, ...data.coUnits].find((t) => t.dueDate < today);
      return late
        ? reject('invalid-data', 'due-date-in-past', `the due date of ${late.unit} is before today`, {
            field: 'dueDate',
            rule: 'L11',
          })
        : null;
    }
    case 'resolveObjection': {
      const data = request.data as ActionData['resolveObjection'];
      const objection = state.closure.publicNotice?.objections.find((o) => o.seq === data.objection);
      if (!objection)
        return reject('invalid-data', 'unknown-objection', `there is no objection ${data.objection}`, {
          field: 'objection',
          rule: 'L14',
        });
      return objection.resolution
        ? reject('wrong-state', 'objection-resolved', `objection ${data.objection} is already resolved`, {
            rule: 'L14',
          })
        : null;
    }
    case 'supervisionGroupSignOff': {
      const data = request.data as ActionData['supervisionGroupSignOff'];
      const leader = state.supervisionGroup?.members.find((m) => m.kind === 'leader');
      return leader?.name === data.leaderName
        ? null
        : reject(
            'invalid-data',
            'not-the-group-leader',
            'the sign-off must be by the group’s leader (组长)',
            { field: 'leaderName', rule: 'L13' },
          );
    }
    default:
      return null;
  }
}

/** What the issue's own record must allow before an action can be taken at all, whatever its data. */
function checkPrecondition(state: IssueState, request: ActionRequest): Rejection | null {
  switch (request.action) {
    case 'reportTransferFeedback': {
      const open = state.transfers.find(
        (t) => t.outcome === 'accepted' && !t.feedback && t.toUnit === state.owner,
      );
      return open
        ? null
        : reject('wrong-state', 'no-transfer-to-answer', 'there is no accepted transfer awaiting feedback', {
            rule: 'L3',
          });
    }
    case 'decideExtension':
      return state.extensions.some((e) => !e.decision)
        ? null
        : reject('wrong-state', 'no-extension-pending', 'there is no extension request to decide', {
            rule: 'L8',
          });
    case 'reportJointFinding': {
      const task = state.jointInvestigation?.tasks.find((t) => t.unit === request.actor.unitCode);
      return task && !task.finding
        ? null
        : reject(
            'wrong-state',
            'finding-already-reported',
            `${request.actor.unitCode} has already reported its finding`,
            { rule: 'L11' },
          );
    }
    case 'formSupervisionGroup':
      return state.supervisionGroup
        ? reject('wrong-state', 'supervision-group-exists', 'the supervision group has already been formed', {
            rule: 'L13',
          })
        : null;
    case 'applyForClosure':
      if (state.consultationRequired && state.consultations.length === 0) {
        return reject(
          'wrong-state',
          'consultation-required',
          'a major issue needs a consultation (会商) before closure',
          { rule: 'L12' },
        );
      }
      return null;
    case 'signOff': {
      const slots = signOffSlots(state, request.actor);
      return slots.length > 0
        ? null
        : reject(
            'wrong-state',
            'already-signed',
            `${request.actor.unitCode} has already signed the closure`,
            { rule: 'L6' },
          );
    }
    case 'requestExtension':
      return state.extensions.some((e) => !e.decision)
        ? reject(
            'wrong-state',
            'extension-pending',
            'an extension request is already waiting for a decision',
            {
              rule: 'L8',
            },
          )
        : null;
    case 'supervisionGroupSignOff':
      if (!state.supervisionGroup) {
        return reject(
          'wrong-state',
          'no-supervision-group',
          'no supervision group was formed for this issue',
          { rule: 'L13' },
        );
      }
      return state.closure.signOffs.supervisionGroup
        ? reject('wrong-state', 'already-signed', 'the supervision group has already signed', {
            rule: 'L13',
          })
        : null;
    default:
      return null;
  }
}

function signOffSlots(state: IssueState, actor: Actor): Array<'sector' | 'territorial'> {
  const slots: Array<'sector' | 'territorial'> = [];
  if (actor.unitCode === state.sectorOwner && !state.closure.signOffs.sector) slots.push('sector');
  if (actor.unitCode === state.territorialOwner && !state.closure.signOffs.territorial)
    slots.push('territorial');
  return slots;
}

/** Applies an allowed action to the state (call checkAction first) and returns the events it appends. */
export function applyAction(state: IssueState, request: ActionRequest, ctx: LifecycleContext): EventDraft[] {
  const definition = actionDefinition(ctx.definition, request.action);
  const actor = request.actor;
  const main = event(actor, request.action, { ...request.data, rules: definition.rules });
  const events: EventDraft[] = [main];
  const at = iso(ctx.now);
  const eco = state.organisation.ecoOffice;
  switch (request.action) {
    case 'transfer': {
      const data = request.data as ActionData['transfer'];
      state.transfers.push({
        seq: state.transfers.length + 1,
        fromUnit: actor.unitCode,
        toUnit: data.toUnit,
        reason: data.reason,
        at,
        outcome: 'pending',
      });
      closeObligation(state, 'report_handling');
      closeObligation(state, 'plan');
      state.status = 'transferred';
      openObligation(
        state,
        ctx,
        'transfer_acceptance',
        data.toUnit,
        dueIn(ctx, state.policy.transferAcceptWorkingDays),
      );
      main.notices.push(
        notice(
          'transfer',
          [
            { role: 'unit_head', unit: data.toUnit },
            { role: 'direct_leader', unit: data.toUnit },
          ],
          `【移交】${state.report.title}`,
          `${actor.unitCode} 将问题“${state.report.title}”移交贵单位：${data.reason}。请在 ${state.policy.transferAcceptWorkingDays} 个工作日内受理或退回。`,
        ),
      );
      break;
    }
    case 'acceptTransfer': {
      const pending = state.transfers.find((t) => t.outcome === 'pending')!;
      pending.outcome = 'accepted';
      closeObligation(state, 'transfer_acceptance');
      events.push(...setOwner(state, ctx, pending.toUnit, { name: actor.name, unit: actor.unitCode }));
      openObligation(
        state,
        ctx,
        'transfer_feedback',
        pending.toUnit,
        dueIn(ctx, state.policy.transferFeedbackWorkingDays),
      );
      break;
    }
    case 'returnTransfer': {
      const data = request.data as ActionData['returnTransfer'];
      const pending = state.transfers.find((t) => t.outcome === 'pending')!;
      pending.outcome = 'returned';
      pending.returnReason = data.reason;
      closeObligation(state, 'transfer_acceptance');
      state.status = 'owner_pending';
      main.notices.push(
        notice(
          'transfer_returned',
          [
            { role: 'eco_office', unit: eco },
            { role: 'unit_head', unit: pending.fromUnit },
          ],
          `【移交退回，待定责】${state.report.title}`,
          `${pending.toUnit} 退回问题“${state.report.title}”：${data.reason}。请县环委办确定责任单位。`,
        ),
      );
      break;
    }
    case 'assignOwner': {
      const data = request.data as ActionData['assignOwner'];
      events.push(...setOwner(state, ctx, data.unit, { name: actor.name, unit: actor.unitCode }));
      main.notices.push(
        notice(
          'owner_assigned',
          [{ role: 'unit_head', unit: data.unit }],
          `【定责】${state.report.title}`,
          `县环委办确定由贵单位负责问题“${state.report.title}”的整改。`,
        ),
      );
      break;
    }
    case 'reportTransferFeedback': {
      const data = request.data as ActionData['reportTransferFeedback'];
      const open = state.transfers.find(
        (t) => t.outcome === 'accepted' && !t.feedback && t.toUnit === state.owner,
      )!;
      open.feedback = { result: data.result, at };
      closeObligation(state, 'transfer_feedback');
      main.notices.push(
        notice(
          'transfer_feedback',
          [{ role: 'unit_head', unit: open.fromUnit }],
          `【查处结果反馈】${state.report.title}`,
          data.result,
        ),
      );
      break;
    }
    case 'recordImmediateFix': {
      const data = request.data as ActionData['recordImmediateFix'];
      state.immediateFix = { description: data.description, evidence: data.evidence, at, by: actor.name };
      closeObligation(state, 'plan');
      state.status = 'fix_confirmation';
      openObligation(
        state,
        ctx,
        'fix_confirmation',
        state.owner!,
        dueIn(ctx, state.policy.fixConfirmationWorkingDays),
      );
      main.notices.push(
        notice(
          'fix_to_confirm',
          [{ role: 'direct_leader', unit: state.owner! }],
          `【立行立改待确认】${state.report.title}`,
          data.description,
        ),
      );
      break;
    }
    case 'confirmFix': {
      const data = request.data as ActionData['confirmFix'];
      closeObligation(state, 'fix_confirmation');
      state.closure.acceptance = { opinion: data.opinion, by: actor.name, at };
      state.status = 'awaiting_signoff';
      break;
    }
    case 'rejectFix':
      closeObligation(state, 'fix_confirmation');
      state.status = 'accepted';
      openObligation(state, ctx, 'plan', state.owner!, dueIn(ctx, state.policy.planDueWorkingDays));
      break;
    case 'submitPlan': {
      const data = request.data as ActionData['submitPlan'];
      state.plan = {
        responsibleUnit: data.responsibleUnit,
        responsiblePerson: data.responsiblePerson,
        measures: data.measures,
        timeLimit: data.timeLimit,
        target: data.target,
        milestones: data.milestones ?? [],
      };
      closeObligation(state, 'plan');
      state.status = 'rectifying';
      openObligation(state, ctx, 'rectification', state.owner!, endOfShanghaiDay(data.timeLimit));
      state.progressDueAt = iso(ctx.now + state.policy.progressIntervalDays * DAY_MS);
      break;
    }
    case 'reportProgress': {
      const data = request.data as ActionData['reportProgress'];
      if (data.milestones && state.plan) state.plan.milestones = data.milestones;
      state.progressReports += 1;
      state.lastProgressAt = at;
      state.progressDueAt = iso(ctx.now + state.policy.progressIntervalDays * DAY_MS);
      break;
    }
    case 'requestExtension': {
      const data = request.data as ActionData['requestExtension'];
      state.extensions.push({
        seq: state.extensions.length + 1,
        reason: data.reason,
        proposedTimeLimit: data.proposedTimeLimit,
        requestedAt: at,
        requestedBy: actor.name,
      });
      const deciders: Audience[] =
        state.report.severity === 'major'
          ? [{ role: 'chief' }, { role: 'deputy_chief' }]
          : [{ role: 'eco_office', unit: eco }];
      main.notices.push(
        notice(
          'extension_requested',
          deciders,
          `【延期申请】${state.report.title}`,
          `申请将整改时限延至 ${data.proposedTimeLimit}：${data.reason}`,
        ),
      );
      break;
    }
    case 'decideExtension': {
      const data = request.data as ActionData['decideExtension'];
      const pending = state.extensions.find((e) => !e.decision)!;
      pending.decision = { approved: data.approved, note: data.note, by: actor.name, at };
      main.payload.extension = pending.seq;
      if (data.approved && state.plan) {
        main.payload.previousTimeLimit = state.plan.timeLimit;
        state.plan.timeLimit = pending.proposedTimeLimit;
        // The ladder follows the new deadline (L8, L10).
        openObligation(
          state,
          ctx,
          'rectification',
          state.owner!,
          endOfShanghaiDay(pending.proposedTimeLimit),
        );
      }
      main.notices.push(
        notice(
          'extension_decided',
          [{ role: 'unit_head', unit: state.owner! }],
          `【延期${data.approved ? '批准' : '不予批准'}】${state.report.title}`,
          data.note,
        ),
      );
      break;
    }
    case 'startJointInvestigation': {
      const data = request.data as ActionData['startJointInvestigation'];
      for (const kind of ['report_handling', 'plan', 'rectification', 'transfer_feedback'] as const)
        closeObligation(state, kind);
      state.jointInvestigation = {
        round: (state.jointInvestigation?.round ?? 0) + 1,
        coordinator: actor.name,
        startedAt: at,
        tasks: [
          { unit: data.lead.unit, task: data.lead.task, dueDate: data.lead.dueDate, lead: true },
          ...data.coUnits.map((t) => ({ unit: t.unit, task: t.task, dueDate: t.dueDate, lead: false })),
        ],
      };
      state.status = 'joint_investigation';
      main.notices.push(
        notice(
          'joint_investigation',
          [
            ...state.jointInvestigation.tasks.map((t) => ({ role: 'unit_head' as const, unit: t.unit })),
            { role: 'eco_office', unit: eco },
          ],
          `【联合调查】${state.report.title}`,
          `${actor.name} 组织联合调查，牵头单位 ${data.lead.unit}，请各单位按期报送调查结果。`,
        ),
      );
      break;
    }
    case 'reportJointFinding': {
      const data = request.data as ActionData['reportJointFinding'];
      const task = state.jointInvestigation!.tasks.find((t) => t.unit === actor.unitCode)!;
      task.finding = { text: data.finding, at, by: actor.name };
      if (state.jointInvestigation!.tasks.every((t) => t.finding)) {
        const lead = state.jointInvestigation!.tasks.find((t) => t.lead)!;
        const done = event(SYSTEM_ACTOR, 'joint_investigation_completed', {
          round: state.jointInvestigation!.round,
          lead: lead.unit,
          rule: 'L11',
        });
        events.push(
          done,
          ...setOwner(state, ctx, lead.unit, { name: SYSTEM_ACTOR.name, unit: SYSTEM_ACTOR.unit }),
        );
      }
      break;
    }
    case 'recordConsultation': {
      const data = request.data as ActionData['recordConsultation'];
      state.consultations.push({ ...data, at });
      closeObligation(state, 'consultation');
      break;
    }
    case 'formSupervisionGroup': {
      const data = request.data as ActionData['formSupervisionGroup'];
      state.supervisionGroup = { members: data.members, formedAt: at };
      break;
    }
    case 'applyForClosure': {
      const data = request.data as ActionData['applyForClosure'];
      state.closure.application = { summary: data.summary, evidence: data.evidence, at };
      closeObligation(state, 'rectification');
      state.progressDueAt = null;
      state.status = 'awaiting_acceptance';
      openObligation(
        state,
        ctx,
        'closure_acceptance',
        eco,
        dueIn(ctx, state.policy.closureAcceptanceWorkingDays),
      );
      main.notices.push(
        notice(
          'closure_applied',
          [{ role: 'eco_office', unit: eco }],
          `【销号申请】${state.report.title}`,
          data.summary,
        ),
      );
      break;
    }
    case 'acceptRectification': {
      const data = request.data as ActionData['acceptRectification'];
      closeObligation(state, 'closure_acceptance');
      state.closure.acceptance = { opinion: data.opinion, by: actor.name, at };
      const publicNotice =
        data.publicNotice ?? (state.report.severity === 'major' || state.supervisionGroup !== null);
      main.payload.publicNotice = publicNotice;
      if (publicNotice) {
        const endsAt = dueIn(ctx, state.policy.publicNoticeWorkingDays);
        state.closure.publicNotice = { startedAt: at, endsAt: iso(endsAt), objections: [], completed: false };
        state.status = 'public_notice';
      } else {
        state.status = 'awaiting_signoff';
      }
      break;
    }
    case 'sendBack': {
      const data = request.data as ActionData['sendBack'];
      closeObligation(state, 'closure_acceptance');
      backToRectifying(state, ctx);
      main.notices.push(
        notice(
          'sent_back',
          [{ role: 'unit_head', unit: state.owner! }],
          `【验收退回】${state.report.title}`,
          data.reason,
        ),
      );
      break;
    }
    case 'fileObjection': {
      const data = request.data as ActionData['fileObjection'];
      const objections = state.closure.publicNotice!.objections;
      objections.push({ seq: objections.length + 1, objector: data.objector, content: data.content, at });
      main.payload.objection = objections.length;
      break;
    }
    case 'resolveObjection': {
      const data = request.data as ActionData['resolveObjection'];
      const notice_ = state.closure.publicNotice!;
      const objection = notice_.objections.find((o) => o.seq === data.objection)!;
      objection.resolution = { valid: data.valid, note: data.note, at };
      if (data.valid) {
        backToRectifying(state, ctx);
      } else if (ctx.now >= Date.parse(notice_.endsAt) && notice_.objections.every((o) => o.resolution)) {
        events.push(...finishPublicNotice(state));
      }
      break;
    }
    case 'signOff': {
      const data = request.data as ActionData['signOff'];
      const signOff: SignOff = { by: actor.name, unit: actor.unitCode, at, opinion: data.opinion };
      const slots = signOffSlots(state, actor);
      for (const slot of slots) state.closure.signOffs[slot] = signOff;
      main.payload.slots = slots;
      events.push(...closeIfComplete(state, ctx));
      break;
    }
    case 'supervisionGroupSignOff': {
      const data = request.data as ActionData['supervisionGroupSignOff'];
      state.closure.signOffs.supervisionGroup = {
        by: data.leaderName,
        unit: actor.unitCode,
        at,
        opinion: data.opinion,
      };
      events.push(...closeIfComplete(state, ctx));
      break;
    }
  }
  refreshDerived(state);
  return events;
}

function backToRectifying(state: IssueState, ctx: LifecycleContext): void {
  state.status = 'rectifying';
  if (state.plan)
    openObligation(state, ctx, 'rectification', state.owner!, endOfShanghaiDay(state.plan.timeLimit));
  state.progressDueAt = iso(ctx.now + state.policy.progressIntervalDays * DAY_MS);
  state.closure.publicNotice = null;
}

function finishPublicNotice(state: IssueState): EventDraft[] {
  state.closure.publicNotice!.completed = true;
  state.status = 'awaiting_signoff';
  return [
    event(SYSTEM_ACTOR, 'public_notice_completed', {
      rule: 'L14',
      objections: state.closure.publicNotice!.objections.length,
    }),
  ];
}

/** L6, L13, L14: closed only when both owners (and the supervision group, if formed) have signed; then archived. */
function closeIfComplete(state: IssueState, ctx: LifecycleContext): EventDraft[] {
  const s = state.closure.signOffs;
  if (!s.sector || !s.territorial || (state.supervisionGroup && !s.supervisionGroup)) return [];
  state.status = 'closed';
  const closed = event(SYSTEM_ACTOR, 'closed', { rules: ['L6', 'L14'] });
  closed.ledger.push(
    { op: 'close', unit: state.sectorOwner, role: 'sector_owner' },
    { op: 'close', unit: state.territorialOwner, role: 'territorial_owner' },
    { op: 'close', unit: state.report.finderUnit, role: 'finder' },
  );
  state.closure.archivedAt = iso(ctx.now);
  state.status = 'archived';
  state.obligations = [];
  const archived = event(SYSTEM_ACTOR, 'archived', { rule: 'L14', manifest: archiveManifest(state) });
  return [closed, archived];
}

/** 建档 manifest: the closure materials the archive holds (L14). */
export function archiveManifest(state: IssueState): Array<{ item: string; detail: string }> {
  const items: Array<{ item: string; detail: string }> = [
    { item: '问题上报', detail: `${state.report.title}（${state.reportedAt}）` },
  ];
  if (state.immediateFix)
    items.push({ item: '立行立改记录', detail: `${state.immediateFix.evidence.length} 份证据` });
  if (state.plan)
    items.push({
      item: '五定工作表',
      detail: `${state.plan.responsibleUnit} / ${state.plan.responsiblePerson} / ${state.plan.timeLimit}`,
    });
  if (state.progressReports > 0) items.push({ item: '整改进展', detail: `${state.progressReports} 次` });
  if (state.closure.application)
    items.push({ item: '整改证明材料', detail: `${state.closure.application.evidence.length} 份` });
  if (state.closure.acceptance) items.push({ item: '验收意见', detail: state.closure.acceptance.opinion });
  if (state.supervisionGroup)
    items.push({ item: '群众监督小组意见', detail: state.closure.signOffs.supervisionGroup?.opinion ?? '' });
  if (state.closure.publicNotice)
    items.push({
      item: '公示',
      detail: `${state.closure.publicNotice.startedAt} 至 ${state.closure.publicNotice.endsAt}`,
    });
  for (const [slot, label] of [
    ['sector', '行业主管部门销号'],
    ['territorial', '属地乡镇销号'],
  ] as const) {
    const s = state.closure.signOffs[slot];
    if (s) items.push({ item: label, detail: `${s.unit} ${s.by} ${s.at}` });
  }
  return items;
}

// ── Timers ──────────────────────────────────────────────────────────────────────────────────────────────────

/** The next timer the workflow must sleep until, or null when nothing is pending. */
export function nextTimer(state: IssueState, ctx: LifecycleContext): Timer | null {
  const timers: Timer[] = [];
  for (const ob of state.obligations) {
    if (ob.step >= 3) continue;
    timers.push({
      at: ladderTimes(state, ctx, ob)[ob.step + 1],
      kind: 'ladder',
      obligation: ob.kind,
      step: ob.step + 1,
    });
  }
  if (state.status === 'rectifying' && state.progressDueAt)
    timers.push({ at: Date.parse(state.progressDueAt), kind: 'progress_reminder' });
  const pn = state.closure.publicNotice;
  if (state.status === 'public_notice' && pn && !pn.completed && ctx.now < Date.parse(pn.endsAt) + 1) {
    timers.push({ at: Date.parse(pn.endsAt) + 1, kind: 'public_notice_end' });
  }
  timers.sort((a, b) => a.at - b.at);
  return timers[0] ?? null;
}

/** What a fired timer does: a ladder step (L10), a progress reminder (L7), or the end of public notice (L14). */
export function applyTimer(state: IssueState, timer: Timer, ctx: LifecycleContext): EventDraft[] {
  const events: EventDraft[] = [];
  if (timer.kind === 'ladder') {
    const ob = state.obligations.find((o) => o.kind === timer.obligation);
    if (!ob || ob.step >= timer.step) return [];
    ob.step = timer.step;
    const step = ESCALATION_STEPS[timer.step];
    if (timer.step >= 2) state.countySupervision = true;
    const e = event(SYSTEM_ACTOR, timer.step === 0 ? 'deadline_reminder' : 'escalated', {
      obligation: ob.kind,
      unit: ob.unit,
      due: ob.due,
      step: step.id,
      level: timer.step,
      rule: 'L10',
    });
    const what = OBLIGATION_LABEL[ob.kind];
    e.notices.push(
      notice(
        `ladder_${step.id}`,
        STEP_AUDIENCES(state, ob, timer.step),
        `【${timer.step === 0 ? '到期提醒' : timer.step === 1 ? '逾期' : timer.step === 2 ? '县级督办' : '总网格长督办'}】${state.report.title}`,
        `问题“${state.report.title}”的${what}期限为 ${ob.due}（责任单位 ${ob.unit}）。${step.label}。`,
      ),
    );
    events.push(e);
  } else if (timer.kind === 'progress_reminder') {
    state.progressDueAt = iso(ctx.now + state.policy.progressIntervalDays * DAY_MS);
    const e = event(SYSTEM_ACTOR, 'progress_reminder', { rule: 'L7', lastProgressAt: state.lastProgressAt });
    e.notices.push(
      notice(
        'progress_reminder',
        [
          {
            role: 'responsible_person',
            unit: state.owner ?? state.sectorOwner,
            ...(state.plan ? { name: state.plan.responsiblePerson } : {}),
          },
        ],
        `【进展报送提醒】${state.report.title}`,
        `请每周报送问题“${state.report.title}”的整改进展。`,
      ),
    );
    events.push(e);
  } else {
    const pn = state.closure.publicNotice;
    // With objections still open, the last resolution finishes the notice instead.
    if (pn && !pn.completed && pn.objections.every((o) => o.resolution))
      events.push(...finishPublicNotice(state));
  }
  refreshDerived(state);
  return events;
}

/** Reopens an archived issue that recurred (L14), keeping its history. */
export function reopenIssue(
  previous: IssueState,
  reason: string,
  by: { name: string; unit: string },
  ctx: LifecycleContext,
): { state: IssueState; events: EventDraft[] } {
  const state: IssueState = structuredCloneJson(previous);
  state.reopenCount += 1;
  state.closure = {
    application: null,
    acceptance: null,
    publicNotice: null,
    signOffs: { sector: null, territorial: null, supervisionGroup: null },
    archivedAt: null,
  };
  state.immediateFix = null;
  state.plan = null;
  state.progressDueAt = null;
  state.extensions = [];
  state.countySupervision = false;
  state.status = 'accepted';
  const owner = state.owner ?? state.sectorOwner;
  state.owner = owner;
  const reopened: EventDraft = {
    type: 'reopened',
    actor: by.name,
    actorUnit: by.unit,
    payload: { reason, reopenCount: state.reopenCount, rule: 'L14' },
    notices: [
      notice(
        'reopened',
        [
          { role: 'unit_head', unit: owner },
          { role: 'eco_office', unit: state.organisation.ecoOffice },
        ],
        `【问题复发，重新整改】${state.report.title}`,
        reason,
      ),
    ],
    ledger: [
      { op: 'reopen', unit: state.report.finderUnit, role: 'finder' },
      { op: 'reopen', unit: state.sectorOwner, role: 'sector_owner' },
      { op: 'reopen', unit: state.territorialOwner, role: 'territorial_owner' },
    ],
  };
  openObligation(state, ctx, 'plan', owner, dueIn(ctx, state.policy.planDueWorkingDays));
  refreshDerived(state);
  return { state, events: [reopened] };
}

function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** True when the issue's workflow has nothing more to do. */
export function isFinished(state: IssueState): boolean {
  return state.status === 'archived';
}
