import { requireText } from '../../actions';
import {
  checkResponsibleParty,
  normaliseResponsibleParty,
  type ResponsibleParty,
} from '../../../records/responsible-party';
import { nothingToCheck, type ActionRule } from '../action-rule';

// L21: 压实业主主体责任 — the owner names the enterprise or person responsible for the problem.

export const nameResponsibleParty: ActionRule<'nameResponsibleParty'> = {
  shape: (data) =>
    checkResponsibleParty(data, '', 'L21') ??
    (data.note === undefined ? null : requireText(data, 'note', 'L21', 2000)),
  check: nothingToCheck,
  apply: (state, data) => {
    const previous = state.responsibleParty ?? null;
    const party: ResponsibleParty = normaliseResponsibleParty(data);
    state.responsibleParty = party;
    return { payload: { responsibleParty: party, previous } };
  },
};
