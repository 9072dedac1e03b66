import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  startChild,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { LedgerLine } from '../../activities/issue.activities';
import { DEFAULT_CALENDAR, type OfficialCalendar } from '../../domain/calendar/working-days';
import type { ActionRequest } from '../../domain/issue/actions';
import { initialIssueState, issueSummary } from '../../domain/issue/issue-state';
import { issueCurrentDetails, ledgerWriteSummary, timerSummary } from '../../domain/issue/operator-view';
import type { IssueEventRecord, IssueLifecycleInput, IssueState } from '../../domain/issue/issue.types';
import {
  applyAction,
  applyTimer,
  checkAction,
  isFinished,
  nextTimer,
  refreshDerived,
  reopenIssue,
  startIssue,
  SYSTEM_ACTOR,
  type EventDraft,
  type LifecycleContext,
} from '../../domain/issue/lifecycle';
import { ACTION_IDS, type ActionId } from '../../domain/process/issue-process.definition';
import { processDefinition } from '../../domain/process/process-registry';
import { LEDGER_WRITES } from '../activity-options';
import { jointInvestigation } from './joint-investigation.workflow';
import {
  ACTION_REJECTED,
  actionUpdates,
  calendarUpdatedSignal,
  issueStateQuery,
  jointFindingReportedSignal,
  jointTaskOverdueSignal,
  type ActionArgs,
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

/**
 * Patch marker of the operators' view: timers, ledger writes and joint investigations carry summaries for the
 * Temporal UI's timeline. Histories from before it replay without them.
 */
export const OPERATOR_VIEW_PATCH = 'issue-operator-view';

const { recordIssueEvent, appendIssueEvents } =
  proxyActivities<Pick<Activities, 'recordIssueEvent' | 'appendIssueEvents'>>(LEDGER_WRITES);

/** Keeps the search attributes and the memo in step with the state, for operators in the Temporal UI. */
function publishVisibility(state: IssueState): void {
  upsertSearchAttributes([
    ...issueSearchAttributes(state),
    // A deadline that has gone (all obligations met) is removed, not left stale.
    ...(state.deadline ? [] : [{ key: IssueDeadlineKey, value: null }]),
  ]);
  upsertMemo({ summary: issueSummary(state) });
  // Not a command: the UI reads it through the workflow's metadata query, so old histories replay unchanged.
  setCurrentDetails(issueCurrentDetails(state, Date.now()));
}

/** One issue (问题), from report to archive, executing the process definition it was started under. */
export async function issueLifecycle(input: IssueLifecycleInput): Promise<IssueState> {
  if (!patched(FULL_LIFECYCLE_PATCH)) return skeletonLifecycleV1(input);

  const definition = processDefinition(input.definitionVersion);
  let calendar: OfficialCalendar = input.calendar ?? DEFAULT_CALENDAR;
  const ctx = (): LifecycleContext => ({ definition, calendar, now: Date.now() });
  const workflowId = workflowInfo().workflowId;
  const labelled = patched(OPERATOR_VIEW_PATCH);

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

  /**
   * Appends the events (L15) with their notices and ledger changes, and publishes the new state; `requestId` names
   * the HTTP request behind them in the activity's log.
   */
  const persist = async (drafts: EventDraft[], requestId?: string): Promise<void> => {
    revision += 1;
    publishVisibility(state);
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
    const append = { state: { ...state }, events, ...(requestId ? { requestId } : {}) };
    if (labelled)
      await appendIssueEvents.executeWithOptions({ ...LEDGER_WRITES, summary: ledgerWriteSummary(events) }, [
        append,
      ]);
    else await appendIssueEvents(append);
  };

  setHandler(issueStateQuery, () => state);
  for (const action of ACTION_IDS) {
    setHandler(
      actionUpdates[action],
      async (args: ActionArgs) => {
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
        return state;
      },
      {
        validator: (args: ActionArgs) => {
          const rejection = checkAction(state, { action, actor: args?.actor, data: args?.data }, ctx());
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
  setHandler(calendarUpdatedSignal, (next) => {
    calendar = next;
    revision += 1;
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
          body: `${unit} 未在 ${dueDate} 前报送联合调查结果，请县环委办督促落实。`,
        },
      ],
      ledger: [],
    };
    await persist([overdue]);
  });

  await persist(started.events, input.requestId);
  while (!isFinished(state)) {
    const seen = revision;
    const timer = nextTimer(state, ctx());
    if (timer && timer.at <= Date.now()) {
      await persist(applyTimer(state, timer, ctx()));
      continue;
    }
    const woken = () => revision !== seen;
    const changed = timer
      ? await condition(woken, timer.at - Date.now(), labelled ? { summary: timerSummary(timer) } : {})
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
  return state;
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
