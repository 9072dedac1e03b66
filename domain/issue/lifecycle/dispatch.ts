import { findUnstorableText } from '../../common/text';
import {
  actionDefinition,
  type ActionDefinition,
  type ActionId,
} from '../../process/issue-process.definition';
import { type ActionRequest } from '../actions';
import { partiesOf, type Actor } from '../../organisation/roles';
import type { IssueState } from '../issue.types';
import { isRecord, type ActionRule } from './action-rule';
import { ACTION_RULES } from './action-rules';
import type { LifecycleContext } from './context';
import { refreshDerived } from './derived';
import { event, type EventDraft } from './events';
import { reject } from '../../common/rejection';
import { type Rejection } from '../../common/rejection';

/** The validator: why this actor may not take this action now with this data, or null when it may (no change). */
export function checkAction<A extends ActionId>(
  state: IssueState,
  request: ActionRequest<A>,
  ctx: LifecycleContext,
): Rejection | null {
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
  const rule: ActionRule<A> = ACTION_RULES[request.action];
  return (
    checkParties(state, request.actor, definition, rule) ??
    checkText(request.data) ??
    checkShape(request.data, rule) ??
    rule.ready?.(state, request.actor, ctx) ??
    rule.check(state, request.data, request.actor, ctx)
  );
}

/**
 * The actions this actor may take now, whatever data they will bring: the validator's own state, party and
 * readiness checks, so a client never offers an action the workflow would refuse for who or when.
 */
export function allowedActions(state: IssueState, actor: Actor, ctx: LifecycleContext): ActionId[] {
  return ctx.definition.actions
    .filter((definition) => definition.from.includes(state.status))
    .filter((definition) => isReady(state, actor, ctx, definition, definition.id))
    .map((definition) => definition.id);
}

/** Whether the actor is a party of the action and the issue's record allows it now (data aside). */
function isReady<A extends ActionId>(
  state: IssueState,
  actor: Actor,
  ctx: LifecycleContext,
  definition: ActionDefinition,
  id: A,
): boolean {
  const rule: ActionRule<A> = ACTION_RULES[id];
  return !checkParties(state, actor, definition, rule) && !rule.ready?.(state, actor, ctx);
}

/** The shared party check: the actor belongs to a party the definition names, as the rule narrows them. */
function checkParties<A extends ActionId>(
  state: IssueState,
  actor: Actor | undefined,
  definition: ActionDefinition,
  rule: ActionRule<A>,
): Rejection | null {
  if (!actor || typeof actor.unitCode !== 'string' || !Array.isArray(actor.roles)) {
    return reject('forbidden', 'actor-required', 'the action needs an authenticated actor');
  }
  const parties = partiesOf(actor, {
    finderUnit: state.report.finderUnit,
    owner: state.owner,
    sectorOwner: state.sectorOwner,
    territorialOwner: state.territorialOwner,
    transferTarget: state.transfers.find((t) => t.outcome === 'pending')?.toUnit ?? null,
    jointUnits: jointUnits(state),
    organisation: state.organisation,
    ...(state.routing ? { routing: state.routing } : {}),
  });
  const narrowed = rule.parties?.(state, definition.parties) ?? null;
  if ((narrowed?.allowed ?? definition.parties).some((p) => parties.has(p))) return null;
  return reject(
    'forbidden',
    'actor-not-permitted',
    `${definition.label} (${definition.id}) may be taken only by ${(narrowed?.named ?? definition.parties).join(' or ')}`,
    { rule: definition.rules.join(',') },
  );
}

/** The units of a running joint investigation (L11). */
function jointUnits(state: IssueState): string[] {
  return state.status === 'joint_investigation'
    ? (state.jointInvestigation?.tasks.map((t) => t.unit) ?? [])
    : [];
}

/** Text the ledger could not store would leave the workflow ahead of it; refused here as at the API's door. */
function checkText(data: unknown): Rejection | null {
  const problem = findUnstorableText(data, 'data');
  return problem
    ? reject('invalid-data', 'unstorable-text', problem.message, { field: problem.field, rule: problem.rule })
    : null;
}

/** The data must be an object before the action's own rules on its fields can run. */
function checkShape<A extends ActionId>(data: unknown, rule: ActionRule<A>): Rejection | null {
  return isRecord(data)
    ? rule.shape(data)
    : reject('invalid-data', 'data-required', 'the action needs its data object', { field: 'data' });
}

/** Applies an allowed action to the state (call checkAction first) and returns the events it appends. */
export function applyAction<A extends ActionId>(
  state: IssueState,
  request: ActionRequest<A>,
  ctx: LifecycleContext,
): EventDraft[] {
  const definition = actionDefinition(ctx.definition, request.action);
  const main = event(request.actor, request.action, { ...request.data, rules: definition.rules });
  const outcome = ACTION_RULES[request.action].apply(state, request.data, request.actor, ctx);
  Object.assign(main.payload, outcome.payload);
  main.notices.push(...(outcome.notices ?? []));
  refreshDerived(state);
  return [main, ...(outcome.then ?? [])];
}
