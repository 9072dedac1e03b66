import { requireText } from '../../actions';
import type { IssueState, TransferRecord } from '../../issue.types';
import { nothingToCheck, type ActionRule } from '../action-rule';
import { iso } from '../context';
import { notice, type Audience } from '../events';
import { ownerAssignedText, transferFeedbackText, transferReturnedText, transferText } from '../notice-texts';
import { closeObligation, dueIn, openObligation } from '../obligations';
import { setOwner } from '../ownership';
import { reject } from '../../../common/rejection';

// L3: handing an issue to the unit whose duty it is, that unit's answer, and its feedback to the finder.

/** The transfer awaiting its target's answer; there is one in state `transferred`. */
const pendingTransfer = (state: IssueState): TransferRecord | undefined =>
  state.transfers.find((t) => t.outcome === 'pending');

/** The accepted transfer whose result the owner still owes the unit that transferred it. */
const transferAwaitingFeedback = (state: IssueState): TransferRecord | undefined =>
  state.transfers.find((t) => t.outcome === 'accepted' && !t.feedback && t.toUnit === state.owner);

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
    // The accepting unit owes the transferring unit the result of its investigation.
    const due = dueIn(ctx, state.policy.transferFeedbackWorkingDays);
    openObligation(state, ctx, 'transfer_feedback', pending.toUnit, due);
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
  shape: (data) => requireText(data, 'unit', 'L3', 32),
  check: (state, data) => {
    const returned = [...state.transfers].reverse().find((t) => t.outcome === 'returned');
    return returned && returned.toUnit === data.unit
      ? reject(
          'invalid-data',
          'owner-returned-it',
          `${data.unit} returned this issue as not its duty; name the owner explicitly with a different unit or record why`,
          { field: 'unit', rule: 'L3' },
        )
      : null;
  },
  apply: (state, data, actor, ctx) => {
    // L22: a river-chief finding waits for its 分办 under this deadline; any other issue has none here.
    closeObligation(state, 'report_handling');
    const then = setOwner(state, ctx, data.unit, { name: actor.name, unit: actor.unitCode });
    const text = ownerAssignedText(state);
    return { notices: [notice('owner_assigned', [{ role: 'unit_head', unit: data.unit }], text)], then };
  },
};

export const reportTransferFeedback: ActionRule<'reportTransferFeedback'> = {
  shape: (data) => requireText(data, 'result', 'L3'),
  ready: (state) =>
    transferAwaitingFeedback(state)
      ? null
      : reject('wrong-state', 'no-transfer-to-answer', 'there is no accepted transfer awaiting feedback', {
          rule: 'L3',
        }),
  check: nothingToCheck,
  apply: (state, data, _actor, ctx) => {
    const open = transferAwaitingFeedback(state)!;
    open.feedback = { result: data.result, at: iso(ctx.now) };
    closeObligation(state, 'transfer_feedback');
    const text = transferFeedbackText(state, data);
    return { notices: [notice('transfer_feedback', [{ role: 'unit_head', unit: open.fromUnit }], text)] };
  },
};
