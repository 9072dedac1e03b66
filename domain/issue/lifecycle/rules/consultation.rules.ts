import { checkSupervisionGroup, requireDate, requireText } from '../../actions';
import { MIN_ATTENDEES } from '../../../duties/patrols/consultation';
import { mayConvene } from '../../../organisation/roles';
import { nothingToCheck, type ActionRule } from '../action-rule';
import { iso, ruleOn } from '../context';
import { notice } from '../events';
import { supervisionRequiredText } from '../notice-texts';
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
        })) ??
    (data.consultationId === undefined ? null : requireText(data, 'consultationId', 'P5', 64)),
  // v3 (L12, P5): what P5 requires of a consultation: a grid head convenes it, with attendees and decisions.
  ready: (_state, actor, ctx) => {
    if (!ruleOn(ctx, 'majorIssueConsultation') || mayConvene(actor.roles)) return null;
    const message = 'a consultation is convened by a grid head (网格长/分网格长/总网格长 or their deputies)';
    return reject('forbidden', 'not-a-convener', message, { rule: 'P5,L12' });
  },
  check: (_state, data, _actor, ctx) => {
    if (!ruleOn(ctx, 'majorIssueConsultation')) return null;
    if (data.attendees.length < MIN_ATTENDEES) {
      const message = `a consultation has at least ${MIN_ATTENDEES} attendees`;
      return reject('invalid-data', 'attendees-too-few', message, { field: 'attendees', rule: 'P5,L12' });
    }
    if (data.decisions.length < 1) {
      const message = 'a consultation records at least one decision (会商决定)';
      return reject('invalid-data', 'decisions-required', message, { field: 'decisions', rule: 'P5,L12' });
    }
    return null;
  },
  apply: (state, data, actor, ctx) => {
    const convened = ruleOn(ctx, 'majorIssueConsultation');
    state.consultations.push({ ...data, at: iso(ctx.now), ...(convened ? { convenedBy: actor.id } : {}) });
    closeObligation(state, 'consultation');
    // v3: the ledger writer stores it as the convener's unit's P5 consultation, unless it came from one.
    return convened ? { payload: { convenedBy: actor.id, countsForP5: true } } : {};
  },
};

export const formSupervisionGroup: ActionRule<'formSupervisionGroup'> = {
  shape: (data) => checkSupervisionGroup(data.members),
  check: (state, data, _actor, ctx) => {
    if (state.supervisionGroup) {
      return reject(
        'wrong-state',
        'supervision-group-exists',
        'the supervision group has already been formed',
        {
          rule: 'L13',
        },
      );
    }
    // v3: the leader signs for the group with their own account, so the group names it.
    const leader = data.members.find((m) => m.kind === 'leader');
    if (ruleOn(ctx, 'signOffAuthority') && !leader?.memberId) {
      const message = 'the group’s leader (组长) must be bound to a member account (memberId) to sign for it';
      return reject('invalid-data', 'leader-account-required', message, { field: 'members', rule: 'L13' });
    }
    return null;
  },
  apply: (state, data, _actor, ctx) => {
    state.supervisionGroup = { members: data.members, formedAt: iso(ctx.now) };
    return {};
  },
};

export const requireSupervisionGroup: ActionRule<'requireSupervisionGroup'> = {
  shape: (data) => requireText(data, 'reason', 'L13'),
  ready: (state) =>
    state.supervisionRequired || state.supervisionGroup
      ? reject(
          'wrong-state',
          'supervision-already-required',
          'a supervision group is already required or formed',
          {
            rule: 'L13',
          },
        )
      : null,
  check: nothingToCheck,
  apply: (state, data, actor, ctx) => {
    state.supervisionRequired = { reason: data.reason, by: actor.name, at: iso(ctx.now) };
    const audiences = [{ role: 'unit_head' as const, unit: state.territorialOwner }];
    return { notices: [notice('supervision_required', audiences, supervisionRequiredText(state, data))] };
  },
};
