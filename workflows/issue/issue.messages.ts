import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { OfficialCalendar } from '../../domain/calendar/working-days';
import type { ActionData } from '../../domain/issue/actions';
import type { Actor } from '../../domain/organisation/roles';
import type { IssueState } from '../../domain/issue/issue.types';
import { applyStateDelta, stateFingerprint, type StateDelta } from '../../domain/issue/state-delta';
import { ACTION_IDS, type ActionId } from '../../domain/process/issue-process.definition';

/** The full live state of one issue, with its next deadline and who must act. */
export const issueStateQuery = defineQuery<IssueState>('issueState');

/** What every action update carries: who acts (from the token) and the action's data. */
export interface ActionArgs<A extends ActionId = ActionId> {
  actor: Actor;
  data: ActionData[A];
  /** The HTTP request's X-Request-Id, so the ledger write's log line names the request that caused it. */
  requestId?: string;
}

/**
 * What an action's Update answers since the lean histories: the change it made to the state the action found,
 * named by that state's fingerprint, instead of the whole new state (a caller holding the same state applies it).
 */
export interface ActionOutcome {
  /** `stateFingerprint` of the state the action found. */
  base: string;
  changes: StateDelta;
}

/** An Update's answer: the whole state from issues started before the lean histories, a delta after. */
export type ActionResult = IssueState | ActionOutcome;

/** Whether an Update answered a delta (lean) rather than the whole state. */
export function isActionOutcome(result: ActionResult): result is ActionOutcome {
  return 'changes' in result && 'base' in result;
}

/**
 * The state after an action from its Update's answer: the whole state as answered, or the change applied to the
 * state the caller read before acting when the action found that very state; undefined when it must be read anew.
 */
export function stateFromResult(result: ActionResult, found?: IssueState): IssueState | undefined {
  if (!isActionOutcome(result)) return result;
  if (found && stateFingerprint(found) === result.base) return applyStateDelta(found, result.changes);
  return undefined;
}

/** What an issue's run ends with since the lean histories: the read model and the ledger hold the rest. */
export interface IssueRunOutcome {
  code: string;
  status: IssueState['status'];
  eventCount: number;
}

/** One Temporal Update per action of the process definition; each answers what it changed. */
export type ActionUpdates = { [A in ActionId]: UpdateDefinition<ActionResult, [ActionArgs<A>], A> };

export const actionUpdates = Object.fromEntries(
  ACTION_IDS.map((id) => [id, defineUpdate(id)]),
) as ActionUpdates;

/** The failure type of a refused action; its details carry the domain Rejection. */
export const ACTION_REJECTED = 'IssueActionRejected';

/**
 * The failure type of an activity whose write PostgreSQL refuses for its data (SQLSTATE classes 22 and 23): no retry
 * can fix it, so it is not retried and the issue waits for an operator (NeedsAttention) instead.
 */
export const DATA_ERROR = 'IssueDataError';

/** What an operator's `resume` carries: who resumes (from the token) and what was fixed. */
export interface ResumeArgs {
  actor: Actor;
  note: string;
}

/**
 * 恢复处理: an operator fixed the data behind a NeedsAttention issue; its refused writes are tried again. Answers the
 * state once they land (or once the issue needs attention again).
 */
export const resumeUpdate = defineUpdate<IssueState, [ResumeArgs]>('resume');

/** The failure type of a `resume` of an issue that needs no attention. */
export const NOT_NEEDING_ATTENTION = 'IssueNotNeedingAttention';

/** A new year's official calendar (L9) for issues already running. */
export const calendarUpdatedSignal = defineSignal<[OfficialCalendar]>('calendarUpdated');

/** From the joint-investigation child: a unit let its task's due date pass (L11). */
export const jointTaskOverdueSignal = defineSignal<[{ unit: string; dueDate: string }]>('jointTaskOverdue');

/** To the joint-investigation child: a unit has reported its finding. */
export const jointFindingReportedSignal = defineSignal<[{ unit: string }]>('jointFindingReported');
