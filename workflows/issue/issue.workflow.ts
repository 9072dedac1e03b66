import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  startChild,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { DataErrorDetails } from '../../activities/data-errors';
import type { AppendIssueEventsInput, LedgerLine, RowWrite } from '../../activities/issue.activities';
import { DEFAULT_CALENDAR, type OfficialCalendar } from '../../domain/calendar/working-days';
import { reject } from '../../domain/common/rejection';
import type { ActionRequest } from '../../domain/issue/actions';
import { initialIssueState, issueSummary } from '../../domain/issue/issue-state';
import { issueCurrentDetails, ledgerWriteSummary, timerSummary } from '../../domain/issue/operator-view';
import { stateDelta, stateFingerprint } from '../../domain/issue/state-delta';
import type {
  IssueAttention,
  IssueEventRecord,
  IssueLifecycleInput,
  IssueState,
} from '../../domain/issue/issue.types';
import {
  applyAction,
  applyTimer,
  checkAction,
  isFinished,
  nextTimer,
  refreshDerived,
  timerSpreadMs,
  replanForCalendar,
  reopenIssue,
  startIssue,
  SYSTEM_ACTOR,
  unitName,
  type EventDraft,
  type LifecycleContext,
} from '../../domain/issue/lifecycle';
import { ACTION_IDS, type ActionId } from '../../domain/process/issue-process.definition';
import { processDefinition } from '../../domain/process/process-registry';
import { LEDGER_WRITES, LOCAL_LEDGER_WRITES } from '../activity-options';
import { jointInvestigation } from './joint-investigation.workflow';
import {
  ACTION_REJECTED,
  actionUpdates,
  type ActionResult,
  calendarUpdatedSignal,
  type IssueRunOutcome,
  DATA_ERROR,
  issueStateQuery,
  jointFindingReportedSignal,
  jointTaskOverdueSignal,
  NOT_NEEDING_ATTENTION,
  resumeUpdate,
  type ActionArgs,
  type ResumeArgs,
} from './issue.messages';
import {
  CategoryKey,
  EscalationLevelKey,
  issueSearchAttributes,
  IssueDeadlineKey,
  IssueStatusKey,
  OverdueKey,
  OwnerUnitKey,
  SeverityKey,
  TerritorialUnitKey,
  TownshipKey,
} from './issue.search-attributes';

/** Patch marker of the full lifecycle; histories from before it (the v1 skeleton) replay the old path. */
export const FULL_LIFECYCLE_PATCH = 'issue-lifecycle-v2';

/** Patch marker of L9's re-planning on a new calendar (definition 3 on): it appends an event where none was. */
export const CALENDAR_REPLAN_PATCH = 'issue-calendar-replan';
/**
 * Patch marker of S4: a write refused for its data (a non-retryable `DATA_ERROR`) makes the issue wait for an
 * operator's `resume` (NeedsAttention) instead of failing; histories from before it never saw such a failure.
 */
export const NEEDS_ATTENTION_PATCH = 'issue-needs-attention';

/**
 * Patch marker of the operators' view: timers, ledger writes and joint investigations carry summaries for the
 * Temporal UI's timeline. Histories from before it replay without them.
 */
export const OPERATOR_VIEW_PATCH = 'issue-operator-view';

/**
 * Patch marker of the lean histories (issue #15): search attributes and memo change only when their values do,
 * ledger writes carry the events and the state's change instead of the whole state, and actions answer the change
 * they made. Histories from before it replay the old commands. Runs under it imply every earlier patch.
 */
export const LEAN_HISTORY_PATCH = 'issue-lean-history';

/**
 * Patch marker of ordered ledger writes (issue #15): an action that reaches the run before its report is numbered
 * (it came with the start, in the first workflow task) waits until it is, so the report is event 1; and a lean write
 * that would start while the one before it is still on its way waits for it, instead of starting at once and being
 * retried until its base has landed. Recorded only by runs where this happened, so most histories carry no marker.
 */
export const ORDERED_WRITES_PATCH = 'issue-ordered-writes';

/**
 * The `runVersion` the API starts issues with (see `IssueLifecycleInput.runVersion`): runs at 1 or above are lean and
 * order their writes without asking the patches; at 2 or above their timers fire at a fixed second of the hour after
 * their time (`timerSpreadMs`), so midnight's escalations do not all come at once; at 3 or above their ledger writes
 * are local activities (`LOCAL_LEDGER_WRITES`).
 */
export const ISSUE_RUN_VERSION = 3;

const { recordIssueEvent, appendIssueEvents, alertOperators } =
  proxyActivities<Pick<Activities, 'recordIssueEvent' | 'appendIssueEvents' | 'alertOperators'>>(
    LEDGER_WRITES,
  );
const local = proxyLocalActivities<Pick<Activities, 'appendIssueEvents'>>(LOCAL_LEDGER_WRITES);

/** A search attribute's or memo entry's value in one comparable form (absent and null alike). */
const shownForm = (value: unknown): string =>
  value === null || value === undefined
    ? 'null'
    : value instanceof Date
      ? value.toISOString()
      : JSON.stringify(value);

/** What the Temporal UI shows of an issue: its search attributes and memo, as last set (at start or by upsert). */
interface Shown {
  attributes: Map<string, string>;
  memo: Map<string, string>;
}

/** The search attributes and memo the run started with (the API's, or the run it continues). */
function shownAtStart(): Shown {
  const info = workflowInfo();
  return {
    attributes: new Map(info.typedSearchAttributes.getAll().map((p) => [p.key.name, shownForm(p.value)])),
    memo: new Map(Object.entries(info.memo ?? {}).map(([key, value]) => [key, shownForm(value)])),
  };
}

/**
 * Lean histories: upserts only the search attributes and memo entries whose values changed since they were last
 * shown, so a transition costs at most one record of each and a step that changes neither costs none.
 */
function publishChangedVisibility(state: IssueState, shown: Shown): void {
  const attributes = [
    ...issueSearchAttributes(state),
    ...(state.deadline ? [] : [{ key: IssueDeadlineKey, value: null }]),
  ].filter((pair) => shown.attributes.get(pair.key.name) !== shownForm(pair.value));
  if (attributes.length > 0) {
    upsertSearchAttributes(attributes);
    for (const pair of attributes) shown.attributes.set(pair.key.name, shownForm(pair.value));
  }
  const memo = Object.fromEntries(
    Object.entries({
      summary: issueSummary(state),
      ...(state.attention !== undefined ? { attention: state.attention } : {}),
    }).filter(([key, value]) => shown.memo.get(key) !== shownForm(value)),
  );
  if (Object.keys(memo).length > 0) {
    upsertMemo(memo);
    for (const [key, value] of Object.entries(memo)) shown.memo.set(key, shownForm(value));
  }
  setCurrentDetails(issueCurrentDetails(state, Date.now()));
}

/** Keeps the search attributes and the memo in step with the state, for operators in the Temporal UI. */
function publishVisibility(state: IssueState, shown?: Shown): void {
  if (shown) return publishChangedVisibility(state, shown);
  upsertSearchAttributes([
    ...issueSearchAttributes(state),
    // A deadline that has gone (all obligations met) is removed, not left stale.
    ...(state.deadline ? [] : [{ key: IssueDeadlineKey, value: null }]),
  ]);
  // The attention key appears only on issues that have needed attention, so other histories stay as they were.
  upsertMemo({
    summary: issueSummary(state),
    ...(state.attention !== undefined ? { attention: state.attention } : {}),
  });
  // Not a command: the UI reads it through the workflow's metadata query, so old histories replay unchanged.
  setCurrentDetails(issueCurrentDetails(state, Date.now()));
}

/**
 * The details of a write's failure that PostgreSQL's refusal of the data caused (S4), else undefined: an activity's
 * failure holds it as its cause; a local activity's failure reaches the workflow as the application failure itself.
 */
function refusedData(error: unknown): DataErrorDetails | undefined {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (!(cause instanceof ApplicationFailure) || cause.type !== DATA_ERROR) return undefined;
  const details = cause.details?.[0] as DataErrorDetails | undefined;
  return details ?? { sqlstate: '?', message: cause.message };
}

/** One issue (问题), from report to archive, executing the process definition it was started under. */
export async function issueLifecycle(input: IssueLifecycleInput): Promise<IssueState | IssueRunOutcome> {
  // Each patch records a marker and a search attribute: a lean run implies the earlier patches without asking.
  const lean = (input.runVersion ?? 0) >= 1 || patched(LEAN_HISTORY_PATCH);
  if (!lean && !patched(FULL_LIFECYCLE_PATCH)) return skeletonLifecycleV1(input);

  const definition = processDefinition(input.definitionVersion);
  let calendar: OfficialCalendar = input.calendar ?? DEFAULT_CALENDAR;
  const ctx = (): LifecycleContext => ({ definition, calendar, now: Date.now() });
  const workflowId = workflowInfo().workflowId;
  const labelled = lean || patched(OPERATOR_VIEW_PATCH);
  // Lean: what the UI shows now, so only changes are upserted.
  const shown = lean ? shownAtStart() : undefined;
  // Lean: the state handed to the last ledger write and its last event, the base of the next write's change.
  let lastWrite: { state: IssueState; seq: number } | undefined;
  // Lean: the ledger writes under way, in the order they were started, and when the last of them has landed.
  let writesUnderWay = 0;
  let lastWriteLanded: Promise<void> = Promise.resolve();
  // Whether the run's own first events (the report, or the reopening) have their numbers: actions come after them.
  let startNumbered = false;
  // Whether the writes keep their order: from the input (runs started since), else by the patch, asked only when
  // two writes meet (older runs, and runs their starters started without the flag).
  const ordered = (): boolean => (input.runVersion ?? 0) >= 1 || patched(ORDERED_WRITES_PATCH);
  // From version 3 on, the ledger writes run as local activities: a marker each, no activity task.
  const localWrites = (input.runVersion ?? 0) >= 3;
  const writeLedger = (write: AppendIssueEventsInput, summary?: string) =>
    localWrites
      ? local.appendIssueEvents.executeWithOptions(
          { ...LOCAL_LEDGER_WRITES, ...(summary ? { summary } : {}) },
          [write],
        )
      : summary
        ? appendIssueEvents.executeWithOptions({ ...LEDGER_WRITES, summary }, [write])
        : appendIssueEvents(write);

  const started = input.resume
    ? { state: input.resume, events: [] as EventDraft[] }
    : input.reopen
      ? reopenIssue(
          input.reopen.previous,
          input.reopen.reason,
          { name: input.reopen.actor, unit: input.reopen.actorUnit },
          ctx(),
        )
      : startIssue(input, ctx());
  const state = started.state;
  // Bumped on every change, so the main loop re-plans its timers.
  let revision = 0;
  // Bumped by each operator's `resume` (S4): refused writes are tried again.
  let resumes = 0;
  // Refused writes being tried again after a `resume`; the resume answers once there are none.
  let retrying = 0;

  /**
   * Appends the events; a write PostgreSQL refuses for its data marks the issue NeedsAttention, tells the operators
   * and waits for their `resume`, then tries the same write again (the event ids keep it idempotent).
   */
  const append = async (input: AppendIssueEventsInput): Promise<void> => {
    let resumed = false;
    for (let round = 1; ; round++) {
      let refused: DataErrorDetails | undefined;
      try {
        await writeLedger(input, labelled ? ledgerWriteSummary(input.events) : undefined);
      } catch (error) {
        refused = refusedData(error);
        if (!refused || !(lean || patched(NEEDS_ATTENTION_PATCH))) throw error;
      }
      if (resumed) retrying -= 1;
      if (!refused) return;
      const seqs = input.events.map((e) => e.seq);
      const attention: IssueAttention = {
        reason: `写入台账被拒绝 write refused: ${refused.message}`.slice(0, 600),
        sqlstate: refused.sqlstate,
        since: new Date().toISOString(),
        pendingEvents: [...new Set([...(state.attention?.pendingEvents ?? []), ...seqs])].sort(
          (a, b) => a - b,
        ),
      };
      state.attention = attention;
      // A resume that arrives while the operators are being told counts.
      const seen = resumes;
      publishVisibility(state, shown);
      try {
        await alertOperators({
          id: `${workflowId}#${seqs[0]}/attention/${round}`,
          issueCode: state.code,
          title: state.report.title,
          ecoOffice: state.organisation.ecoOffice,
          attention,
        });
      } catch (alertError) {
        // The search attribute and the memo still say it; a notice that cannot be stored must not hide that.
        if (!refusedData(alertError)) throw alertError;
      }
      await condition(() => resumes > seen);
      state.attention = null;
      retrying += 1;
      resumed = true;
      publishVisibility(state, shown);
    }
  };

  /**
   * Appends the events (L15) with their notices and ledger changes, and publishes the new state; `requestId` names
   * the HTTP request behind them in the activity's log.
   */
  const persist = async (drafts: EventDraft[], requestId?: string): Promise<void> => {
    revision += 1;
    publishVisibility(state, shown);
    if (drafts.length === 0) return;
    const events = drafts.map((draft) => {
      state.eventCount += 1;
      return {
        ...draft,
        id: `${workflowId}#${state.eventCount}`,
        issueCode: state.code,
        seq: state.eventCount,
        at: new Date().toISOString(),
      };
    });
    const request = requestId ? { requestId } : {};
    if (!lean) return append({ state: { ...state }, events, ...request });
    // A copy: the actions change the state's inner objects in place, and the next change is taken against this.
    const copy = JSON.parse(JSON.stringify(state)) as IssueState;
    const row: RowWrite = lastWrite
      ? { baseSeq: lastWrite.seq, changes: stateDelta(lastWrite.state, copy) }
      : { whole: copy };
    lastWrite = { state: copy, seq: events[events.length - 1].seq };
    const write = { issueCode: state.code, row, events, ...request };
    // A write whose base is still under way follows it rather than racing it (asked only then: see the patch).
    const before = writesUnderWay > 0 && ordered() ? lastWriteLanded : undefined;
    writesUnderWay += 1;
    const landed = (before ? before.then(() => append(write)) : append(write)).finally(() => {
      writesUnderWay -= 1;
    });
    lastWriteLanded = landed.catch(() => undefined);
    await landed;
  };

  setHandler(issueStateQuery, () => state);
  for (const action of ACTION_IDS) {
    setHandler(
      actionUpdates[action],
      async (args: ActionArgs): Promise<ActionResult> => {
        // An action handed over with the start runs as its handler is set, before the report is numbered: it waits.
        if (lean && !startNumbered && ordered()) await condition(() => startNumbered);
        // Lean: the state the action found, to answer the change against (the caller may hold the same).
        const found = lean ? JSON.stringify(state) : undefined;
        const request = { action, actor: args.actor, data: args.data } as ActionRequest<ActionId>;
        const events = applyAction(state, request, ctx());
        if (action === 'startJointInvestigation' && state.jointInvestigation) {
          await startChild(jointInvestigation, {
            workflowId: jointWorkflowId(workflowId, state.jointInvestigation.round),
            args: [
              {
                issueCode: state.code,
                parentWorkflowId: workflowId,
                tasks: state.jointInvestigation.tasks,
                calendar,
              },
            ],
            parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
            ...(labelled
              ? { staticSummary: `联合调查 · 问题 ${state.code} · 第${state.jointInvestigation.round}轮` }
              : {}),
          });
        }
        if (action === 'reportJointFinding' && state.jointInvestigation) {
          await getExternalWorkflowHandle(jointWorkflowId(workflowId, state.jointInvestigation.round)).signal(
            jointFindingReportedSignal,
            { unit: args.actor.unitCode },
          );
        }
        await persist(events, args.requestId);
        if (found === undefined) return state;
        const before = JSON.parse(found) as IssueState;
        return { base: stateFingerprint(before), changes: stateDelta(before, state) };
      },
      {
        validator: (args: ActionArgs) => {
          const rejection = state.attention
            ? reject(
                'wrong-state',
                'issue-needs-attention',
                `Issue ${state.code} waits for the system operators (a write was refused for its data); it takes no action until it is resumed.`,
              )
            : checkAction(state, { action, actor: args?.actor, data: args?.data }, ctx());
          if (rejection) {
            throw ApplicationFailure.create({
              type: ACTION_REJECTED,
              message: rejection.message,
              details: [rejection],
              nonRetryable: true,
            });
          }
        },
      },
    );
  }
  setHandler(
    resumeUpdate,
    async (_args: ResumeArgs) => {
      const waiting = state.attention;
      resumes += 1;
      // Answers once the retried writes landed (attention gone) or were refused again (a new attention).
      await condition(() => retrying === 0 && state.attention !== waiting);
      return state;
    },
    {
      validator: (_args: ResumeArgs) => {
        if (!state.attention)
          throw ApplicationFailure.create({
            type: NOT_NEEDING_ATTENTION,
            message: `Issue ${state.code} needs no attention: nothing to resume.`,
            nonRetryable: true,
          });
      },
    },
  );
  setHandler(calendarUpdatedSignal, async (next) => {
    // A calendar that reaches a run in its first task waits for the report's number too, like an action.
    if (lean && !startNumbered && ordered()) await condition(() => startNumbered);
    const previous = calendar;
    calendar = next;
    revision += 1;
    if (definition.rules.managedCalendar && (lean || patched(CALENDAR_REPLAN_PATCH)))
      await persist(replanForCalendar(state, previous, ctx()));
  });
  setHandler(jointTaskOverdueSignal, async ({ unit, dueDate }) => {
    const overdue: EventDraft = {
      type: 'joint_task_overdue',
      actor: SYSTEM_ACTOR.name,
      actorUnit: SYSTEM_ACTOR.unit,
      payload: { unit, dueDate, rule: 'L11' },
      notices: [
        {
          kind: 'joint_task_overdue',
          audiences: [
            { role: 'unit_head', unit },
            { role: 'eco_office', unit: state.organisation.ecoOffice },
          ],
          subject: `【联合调查逾期】${state.report.title}`,
          body: `${unitName(state, unit)} 未在 ${dueDate} 前报送联合调查结果，请县环委办督促落实。`,
        },
      ],
      ledger: [],
    };
    await persist([overdue]);
  });

  const spread = (input.runVersion ?? 0) >= 2 ? timerSpreadMs(state.code, calendar) : 0;
  // Numbered as it is called, before any action's events; landed before the loop plans timers.
  const startWritten = persist(started.events, input.requestId);
  startNumbered = true;
  await startWritten;
  while (!isFinished(state)) {
    const seen = revision;
    const timer = nextTimer(state, ctx());
    // Runs from version 2 on wait the issue's own offset past the timer's time; older ones replay without it.
    const firesAt = timer ? timer.at + spread : 0;
    if (timer && firesAt <= Date.now()) {
      await persist(applyTimer(state, timer, ctx()));
      continue;
    }
    const woken = () => revision !== seen;
    const changed = timer
      ? await condition(woken, firesAt - Date.now(), labelled ? { summary: timerSummary(timer) } : {})
      : (await condition(woken), true);
    if (!changed && timer) await persist(applyTimer(state, timer, ctx()));
    if (workflowInfo().continueAsNewSuggested && !isFinished(state)) {
      await condition(allHandlersFinished);
      refreshDerived(state);
      await continueAsNew<typeof issueLifecycle>({
        ...input,
        calendar,
        resume: state,
        reopen: undefined,
        requestId: undefined,
      });
    }
  }
  await condition(allHandlersFinished);
  return lean ? { code: state.code, status: state.status, eventCount: state.eventCount } : state;
}

export function jointWorkflowId(issueWorkflowId: string, round: number): string {
  return `${issueWorkflowId}-joint-${round}`;
}

/**
 * The walking skeleton's behaviour (definition v1), kept so issues started before the full lifecycle replay
 * unchanged: report, first ledger event, then wait.
 */
async function skeletonLifecycleV1(input: IssueLifecycleInput): Promise<IssueState> {
  const state = initialIssueState(input);
  setHandler(issueStateQuery, () => state);
  upsertSearchAttributes([
    { key: IssueStatusKey, value: state.status },
    { key: OwnerUnitKey, value: state.sectorOwner },
    { key: TerritorialUnitKey, value: state.territorialOwner },
    { key: TownshipKey, value: state.report.township },
    { key: CategoryKey, value: state.report.category },
    { key: SeverityKey, value: state.report.severity },
    { key: IssueDeadlineKey, value: null },
    { key: OverdueKey, value: false },
    { key: EscalationLevelKey, value: 0 },
  ]);
  upsertMemo({ summary: issueSummary(state) });
  state.eventCount += 1;
  const event: IssueEventRecord = {
    id: `${workflowInfo().workflowId}#${state.eventCount}`,
    issueCode: state.code,
    seq: state.eventCount,
    at: new Date().toISOString(),
    type: 'reported',
    actor: input.report.reportedBy,
    actorUnit: input.report.finderUnit,
    payload: {
      report: input.report,
      sectorOwner: input.sectorOwner,
      territorialOwner: input.territorialOwner,
    },
  };
  const lines: LedgerLine[] = [{ unitCode: input.report.finderUnit, role: 'finder' }];
  await recordIssueEvent({ event, state: { ...state }, opensLedgerLines: lines });
  await condition(() => state.status === 'archived');
  return state;
}
