import type { ActionId, Party } from '../../process/issue-process.definition';
import type { ActionData } from '../actions';
import type { Actor } from '../../organisation/roles';
import type { IssueState } from '../issue.types';
import type { LifecycleContext } from './context';
import type { EventDraft, NoticeDraft } from './events';
import { type Rejection } from '../../common/rejection';

/** What an action causes besides its changes to the state. */
export interface ActionOutcome {
  /** Added to the payload of the action's own event. */
  payload?: Record<string, unknown>;
  /** Sent with the action's own event. */
  notices?: NoticeDraft[];
  /** Events that follow the action's own (ownership taken, investigation completed, closed, archived). */
  then?: EventDraft[];
}

/** A rule's narrowing of the definition's parties for the issue's state, and whom a refusal names. */
export interface PartyNarrowing {
  allowed: readonly Party[];
  named: readonly Party[];
}

/** One action of the lifecycle: its rules (run after the shared state and party checks) and its effect. */
export interface ActionRule<A extends ActionId> {
  /** Who among the definition's parties may act now; absent or null when the definition alone decides. */
  parties?: (state: IssueState, defined: readonly Party[]) => PartyNarrowing | null;
  /**
   * What the issue's own record must allow before the action can be taken at all, whatever its data (a transfer
   * awaiting feedback, an extension to decide…); absent when the state and the parties alone decide. Also tells a
   * client which actions to offer (`allowedActions`).
   */
  ready?: (state: IssueState, actor: Actor, ctx: LifecycleContext) => Rejection | null;
  /** The rules on the data alone, before it can be trusted to have its type. */
  shape: (data: Record<string, unknown>) => Rejection | null;
  /** The rules that need the state: why the action may not be taken now, or null. */
  check: (state: IssueState, data: ActionData[A], actor: Actor, ctx: LifecycleContext) => Rejection | null;
  /** Changes the state of an action that passed its checks. */
  apply: (state: IssueState, data: ActionData[A], actor: Actor, ctx: LifecycleContext) => ActionOutcome;
}

/** The rule table: a missing action or an entry typed for another action's data fails the build. */
export type ActionRules = { [A in ActionId]: ActionRule<A> };

/** The check or shape of an action with no rule beyond the shared ones. */
export const nothingToCheck = (): Rejection | null => null;

/** Untrusted data that is at least an object, so its fields can be looked at. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
