import { DEFAULT_CALENDAR } from '../../domain/calendar/working-days';
import type { Actor } from '../../domain/organisation/roles';
import type { IssueState } from '../../domain/issue/issue.types';
import { allowedActions, blankIssueState, checkAction } from '../../domain/issue/lifecycle';
import { ISSUE_PROCESS, STATE_IDS } from '../../domain/process/issue-process.definition';
import { validBody } from '../support/http-lifecycle';
import { actors, lifecycleInput } from '../support/lifecycle-fixtures';

// What the console offers is what the workflow's validator would accept from this actor now (data aside).
describe(allowedActions.name, () => {
  const ctx = { definition: ISSUE_PROCESS, calendar: DEFAULT_CALENDAR, now: Date.now() };

  function stateIn(status: IssueState['status'], change: (state: IssueState) => void = () => {}): IssueState {
    const state = { ...blankIssueState(lifecycleInput('2027-000001'), ISSUE_PROCESS.policy), status };
    state.owner = 'ULE';
    change(state);
    return state;
  }

  it('agrees with the validator for every state, actor and action', () => {
    const everyone: Actor[] = Object.values(actors);
    let offered = 0;
    for (const status of STATE_IDS) {
      const state = stateIn(status);
      for (const actor of everyone) {
        const allowed = new Set(allowedActions(state, actor, ctx));
        for (const action of ISSUE_PROCESS.actions) {
          const rejection = checkAction(state, { action: action.id, actor, data: validBody(action.id) }, ctx);
          const refusedForWhoOrWhen = rejection?.kind === 'wrong-state' || rejection?.kind === 'forbidden';
          expect([status, actor.id, action.id, allowed.has(action.id)]).toEqual([
            status,
            actor.id,
            action.id,
            !refusedForWhoOrWhen,
          ]);
          if (allowed.has(action.id)) offered += 1;
        }
      }
    }
    expect(offered).toBeGreaterThan(20);
  });

  it('L3: offers the owner of an accepted issue its own choices, and a stranger nothing', () => {
    const state = stateIn('accepted');
    expect(allowedActions(state, actors.uleMember, ctx).sort()).toEqual(
      ['nameResponsibleParty', 'recordImmediateFix', 'submitPlan', 'transfer'].sort(),
    );
    // P5, L12: only a grid head convenes a consultation.
    expect(allowedActions(state, actors.uleHead, ctx)).toContain('recordConsultation');
    expect(allowedActions(state, actors.agrMember, ctx)).toEqual([]);
  });

  it('L8: a pending extension of a major issue is decided by the county heads only, and none without a request', () => {
    const pending = stateIn('rectifying', (state) => {
      state.report.severity = 'major';
      state.extensions.push({
        seq: 1,
        reason: '雨季',
        proposedTimeLimit: '2027-06-30',
        requestedAt: '2027-03-01T00:00:00.000Z',
        requestedBy: '执法局网格员',
      });
    });
    expect(allowedActions(pending, actors.chief, ctx)).toContain('decideExtension');
    expect(allowedActions(pending, actors.eco, ctx)).not.toContain('decideExtension');
    expect(allowedActions(pending, actors.uleMember, ctx)).not.toContain('requestExtension');
    expect(allowedActions(stateIn('rectifying'), actors.eco, ctx)).not.toContain('decideExtension');
  });

  it('L6: a unit that has signed the closure is not offered sign-off again', () => {
    const signed = stateIn('awaiting_signoff', (state) => {
      state.closure.signOffs.sector = {
        by: '执法局局长',
        unit: 'ULE',
        at: '2027-03-01T00:00:00.000Z',
        opinion: '同意',
      };
    });
    expect(allowedActions(signed, actors.uleMember, ctx)).not.toContain('signOff');
    expect(allowedActions(signed, actors.township, ctx)).toContain('signOff');
  });
});
