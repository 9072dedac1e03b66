import { DEFAULT_CALENDAR } from '../../domain/calendar';
import type { IssueState } from '../../domain/issue/issue.types';
import { applyAction, startIssue, type LifecycleContext } from '../../domain/issue/lifecycle';
import { applyStateDelta, stateDelta, stateFingerprint } from '../../domain/issue/state-delta';
import { ISSUE_PROCESS } from '../../domain/process/issue-process.definition';
import { stateFromResult } from '../../workflows/issue/issue.messages';
import { actors, lifecycleInput, report } from '../support/lifecycle-fixtures';

const at = Date.parse('2027-03-01T02:00:00Z');
const ctx: LifecycleContext = { definition: ISSUE_PROCESS, calendar: DEFAULT_CALENDAR, now: at };
const copy = (state: IssueState): IssueState => JSON.parse(JSON.stringify(state)) as IssueState;

/** A fresh issue found by 执法局 itself (accepted at once), and the same issue after its immediate fix. */
function beforeAndAfterFix(): { before: IssueState; after: IssueState } {
  const { state } = startIssue(
    lifecycleInput('2027-000901', {
      reportedAt: new Date(at).toISOString(),
      report: { ...report(), finderUnit: 'ULE', reportedBy: actors.uleMember.name },
    }),
    ctx,
  );
  const before = copy(state);
  applyAction(
    state,
    {
      action: 'recordImmediateFix',
      actor: actors.uleMember,
      data: { description: '现场清运', evidence: ['fix.jpg'] },
    },
    ctx,
  );
  return { before, after: copy(state) };
}

describe(stateDelta.name, () => {
  it('carries only the keys an action changed, and moves the state it was taken from to the new one', () => {
    const { before, after } = beforeAndAfterFix();
    const delta = stateDelta(before, after);
    expect(after.status).not.toBe(before.status);
    expect(Object.keys(delta.set)).toContain('status');
    // The report, the policy and the unit names stay where they are.
    expect(Object.keys(delta.set)).not.toEqual(expect.arrayContaining(['report']));
    expect(Object.keys(delta.set)).not.toContain('organisation');
    expect(JSON.stringify(delta).length).toBeLessThan(JSON.stringify(after).length / 2);
    expect(applyStateDelta(before, delta)).toEqual(after);
  });

  it('removes keys that went and leaves its base as it was', () => {
    const before = { ...beforeAndAfterFix().before, attention: null } as IssueState;
    const after = copy(before);
    delete after.attention;
    const delta = stateDelta(before, after);
    expect(delta.unset).toEqual(['attention']);
    const moved = applyStateDelta(before, delta);
    expect('attention' in moved).toBe(false);
    expect(before.attention).toBeNull();
  });
});

describe(stateFromResult.name, () => {
  const { before, after } = beforeAndAfterFix();
  const outcome = { base: stateFingerprint(before), changes: stateDelta(before, after) };

  it('applies an answered change to the very state the action found', () => {
    expect(stateFromResult(outcome, copy(before))).toEqual(after);
  });

  it('asks for the state anew when the caller holds another one, or none', () => {
    expect(stateFromResult(outcome, after)).toBeUndefined();
    expect(stateFromResult(outcome)).toBeUndefined();
  });

  it('matches the state read back from the read model, whose jsonb keeps no key order', () => {
    const reordered = (value: unknown): unknown =>
      value === null || typeof value !== 'object'
        ? value
        : Array.isArray(value)
          ? value.map(reordered)
          : Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([key, inner]) => [key, reordered(inner)]),
            );
    const fromDatabase = reordered(copy(before)) as typeof before;
    expect(JSON.stringify(fromDatabase)).not.toBe(JSON.stringify(before));
    expect(stateFromResult(outcome, fromDatabase)).toEqual(after);
  });

  it('takes a whole state (issues started before the lean histories) as it is', () => {
    expect(stateFromResult(after, before)).toBe(after);
  });
});
