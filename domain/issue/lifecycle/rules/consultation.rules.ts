import { checkSupervisionGroup, requireDate, requireText } from '../../actions';
import { nothingToCheck, type ActionRule } from '../action-rule';
import { iso } from '../context';
import { closeObligation } from '../obligations';
import { reject } from '../../../common/rejection';

// L12, P5: the consultation (会商) a major issue needs; L13: the villagers' supervision group.

export const recordConsultation: ActionRule<'recordConsultation'> = {
  shape: (data) =>
    requireDate(data, 'date', 'P5') ??
    (Array.isArray(data.attendees) && data.attendees.length > 0
      ? null
      : reject('invalid-data', 'attendees-required', 'a consultation records its attendees', {
          field: 'attendees',
          rule: 'P5',
        })) ??
    requireText(data, 'minutes', 'P5', 20000) ??
    (Array.isArray(data.decisions)
      ? null
      : reject('invalid-data', 'field-required', 'decisions must be a list', {
          field: 'decisions',
          rule: 'P5',
        })),
  check: nothingToCheck,
  apply: (state, data, _actor, ctx) => {
    state.consultations.push({ ...data, at: iso(ctx.now) });
    closeObligation(state, 'consultation');
    return {};
  },
};

export const formSupervisionGroup: ActionRule<'formSupervisionGroup'> = {
  shape: (data) => checkSupervisionGroup(data.members),
  check: (state) =>
    state.supervisionGroup
      ? reject('wrong-state', 'supervision-group-exists', 'the supervision group has already been formed', {
          rule: 'L13',
        })
      : null,
  apply: (state, data, _actor, ctx) => {
    state.supervisionGroup = { members: data.members, formedAt: iso(ctx.now) };
    return {};
  },
};
