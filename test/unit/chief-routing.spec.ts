import { blankIssueState } from '../../domain/issue/lifecycle/start';
import { ladderAudiences } from '../../domain/issue/lifecycle/obligations';
import type { ChiefPatrolRouting, Obligation } from '../../domain/issue/issue.types';
import { ISSUE_PROCESS } from '../../domain/process/issue-process.definition';
import { lifecycleInput, report } from '../support/lifecycle-fixtures';

const rectification: Obligation = {
  id: 'rectification',
  kind: 'rectification',
  unit: 'ULE',
  startedAt: '2026-11-30T01:00:00.000Z',
  due: '2026-12-04T15:59:59.999Z',
  step: -1,
};

const routedTo = (routing: ChiefPatrolRouting | undefined) =>
  blankIssueState(
    lifecycleInput('2026-990001', {
      report: report({
        source: routing?.duty === 'cooperate' ? 'forest_chief_patrol' : 'river_chief_patrol',
      }),
      ...(routing ? { routing } : {}),
    }),
    ISSUE_PROCESS.policy,
  );

const routedHeads = (routing: ChiefPatrolRouting | undefined, step: number, ob = rectification) =>
  ladderAudiences(routedTo(routing), ob, step).filter((a) => a.role === 'unit_head' && a.unit !== ob.unit);

describe('ladder audiences of routed findings (L22)', () => {
  it('L22: 县水务局 hears of every escalation step of a finding it dispatched; 县林业局 only when one goes overdue', () => {
    const wrb: ChiefPatrolRouting = { unit: 'WRB', duty: 'dispatch' };
    const forestry: ChiefPatrolRouting = { unit: 'FOR', duty: 'cooperate' };
    // The reminder (step 0) goes to the owner's responsible person alone.
    expect(routedHeads(wrb, 0)).toEqual([]);
    for (const step of [1, 2, 3])
      expect(routedHeads(wrb, step)).toEqual([{ role: 'unit_head', unit: 'WRB' }]);
    expect(routedHeads(forestry, 1)).toEqual([{ role: 'unit_head', unit: 'FOR' }]);
    expect(routedHeads(forestry, 2)).toEqual([]);
    // The dispatcher's own deadline (分办) climbs its own ladder, not a second time as 督办.
    expect(routedHeads(wrb, 1, { ...rectification, unit: 'WRB' })).toEqual([]);
    // Issues reported before definition 3 carry no routing and reach whom they always did.
    expect(routedHeads(undefined, 1)).toEqual([]);
  });
});
