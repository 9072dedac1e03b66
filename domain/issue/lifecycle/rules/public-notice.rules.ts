import { requireText } from '../../actions';
import type { IssueState } from '../../issue.types';
import { nothingToCheck, type ActionRule } from '../action-rule';
import { iso } from '../context';
import { event, SYSTEM_ACTOR, type EventDraft } from '../events';
import { backToRectifying } from './closure.rules';
import { reject } from '../../../common/rejection';

// L14: the public notice (公示) of an accepted rectification, and the objections filed during it.

export const fileObjection: ActionRule<'fileObjection'> = {
  shape: (data) => requireText(data, 'objector', 'L14', 128) ?? requireText(data, 'content', 'L14'),
  check: nothingToCheck,
  apply: (state, data, _actor, ctx) => {
    const objections = state.closure.publicNotice!.objections;
    objections.push({
      seq: objections.length + 1,
      objector: data.objector,
      content: data.content,
      at: iso(ctx.now),
    });
    return { payload: { objection: objections.length } };
  },
};

export const resolveObjection: ActionRule<'resolveObjection'> = {
  shape: (data) =>
    typeof data.objection === 'number' && typeof data.valid === 'boolean'
      ? requireText(data, 'note', 'L14')
      : reject('invalid-data', 'field-required', 'objection (number) and valid (boolean) are required', {
          field: 'objection',
          rule: 'L14',
        }),
  check: (state, data) => {
    const objection = state.closure.publicNotice?.objections.find((o) => o.seq === data.objection);
    if (!objection)
      return reject('invalid-data', 'unknown-objection', `there is no objection ${data.objection}`, {
        field: 'objection',
        rule: 'L14',
      });
    return objection.resolution
      ? reject('wrong-state', 'objection-resolved', `objection ${data.objection} is already resolved`, {
          rule: 'L14',
        })
      : null;
  },
  apply: (state, data, _actor, ctx) => {
    const publicNotice = state.closure.publicNotice!;
    const objection = publicNotice.objections.find((o) => o.seq === data.objection)!;
    objection.resolution = { valid: data.valid, note: data.note, at: iso(ctx.now) };
    // A valid objection reopens rectification; the last one resolved after the period ends the notice.
    if (data.valid) {
      backToRectifying(state, ctx);
    } else if (
      ctx.now >= Date.parse(publicNotice.endsAt) &&
      publicNotice.objections.every((o) => o.resolution)
    ) {
      return { then: finishPublicNotice(state) };
    }
    return {};
  },
};

/** The public notice has run its course with no objection left open: the owners sign next. */
export function finishPublicNotice(state: IssueState): EventDraft[] {
  state.closure.publicNotice!.completed = true;
  state.status = 'awaiting_signoff';
  return [
    event(SYSTEM_ACTOR, 'public_notice_completed', {
      rule: 'L14',
      objections: state.closure.publicNotice!.objections.length,
    }),
  ];
}
