import { requireEvidence, requireText } from '../../actions';
import { nothingToCheck, type ActionRule } from '../action-rule';
import { iso } from '../context';
import { notice } from '../events';
import { fixToConfirmText } from '../notice-texts';
import { closeObligation, dueIn, openObligation } from '../obligations';
import { ownerOf } from '../ownership';

// L4: 立行立改, a fix on the spot with its evidence, confirmed by the owner's direct leader.

export const recordImmediateFix: ActionRule<'recordImmediateFix'> = {
  shape: (data) => requireText(data, 'description', 'L4') ?? requireEvidence(data, 'evidence', 'L4', 1),
  check: nothingToCheck,
  apply: (state, data, actor, ctx) => {
    state.immediateFix = {
      description: data.description,
      evidence: data.evidence,
      at: iso(ctx.now),
      by: actor.name,
    };
    closeObligation(state, 'plan');
    state.status = 'fix_confirmation';
    const due = dueIn(ctx, state.policy.fixConfirmationWorkingDays);
    openObligation(state, ctx, 'fix_confirmation', ownerOf(state), due);
    const text = fixToConfirmText(state, data);
    return { notices: [notice('fix_to_confirm', [{ role: 'direct_leader', unit: ownerOf(state) }], text)] };
  },
};

export const confirmFix: ActionRule<'confirmFix'> = {
  shape: (data) => requireText(data, 'opinion', 'L4'),
  check: nothingToCheck,
  apply: (state, data, actor, ctx) => {
    closeObligation(state, 'fix_confirmation');
    state.closure.acceptance = { opinion: data.opinion, by: actor.name, at: iso(ctx.now) };
    state.status = 'awaiting_signoff';
    return {};
  },
};

export const rejectFix: ActionRule<'rejectFix'> = {
  shape: (data) => requireText(data, 'reason', 'L4'),
  check: nothingToCheck,
  // Back to acceptance: the owner fixes again or plans, under a fresh plan deadline.
  apply: (state, _data, _actor, ctx) => {
    closeObligation(state, 'fix_confirmation');
    state.status = 'accepted';
    openObligation(state, ctx, 'plan', ownerOf(state), dueIn(ctx, state.policy.planDueWorkingDays));
    return {};
  },
};
