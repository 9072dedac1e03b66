import { DEFAULT_CALENDAR } from '../../domain/calendar/working-days';
import { blankIssueState, checkAction } from '../../domain/issue/lifecycle';
import { ACTION_IDS, ISSUE_PROCESS, STATE_IDS } from '../../domain/process/issue-process.definition';
import { actionUpdates } from '../../workflows/issue/issue.messages';
import { actors, lifecycleInput } from '../support/lifecycle-fixtures';

// The workflow executes the process definition: these checks fail when code and definition drift apart.
describe('process definition conformance', () => {
  const ctx = {
    definition: ISSUE_PROCESS,
    calendar: DEFAULT_CALENDAR,
    now: Date.parse('2027-03-01T01:00:00Z'),
  };

  it('registers exactly one Temporal Update per action of the definition', () => {
    expect(Object.keys(actionUpdates).sort()).toEqual([...ACTION_IDS].sort());
    expect(ISSUE_PROCESS.actions.map((a) => a.id).sort()).toEqual([...ACTION_IDS].sort());
    for (const id of ACTION_IDS) expect(actionUpdates[id].name).toBe(id);
  });

  it('allows each action in exactly the states the definition lists', () => {
    for (const action of ISSUE_PROCESS.actions) {
      for (const status of STATE_IDS) {
        const state = { ...blankIssueState(lifecycleInput('2027-000001'), ISSUE_PROCESS.policy), status };
        const rejection = checkAction(state, { action: action.id, actor: actors.chief, data: {} }, ctx);
        const wrongState =
          rejection?.kind === 'wrong-state' && rejection.code === 'action-not-allowed-in-state';
        expect([action.id, status, wrongState]).toEqual([action.id, status, !action.from.includes(status)]);
      }
    }
  });

  it('names only known states, parties and policies', () => {
    const states = new Set<string>(STATE_IDS);
    for (const action of ISSUE_PROCESS.actions) {
      for (const s of [...action.from, ...action.to]) expect(states.has(s)).toBe(true);
      expect(action.parties.length).toBeGreaterThan(0);
      expect(action.rules.every((r) => /^[LP]\d+$/.test(r))).toBe(true);
    }
    for (const state of ISSUE_PROCESS.states) {
      for (const timer of state.timers) expect(ISSUE_PROCESS.policy[timer.policy]).toBeGreaterThan(0);
    }
    expect(ISSUE_PROCESS.states.map((s) => s.id)).toEqual([...STATE_IDS]);
  });
});
