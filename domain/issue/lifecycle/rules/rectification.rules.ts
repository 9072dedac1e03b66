import { checkPlan, requireDate, requireText } from '../../actions';
import type { IssueState } from '../../issue.types';
import { nothingToCheck, type ActionRule } from '../action-rule';
import { endOfShanghaiDay, iso, ruleOn, shanghaiToday, type LifecycleContext } from '../context';
import { notice, type Audience } from '../events';
import { anotherExtensionText, extensionDecidedText, extensionRequestedText } from '../notice-texts';
import { checkCalendarCovers, closeObligation, nextProgressDue, openObligation } from '../obligations';
import { ownerOf } from '../ownership';
import { reject } from '../../../common/rejection';
import { type Rejection } from '../../../common/rejection';

// L5, L7, L8: the 五定 plan, weekly progress, and extensions of the plan's time limit.

/** L5: the plan's time limit is today or later, within the official calendar's data (L9). */
function checkTimeLimit(state: IssueState, timeLimit: string, ctx: LifecycleContext): Rejection | null {
  const today = shanghaiToday(ctx.now);
  if (timeLimit >= today) return checkCalendarCovers(state, ctx, timeLimit, 'timeLimit', 'L5');
  const message = `定整改时限 ${timeLimit} is before today (${today})`;
  return reject('invalid-data', 'time-limit-in-past', message, { field: 'timeLimit', rule: 'L5' });
}

export const submitPlan: ActionRule<'submitPlan'> = {
  shape: (data) => checkPlan(data),
  check: (state, data, _actor, ctx) => checkTimeLimit(state, data.timeLimit, ctx),
  apply: (state, data, _actor, ctx) => {
    state.plan = {
      responsibleUnit: data.responsibleUnit,
      responsiblePerson: data.responsiblePerson,
      ...(data.responsibleMemberId ? { responsibleMemberId: data.responsibleMemberId } : {}),
      measures: data.measures,
      timeLimit: data.timeLimit,
      target: data.target,
      milestones: data.milestones ?? [],
    };
    closeObligation(state, 'plan');
    state.status = 'rectifying';
    openObligation(state, ctx, 'rectification', ownerOf(state), endOfShanghaiDay(data.timeLimit));
    state.progressDueAt = nextProgressDue(state, ctx);
    return {};
  },
};

export const reportProgress: ActionRule<'reportProgress'> = {
  shape: (data) => requireText(data, 'note', 'L7'),
  check: (state, data) =>
    data.timeLimit !== undefined && data.timeLimit !== state.plan?.timeLimit
      ? reject(
          'invalid-data',
          'deadline-moves-only-by-extension',
          'a progress report cannot move the plan’s deadline; request an extension (L8)',
          { field: 'timeLimit', rule: 'L7' },
        )
      : null,
  apply: (state, data, _actor, ctx) => {
    if (data.milestones && state.plan) state.plan.milestones = data.milestones;
    state.progressReports += 1;
    state.lastProgressAt = iso(ctx.now);
    state.progressDueAt = nextProgressDue(state, ctx);
    return {};
  },
};

const hasPendingExtension = (state: IssueState) => state.extensions.some((e) => !e.decision);

/** L8 (v3): the deadline has had the extensions the policy grants, plus those 县环委办 allowed since. */
function extensionsUsedUp(state: IssueState, ctx: LifecycleContext): boolean {
  if (!ruleOn(ctx, 'extensionLimit')) return false;
  const granted = state.extensions.filter((e) => e.decision?.approved).length;
  const allowed = (state.policy.extensionsPerDeadline ?? 1) + (state.extraExtensionsAllowed ?? 0);
  return granted >= allowed;
}

export const requestExtension: ActionRule<'requestExtension'> = {
  shape: (data) => requireText(data, 'reason', 'L8') ?? requireDate(data, 'proposedTimeLimit', 'L8'),
  ready: (state, _actor, ctx) => {
    if (extensionsUsedUp(state, ctx)) {
      const message = 'this deadline has had the extensions allowed; 县环委办 must allow another first';
      return reject('wrong-state', 'extension-limit-reached', message, { rule: 'L8' });
    }
    const message = 'an extension request is already waiting for a decision';
    return hasPendingExtension(state)
      ? reject('wrong-state', 'extension-pending', message, { rule: 'L8' })
      : null;
  },
  check: (state, data, _actor, ctx) => {
    if (!state.plan || data.proposedTimeLimit <= state.plan.timeLimit) {
      return reject(
        'invalid-data',
        'extension-not-later',
        `the proposed time limit must be after ${state.plan?.timeLimit ?? 'the current one'}`,
        { field: 'proposedTimeLimit', rule: 'L8' },
      );
    }
    return checkCalendarCovers(state, ctx, data.proposedTimeLimit, 'proposedTimeLimit', 'L8');
  },
  apply: (state, data, actor, ctx) => {
    state.extensions.push({
      seq: state.extensions.length + 1,
      reason: data.reason,
      proposedTimeLimit: data.proposedTimeLimit,
      requestedAt: iso(ctx.now),
      requestedBy: actor.name,
    });
    const text = extensionRequestedText(state, data);
    return { notices: [notice('extension_requested', extensionDeciders(state), text)] };
  },
};

/** L8: the county grid heads decide a major issue's extensions, 县环委办 the others'. */
function extensionDeciders(state: IssueState): Audience[] {
  return state.report.severity === 'major'
    ? [{ role: 'chief' }, { role: 'deputy_chief' }]
    : [{ role: 'eco_office', unit: state.organisation.ecoOffice }];
}

export const decideExtension: ActionRule<'decideExtension'> = {
  // L8: extensions of a major issue are decided by the county grid heads.
  parties: (state, defined) =>
    state.report.severity === 'major'
      ? { allowed: defined.filter((p) => p === 'county_head'), named: ['county_head'] }
      : null,
  shape: (data) =>
    typeof data.approved === 'boolean'
      ? requireText(data, 'note', 'L8')
      : reject('invalid-data', 'field-required', 'approved must be true or false', {
          field: 'approved',
          rule: 'L8',
        }),
  ready: (state) =>
    hasPendingExtension(state)
      ? null
      : reject('wrong-state', 'no-extension-pending', 'there is no extension request to decide', {
          rule: 'L8',
        }),
  check: nothingToCheck,
  apply: (state, data, actor, ctx) => {
    const pending = state.extensions.find((e) => !e.decision)!;
    pending.decision = { approved: data.approved, note: data.note, by: actor.name, at: iso(ctx.now) };
    const payload: Record<string, unknown> = { extension: pending.seq };
    if (data.approved && state.plan) {
      payload.previousTimeLimit = state.plan.timeLimit;
      state.plan.timeLimit = pending.proposedTimeLimit;
      // The ladder follows the new deadline (L8, L10).
      const due = endOfShanghaiDay(pending.proposedTimeLimit);
      openObligation(state, ctx, 'rectification', ownerOf(state), due);
    }
    const text = extensionDecidedText(state, data);
    return {
      payload,
      notices: [notice('extension_decided', [{ role: 'unit_head', unit: ownerOf(state) }], text)],
    };
  },
};

/** L8 (v3): 县环委办 allows one more extension of a deadline that has had its share. */
export const allowAnotherExtension: ActionRule<'allowAnotherExtension'> = {
  shape: (data) => requireText(data, 'reason', 'L8'),
  ready: (state, _actor, ctx) =>
    extensionsUsedUp(state, ctx)
      ? null
      : reject('wrong-state', 'extension-still-available', 'the deadline can still be extended without it', {
          rule: 'L8',
        }),
  check: nothingToCheck,
  apply: (state, data) => {
    state.extraExtensionsAllowed = (state.extraExtensionsAllowed ?? 0) + 1;
    const text = anotherExtensionText(state, data.reason);
    return { notices: [notice('extension_allowed', [{ role: 'unit_head', unit: ownerOf(state) }], text)] };
  },
};
