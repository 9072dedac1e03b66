import type { IssueState } from '../../issue.types';
import { ruleOn, type LifecycleContext } from '../context';
import { reject, type Rejection } from '../../../common/rejection';

// What every path to closure must have passed (L12, L13), checked where a path reaches 验收 or 销号.

/** L12: a major issue has had its consultation; v3: one convened by a grid head since it became major. */
export function majorConsultationMissing(state: IssueState, ctx: LifecycleContext): Rejection | null {
  if (!state.consultationRequired) return null;
  const since = state.majorSince ?? state.reportedAt;
  const held = ruleOn(ctx, 'majorIssueConsultation')
    ? state.consultations.some((c) => c.convenedBy !== undefined && c.at >= since)
    : state.consultations.length > 0;
  if (held) return null;
  const message = 'a major issue needs a consultation (会商) convened by a grid head before closure';
  return reject('wrong-state', 'consultation-required', message, { rule: 'L12' });
}

/** L13 (v3): where 县环委办 required a supervision group, none of the closure steps runs without it. */
export function supervisionGroupMissing(state: IssueState, ctx: LifecycleContext): Rejection | null {
  if (!ruleOn(ctx, 'signOffAuthority') || !state.supervisionRequired || state.supervisionGroup) return null;
  const message = '县环委办 requires a public supervision group (群众监督小组) for this issue; form it first';
  return reject('wrong-state', 'supervision-group-required', message, { rule: 'L13' });
}

/** L4, L14 (v3): a major issue, or one under a supervision group, goes through 验收 and 公示 like a plan. */
export function needsAcceptance(state: IssueState, ctx: LifecycleContext): boolean {
  return (
    ruleOn(ctx, 'immediateFixReview') &&
    (state.report.severity === 'major' || state.supervisionGroup !== null)
  );
}
