import { requireText } from '../../actions';
import { ISSUE_SOURCES, type IssueSource, type IssueState } from '../../issue.types';
import { type ActionRule } from '../action-rule';
import { iso } from '../context';
import { notice } from '../events';
import { accountabilityText, sourceCorrectedText } from '../notice-texts';
import { reject } from '../../../common/rejection';

// L16, P7: the source decides who is held to account, so 县环委办 can correct a self-declared one, on the record.

/** Sources that mean the grid did not find the problem itself ("被上级发现或新闻媒体曝光"). */
export const fromAbove = (source: IssueSource): boolean => source === 'higher_referral' || source === 'media';

/** The L16 flag for a source: a problem the grid already had (`knownAs`) is never held against it. */
export function accountabilityFor(state: IssueState, source: IssueSource): IssueState['accountability'] {
  const knownAs = state.accountability.knownAs;
  if (!fromAbove(source) || knownAs) return { flagged: false, reason: null, ...(knownAs ? { knownAs } : {}) };
  return { flagged: true, reason: source === 'media' ? '新闻媒体曝光' : '上级发现交办' };
}

export const correctSource: ActionRule<'correctSource'> = {
  shape: (data) => {
    if (!ISSUE_SOURCES.includes(data.source as IssueSource)) {
      return reject('invalid-data', 'source-invalid', `source must be one of ${ISSUE_SOURCES.join(', ')}`, {
        field: 'source',
        rule: 'L16',
      });
    }
    if (data.source === 'patrol' && (typeof data.patrolId !== 'string' || data.patrolId.trim() === '')) {
      return reject('invalid-data', 'patrol-required', 'a problem found on patrol names its patrol record', {
        field: 'patrolId',
        rule: 'L16',
      });
    }
    return requireText(data, 'reason', 'L16');
  },
  check: (state, data) =>
    data.source === state.report.source
      ? reject('invalid-data', 'source-unchanged', `the source is already ${data.source}`, {
          field: 'source',
          rule: 'L16',
        })
      : null,
  apply: (state, data, actor, ctx) => {
    const previous = state.report.source;
    const wasFlagged = state.accountability.flagged;
    state.report = { ...state.report, source: data.source };
    // A patrol reference belongs to a patrol source only.
    if (data.patrolId) state.report.patrolId = data.patrolId;
    else delete state.report.patrolId;
    state.sourceCorrections = [
      ...(state.sourceCorrections ?? []),
      { from: previous, to: data.source, reason: data.reason, by: actor.name, at: iso(ctx.now) },
    ];
    state.accountability = accountabilityFor(state, data.source);
    const audiences = [
      { role: 'eco_office' as const, unit: state.organisation.ecoOffice },
      { role: 'unit_head' as const, unit: state.territorialOwner },
    ];
    const text =
      state.accountability.flagged && !wasFlagged
        ? accountabilityText(state)
        : sourceCorrectedText(state, previous, data);
    return {
      payload: { previousSource: previous, flagged: state.accountability.flagged, rule: 'L16' },
      notices: [
        notice(state.accountability.flagged ? 'accountability' : 'source_corrected', audiences, text),
      ],
    };
  },
};
