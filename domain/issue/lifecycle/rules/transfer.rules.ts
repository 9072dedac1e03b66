import { requireText } from '../../actions';
import type { IssueState, TransferRecord } from '../../issue.types';
import { nothingToCheck, type ActionRule } from '../action-rule';
import { iso, ruleOn, type LifecycleContext } from '../context';
import { notice, type Audience } from '../events';
import { ownerAssignedText, transferFeedbackText, transferReturnedText, transferText } from '../notice-texts';
import { closeObligation, dueIn, openObligation } from '../obligations';
import { ownerOf, setOwner } from '../ownership';
import { reject } from '../../../common/rejection';

// L3: handing an issue to the unit whose duty it is, that unit's answer, and its feedback to the finder.

/** The transfer awaiting its target's answer; there is one in state `transferred`. */
const pendingTransfer = (state: IssueState): TransferRecord | undefined =>
  state.transfers.find((t) => t.outcome === 'pending');

/**
 * The transfers whose result the owner still owes the units that made them. v2: the one the owner accepted.
 * v3 (L3): also one returned and then settled by 县环委办, and every earlier one a re-transfer passed on.
 */
function transfersAwaitingFeedback(state: IssueState, ctx: LifecycleContext): TransferRecord[] {
  if (!ruleOn(ctx, 'returnedTransferFeedback')) {
    const accepted = state.transfers.find(
      (t) => t.outcome === 'accepted' && !t.feedback && t.toUnit === state.owner,
    );
    return accepted ? [accepted] : [];
  }
  return state.transfers.filter(
    (t) =>
      !t.feedback &&
      t.fromUnit !== state.owner &&
      (t.outcome === 'accepted' || (t.outcome === 'returned' && t.settledOwner !== undefined)),
  );
}

/** L3 (v3): the owner owes its result within the feedback term (restarted for a new owner), as any deadline. */
function openFeedbackIfOwed(state: IssueState, ctx: LifecycleContext): void {
  if (transfersAwaitingFeedback(state, ctx).length === 0) return;
  const due = dueIn(ctx, state.policy.transferFeedbackWorkingDays);
  openObligation(state, ctx, 'transfer_feedback', ownerOf(state), due);
}

/** The transfer 县环委办 settles: the last one, returned as not the target's duty. */
const lastReturned = (state: IssueState): TransferRecord | undefined =>
  [...state.transfers].reverse().find((t) => t.outcome === 'returned');

export const transfer: ActionRule<'transfer'> = {
  // A finder hands an issue on only while it is still the finder's to hand; an owner once it owns it.
  parties: (state, defined) => {
    const only = state.status === 'reported' ? 'finder' : state.status === 'accepted' ? 'owner' : null;
    return only ? { allowed: defined.filter((p) => p === only), named: defined } : null;
  },
  shape: (data) => requireText(data, 'toUnit', 'L3', 32) ?? requireText(data, 'reason', 'L3'),
  check: (_state, data, actor) =>
    data.toUnit === actor.unitCode
      ? reject('invalid-data', 'transfer-to-self', 'a unit cannot transfer an issue to itself', {
          field: 'toUnit',
          rule: 'L3',
        })
      : null,
  apply: (state, data, actor, ctx) => {
    state.transfers.push({
      seq: state.transfers.length + 1,
      fromUnit: actor.unitCode,
      toUnit: data.toUnit,
      reason: data.reason,
      at: iso(ctx.now),
      outcome: 'pending',
    });
    closeObligation(state, 'report_handling');
    closeObligation(state, 'plan');
    state.status = 'transferred';
    const due = dueIn(ctx, state.policy.transferAcceptWorkingDays);
    openObligation(state, ctx, 'transfer_acceptance', data.toUnit, due);
    const audiences: Audience[] = [
      { role: 'unit_head', unit: data.toUnit },
      { role: 'direct_leader', unit: data.toUnit },
    ];
    return { notices: [notice('transfer', audiences, transferText(state, actor.unitCode, data))] };
  },
};

export const acceptTransfer: ActionRule<'acceptTransfer'> = {
  shape: nothingToCheck,
  check: nothingToCheck,
  apply: (state, _data, actor, ctx) => {
    const pending = pendingTransfer(state)!;
    pending.outcome = 'accepted';
    closeObligation(state, 'transfer_acceptance');
    const then = setOwner(state, ctx, pending.toUnit, { name: actor.name, unit: actor.unitCode });
    // The accepting unit owes the transferring unit (and, v3, every earlier one) the result of its investigation.
    if (ruleOn(ctx, 'returnedTransferFeedback')) {
      openFeedbackIfOwed(state, ctx);
    } else {
      const due = dueIn(ctx, state.policy.transferFeedbackWorkingDays);
      openObligation(state, ctx, 'transfer_feedback', pending.toUnit, due);
    }
    return { then };
  },
};

export const returnTransfer: ActionRule<'returnTransfer'> = {
  shape: (data) => requireText(data, 'reason', 'L3'),
  check: nothingToCheck,
  apply: (state, data) => {
    const pending = pendingTransfer(state)!;
    pending.outcome = 'returned';
    pending.returnReason = data.reason;
    closeObligation(state, 'transfer_acceptance');
    state.status = 'owner_pending';
    const text = transferReturnedText(state, pending, data);
    const audiences: Audience[] = [
      { role: 'eco_office', unit: state.organisation.ecoOffice },
      { role: 'unit_head', unit: pending.fromUnit },
    ];
    return { notices: [notice('transfer_returned', audiences, text)] };
  },
};

export const assignOwner: ActionRule<'assignOwner'> = {
  shape: (data) =>
    requireText(data, 'unit', 'L3', 32) ??
    (data.reason === undefined ? null : requireText(data, 'reason', 'L3')),
  check: (state, data, _actor, ctx) => {
    const returned = lastReturned(state);
    if (!returned || returned.toUnit !== data.unit) return null;
    // v3: 县环委办 may decide the returning unit owns it after all, and must say why (L3).
    if (ruleOn(ctx, 'returnedTransferFeedback') && data.reason !== undefined) return null;
    return reject(
      'invalid-data',
      'owner-returned-it',
      `${data.unit} returned this issue as not its duty; name a different unit, or record why it is its duty (reason)`,
      { field: ruleOn(ctx, 'returnedTransferFeedback') ? 'reason' : 'unit', rule: 'L3' },
    );
  },
  apply: (state, data, actor, ctx) => {
    // L22: a river-chief finding waits for its 分办 under this deadline; any other issue has none here.
    closeObligation(state, 'report_handling');
    const then = setOwner(state, ctx, data.unit, { name: actor.name, unit: actor.unitCode });
    if (ruleOn(ctx, 'returnedTransferFeedback')) {
      const returned = lastReturned(state);
      if (returned) returned.settledOwner = data.unit;
      openFeedbackIfOwed(state, ctx);
    }
    const text = ownerAssignedText(state);
    return { notices: [notice('owner_assigned', [{ role: 'unit_head', unit: data.unit }], text)], then };
  },
};

export const reportTransferFeedback: ActionRule<'reportTransferFeedback'> = {
  shape: (data) => requireText(data, 'result', 'L3'),
  ready: (state, _actor, ctx) =>
    transfersAwaitingFeedback(state, ctx).length > 0
      ? null
      : reject('wrong-state', 'no-transfer-to-answer', 'there is no accepted transfer awaiting feedback', {
          rule: 'L3',
        }),
  check: nothingToCheck,
  apply: (state, data, _actor, ctx) => {
    const answered = transfersAwaitingFeedback(state, ctx);
    for (const open of answered) open.feedback = { result: data.result, at: iso(ctx.now) };
    closeObligation(state, 'transfer_feedback');
    const text = transferFeedbackText(state, data);
    const audiences = [...new Set(answered.map((t) => t.fromUnit))].map((unit): Audience => ({
      role: 'unit_head',
      unit,
    }));
    const notices = [notice('transfer_feedback', audiences, text)];
    if (!ruleOn(ctx, 'returnedTransferFeedback')) return { notices };
    return { payload: { answered: answered.map((t) => t.seq) }, notices };
  },
};
