import { requireEvidence, requireText } from '../../actions';
import type { IssueState } from '../../issue.types';
import { nothingToCheck, type ActionRule } from '../action-rule';
import { endOfShanghaiDay, iso, ruleOn, type LifecycleContext } from '../context';
import { notice } from '../events';
import { closureAppliedText, sentBackText } from '../notice-texts';
import { closeObligation, dueIn, nextProgressDue, openObligation } from '../obligations';
import { ownerOf } from '../ownership';
import { reject } from '../../../common/rejection';
import { majorConsultationMissing, supervisionGroupMissing } from './closure-gates';

// L14: the owner applies for closure (销号) with its evidence; 县环委办 accepts it, or sends it back.

export const applyForClosure: ActionRule<'applyForClosure'> = {
  shape: (data) => requireText(data, 'summary', 'L14') ?? requireEvidence(data, 'evidence', 'L14', 1),
  ready: (state, _actor, ctx) => majorConsultationMissing(state, ctx) ?? supervisionGroupMissing(state, ctx),
  check: nothingToCheck,
  apply: (state, data, _actor, ctx) => {
    const eco = state.organisation.ecoOffice;
    state.closure.application = { summary: data.summary, evidence: data.evidence, at: iso(ctx.now) };
    closeObligation(state, 'rectification');
    state.progressDueAt = null;
    state.status = 'awaiting_acceptance';
    const due = dueIn(ctx, state.policy.closureAcceptanceWorkingDays);
    openObligation(state, ctx, 'closure_acceptance', eco, due);
    const text = closureAppliedText(state, data);
    return { notices: [notice('closure_applied', [{ role: 'eco_office', unit: eco }], text)] };
  },
};

export const acceptRectification: ActionRule<'acceptRectification'> = {
  shape: (data) => requireText(data, 'opinion', 'L14'),
  // v3: every path to closure passes here, so the L12 and L13 gates hold for an immediate fix too.
  ready: (state, _actor, ctx) =>
    ruleOn(ctx, 'immediateFixReview')
      ? (majorConsultationMissing(state, ctx) ?? supervisionGroupMissing(state, ctx))
      : null,
  check: (state, data, _actor, ctx) => {
    if (!ruleOn(ctx, 'immediateFixReview') || data.publicNotice !== false || !state.supervisionGroup)
      return null;
    const message = 'a public notice (公示) can be waived only where no supervision group was formed';
    return reject('invalid-data', 'public-notice-required', message, { field: 'publicNotice', rule: 'L14' });
  },
  apply: (state, data, actor, ctx) => {
    const at = iso(ctx.now);
    closeObligation(state, 'closure_acceptance');
    state.closure.acceptance = { opinion: data.opinion, by: actor.name, at };
    // A major issue, or one under a supervision group, is publicly noticed unless 县环委办 says otherwise.
    const publicNotice =
      data.publicNotice ?? (state.report.severity === 'major' || state.supervisionGroup !== null);
    if (publicNotice) {
      const endsAt = dueIn(ctx, state.policy.publicNoticeWorkingDays);
      state.closure.publicNotice = { startedAt: at, endsAt: iso(endsAt), objections: [], completed: false };
      state.status = 'public_notice';
    } else {
      state.status = 'awaiting_signoff';
    }
    return { payload: { publicNotice } };
  },
};

export const sendBack: ActionRule<'sendBack'> = {
  shape: (data) => requireText(data, 'reason', 'L14'),
  check: nothingToCheck,
  apply: (state, data, _actor, ctx) => {
    closeObligation(state, 'closure_acceptance');
    // A fix on the spot has no plan to resume: its owner fixes again or plans (v3, L4).
    if (state.plan) backToRectifying(state, ctx);
    else backToAcceptance(state, ctx);
    const text = sentBackText(state, data);
    return { notices: [notice('sent_back', [{ role: 'unit_head', unit: ownerOf(state) }], text)] };
  },
};

/** An immediate fix sent back at 验收: the owner fixes again or plans, under a fresh plan deadline (L4, L14). */
function backToAcceptance(state: IssueState, ctx: LifecycleContext): void {
  state.status = 'accepted';
  state.closure.application = null;
  openObligation(state, ctx, 'plan', ownerOf(state), dueIn(ctx, state.policy.planDueWorkingDays));
}

/** Rectification resumes under the plan's deadline, with weekly progress due again (L7, L14). */
export function backToRectifying(state: IssueState, ctx: LifecycleContext): void {
  state.status = 'rectifying';
  if (state.plan)
    openObligation(state, ctx, 'rectification', ownerOf(state), endOfShanghaiDay(state.plan.timeLimit));
  state.progressDueAt = nextProgressDue(state, ctx);
  state.closure.publicNotice = null;
}
