import { requireText } from '../../actions';
import { SEVERITIES, type IssueState, type Severity } from '../../issue.types';
import type { ActionRule } from '../action-rule';
import { iso, type LifecycleContext } from '../context';
import { event, notice, type Audience, type EventDraft, type SYSTEM_ACTOR } from '../events';
import { majorIssueCopyText, majorIssueText, severityChangedText } from '../notice-texts';
import { closeObligation, dueIn, openObligation } from '../obligations';
import { reject } from '../../../common/rejection';
import type { Actor } from '../../../organisation/roles';

// L12 (v3): a major issue, as reported or as 县环委办 or a county grid head judge it later.

/** The unit that owes the consultation and whose prefecture counterpart gets the copy: the sector owner (分网格长). */
const reportingUnit = (state: IssueState): string => state.sectorOwner;

/**
 * L12: the county heads and 县环委办 hear of the major issue, its prefecture counterpart gets a copy through the
 * outbox (kept on the issue), and a consultation falls due.
 */
export function announceMajorIssue(
  state: IssueState,
  ctx: LifecycleContext,
  by: Actor | typeof SYSTEM_ACTOR,
  reason?: string,
): EventDraft {
  const unit = reportingUnit(state);
  state.consultationRequired = true;
  state.majorSince = iso(ctx.now);
  state.prefectureCopies = [...(state.prefectureCopies ?? []), { unit, at: iso(ctx.now) }];
  const major = event(by, 'major_issue_reported', { rule: 'L12', prefectureCopy: { unit }, reason });
  const county: Audience[] = [
    { role: 'chief' },
    { role: 'deputy_chief' },
    { role: 'eco_office', unit: state.organisation.ecoOffice },
  ];
  major.notices.push(
    notice('major_issue', county, majorIssueText(state)),
    notice('major_issue_copy', [{ role: 'prefecture_counterpart', unit }], majorIssueCopyText(state, reason)),
  );
  openObligation(state, ctx, 'consultation', unit, dueIn(ctx, state.policy.consultationDueWorkingDays));
  return major;
}

export const changeSeverity: ActionRule<'changeSeverity'> = {
  shape: (data) =>
    SEVERITIES.includes(data.severity as Severity)
      ? requireText(data, 'reason', 'L12')
      : reject('invalid-data', 'field-required', `severity must be one of ${SEVERITIES.join(', ')}`, {
          field: 'severity',
          rule: 'L12',
        }),
  check: (state, data) =>
    state.report.severity === data.severity
      ? reject('invalid-data', 'severity-unchanged', `the issue is already ${data.severity}`, {
          field: 'severity',
          rule: 'L12',
        })
      : null,
  apply: (state, data, actor, ctx) => {
    const from = state.report.severity;
    state.severityChanges = [
      ...(state.severityChanges ?? []),
      { from, to: data.severity, reason: data.reason, by: actor.name, at: iso(ctx.now) },
    ];
    state.report = { ...state.report, severity: data.severity };
    const changed = notice('severity_changed', [{ role: 'unit_head', unit: reportingUnit(state) }], {
      ...severityChangedText(state, data),
    });
    if (data.severity === 'major') {
      return {
        payload: { from },
        notices: [changed],
        then: [announceMajorIssue(state, ctx, actor, data.reason)],
      };
    }
    // Lowered: no consultation is owed any more, and the monthly 双调度 no longer lists it.
    state.consultationRequired = false;
    state.majorSince = null;
    closeObligation(state, 'consultation');
    return { payload: { from }, notices: [changed] };
  },
};
