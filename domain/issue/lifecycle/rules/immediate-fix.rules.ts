import { requireEvidence, requireText } from '../../actions';
import type { IssueState } from '../../issue.types';
import { nothingToCheck, type ActionOutcome, type ActionRule } from '../action-rule';
import { iso, ruleOn, type LifecycleContext } from '../context';
import { notice } from '../events';
import { closureAppliedText, fixToConfirmText } from '../notice-texts';
import { closeObligation, dueIn, openObligation } from '../obligations';
import { ownerOf } from '../ownership';
import { reject } from '../../../common/rejection';
import { needsAcceptance, supervisionGroupMissing } from './closure-gates';

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
      ...(ruleOn(ctx, 'immediateFixReview') ? { byId: actor.id } : {}),
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
  // v3 (L4): whoever recorded the fix cannot also confirm it.
  ready: (state, actor, ctx) =>
    ruleOn(ctx, 'immediateFixReview') && state.immediateFix?.byId === actor.id
      ? reject('forbidden', 'own-fix', 'the member who recorded the fix cannot confirm it', { rule: 'L4' })
      : supervisionGroupMissing(state, ctx),
  check: nothingToCheck,
  apply: (state, data, actor, ctx) => {
    closeObligation(state, 'fix_confirmation');
    if (needsAcceptance(state, ctx)) return toAcceptance(state, ctx);
    state.closure.acceptance = { opinion: data.opinion, by: actor.name, at: iso(ctx.now) };
    state.status = 'awaiting_signoff';
    return {};
  },
};

/** L4, L14 (v3): the confirmed fix of a major or supervised issue awaits 县环委办's 验收, as a closure application. */
function toAcceptance(state: IssueState, ctx: LifecycleContext): ActionOutcome {
  const eco = state.organisation.ecoOffice;
  const fix = state.immediateFix!;
  state.closure.application = { summary: fix.description, evidence: fix.evidence, at: iso(ctx.now) };
  state.status = 'awaiting_acceptance';
  openObligation(
    state,
    ctx,
    'closure_acceptance',
    eco,
    dueIn(ctx, state.policy.closureAcceptanceWorkingDays),
  );
  const text = closureAppliedText(state, { summary: `立行立改已确认：${fix.description}`, evidence: [] });
  return {
    payload: { toAcceptance: true },
    notices: [notice('closure_applied', [{ role: 'eco_office', unit: eco }], text)],
  };
}

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
