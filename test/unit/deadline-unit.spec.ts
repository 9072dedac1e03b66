import { DEFAULT_CALENDAR, withDeadlineUnit } from '../../domain/calendar/working-days';
import { ladderTimes } from '../../domain/issue/lifecycle';
import { startIssue } from '../../domain/issue/lifecycle/start';
import { ISSUE_PROCESS } from '../../domain/process/issue-process.definition';
import { lifecycleInput, report } from '../support/lifecycle-fixtures';

// DEADLINE_UNIT=minute (tests and benchmarks): the same rules, every term counted in minutes.
describe('an issue whose deadlines count in minutes', () => {
  const now = Date.parse('2027-02-06T02:00:00.000Z'); // a Saturday of the Spring Festival holiday
  const minute = 60_000;

  it('L5, L10: the owner found it, so its plan is due 5 minutes on and the ladder climbs by minutes', () => {
    const calendar = withDeadlineUnit(DEFAULT_CALENDAR, 'minute');
    const input = lifecycleInput('2027-000001', { calendar, report: report({ finderUnit: 'ULE' }) });
    const { state } = startIssue(input, { definition: ISSUE_PROCESS, calendar, now });
    const plan = state.obligations.find((ob) => ob.kind === 'plan');
    expect(plan?.due).toBe(new Date(now + 5 * minute).toISOString());
    expect(ladderTimes(state, { definition: ISSUE_PROCESS, calendar, now }, plan!)).toEqual([
      now + 3 * minute, // reminded 2 minutes before
      now + 5 * minute + 1, // overdue
      now + 8 * minute, // county supervision 3 minutes after
      now + 15 * minute, // the chief 10 minutes after
    ]);
  });

  it('counts working days on the official calendar without the switch', () => {
    const input = lifecycleInput('2027-000002', { report: report({ finderUnit: 'ULE' }) });
    const { state } = startIssue(input, { definition: ISSUE_PROCESS, calendar: DEFAULT_CALENDAR, now });
    // The holiday runs to 2027-02-13 (the 14th, a Sunday, is a working day): 5 working days end on the 18th.
    expect(state.obligations.find((ob) => ob.kind === 'plan')?.due).toBe('2027-02-18T15:59:59.999Z');
  });
});
