import {
  formatShanghai,
  monthOf,
  parsePeriod,
  PeriodIdError,
  periodLabel,
  shanghaiInstant,
  shiftPeriod,
  weekOf,
  weekPeriod,
  weeksStartingIn,
  monthPeriod,
} from '../../domain/duties/periods';
import { DEFAULT_DUTY_POLICY, dutyPolicyProblem, resolveDutyPolicy } from '../../domain/duties/duty-policy';
import { DUTY_SCHEDULES, dutySchedules } from '../../domain/duties/duty-schedules';
import { bulletinRoundPeriod } from '../../domain/duties/reports/reports';

describe('standing-duty periods on the Asia/Shanghai wall clock', () => {
  it('P1: a week runs from Monday 00:00 to the next Monday 00:00 in Shanghai (16:00Z on Sunday)', () => {
    const week = weekPeriod('2027-W10');
    expect(week.start.toISOString()).toBe('2027-03-07T16:00:00.000Z'); // Monday 2027-03-08 00:00 CST
    expect(week.end.toISOString()).toBe('2027-03-14T16:00:00.000Z');
    expect(formatShanghai(week.start)).toBe('2027-03-08 00:00');
  });

  it('P1: Sunday 23:59 Shanghai is still the same week; Monday 00:00 is the next', () => {
    expect(weekOf(Date.parse('2027-03-14T15:59:00Z')).id).toBe('2027-W10');
    expect(weekOf(Date.parse('2027-03-14T16:00:00Z')).id).toBe('2027-W11');
    // 23:30 UTC on Sunday is already Monday morning in Shanghai.
    expect(weekOf(Date.parse('2027-03-07T23:30:00Z')).id).toBe('2027-W10');
  });

  it('P1: ISO weeks across a year boundary (2026-12-31 is in 2026-W53, 2027-01-04 starts 2027-W01)', () => {
    expect(weekOf(shanghaiInstant(2026, 12, 31, 12)).id).toBe('2026-W53');
    expect(weekOf(shanghaiInstant(2027, 1, 3, 12)).id).toBe('2026-W53');
    expect(weekOf(shanghaiInstant(2027, 1, 4, 0)).id).toBe('2027-W01');
    expect(shiftPeriod(weekPeriod('2026-W53'), 1).id).toBe('2027-W01');
    expect(shiftPeriod(weekPeriod('2027-W01'), -1).id).toBe('2026-W53');
    expect(() => weekPeriod('2027-W53')).toThrow(PeriodIdError);
  });

  it('P1: a month is counted on the Shanghai calendar; its weeks are those starting in it', () => {
    const march = monthPeriod('2027-03');
    expect(march.start.toISOString()).toBe('2027-02-28T16:00:00.000Z');
    expect(march.end.toISOString()).toBe('2027-03-31T16:00:00.000Z');
    expect(monthOf(Date.parse('2027-03-31T16:30:00Z')).id).toBe('2027-04');
    expect(weeksStartingIn(march).map((w) => w.id)).toEqual([
      '2027-W09',
      '2027-W10',
      '2027-W11',
      '2027-W12',
      '2027-W13',
    ]);
    expect(shiftPeriod(monthPeriod('2027-01'), -1).id).toBe('2026-12');
    expect(shiftPeriod(monthPeriod('2026-12'), 1).id).toBe('2027-01');
  });

  it('periods parse and print in Chinese, and nonsense ids are refused', () => {
    expect(periodLabel(parsePeriod('2027-W10'))).toBe('2027年第10周（03-08至03-14）');
    expect(periodLabel(parsePeriod('2027-03'))).toBe('2027年3月');
    expect(periodLabel(parsePeriod('2027'))).toBe('2027年度');
    expect(() => parsePeriod('2027-13')).toThrow(PeriodIdError);
    expect(() => parsePeriod('last week')).toThrow(/not a period id/);
  });
});

describe('standing-duty policy', () => {
  it('the default policy carries the plan’s own numbers (Wednesday 12:00, weekly, twice a month, 12-10, 12-20)', () => {
    expect(DEFAULT_DUTY_POLICY).toMatchObject({
      patrolsPerWeek: 1,
      keyPointVisitsPerMonth: 2,
      weeklyReportDueWeekday: 3,
      weeklyReportDueTime: { hour: 12, minute: 0 },
      annualUnitDue: { month: 12, day: 10 },
      annualCountyDue: { month: 12, day: 20 },
    });
  });

  it('overrides are checked key by key and merged over the defaults', () => {
    expect(dutyPolicyProblem({ chaseTimes: 5 })).toBeNull();
    expect(resolveDutyPolicy({ chaseTimes: 5 }).chaseTimes).toBe(5);
    expect(dutyPolicyProblem({ chaseTimez: 5 })).toMatch(/unknown key "chaseTimez"/);
    expect(dutyPolicyProblem({ chaseTimes: -1 })).toMatch(/chaseTimes must be a whole number/);
    expect(dutyPolicyProblem({ weeklyReportDueTime: { hour: 25, minute: 0 } })).toMatch(/hour 0–23/);
    expect(dutyPolicyProblem({ weeklyReportDueTime: { hour: 12 } })).toMatch(
      /weeklyReportDueTime must be an object/,
    );
    expect(dutyPolicyProblem({ weeklyReportDueWeekday: 8 })).toMatch(/1 \(Monday\) to 7/);
    expect(dutyPolicyProblem([])).toMatch(/must be a JSON object/);
  });

  it('every duty clock names the rules it enforces and a distinct schedule id', () => {
    const ids = DUTY_SCHEDULES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const schedule of DUTY_SCHEDULES) expect(schedule.rules.length).toBeGreaterThan(0);
    expect(DUTY_SCHEDULES.flatMap((s) => s.rules)).toEqual(
      expect.arrayContaining(['P1', 'P2', 'P3', 'P4', 'P5', 'P6']),
    );
  });

  it('P6 and P8: the annual clock fires on annualDraftOn and the bulletin clock on the policy’s period', () => {
    const byId = (policy: Parameters<typeof dutySchedules>[0]) =>
      Object.fromEntries(dutySchedules(policy).map((s) => [s.id, s]));
    const defaults = byId(DEFAULT_DUTY_POLICY);
    expect(defaults['duty-annual-reports'].calendar).toEqual({
      month: 11,
      dayOfMonth: 20,
      hour: 0,
      minute: 15,
    });
    expect(defaults['duty-bulletins']).toMatchObject({
      workflowType: 'bulletinRound',
      calendar: { dayOfMonth: 6, hour: 9, minute: 0 },
      rules: ['P8'],
    });
    const changed = byId(
      resolveDutyPolicy({
        annualDraftOn: { month: 10, day: 15 },
        bulletinPeriod: 'week',
        bulletinWeekday: 5,
        bulletinDraftTime: { hour: 8, minute: 30 },
      }),
    );
    expect(changed['duty-annual-reports'].calendar).toMatchObject({ month: 10, dayOfMonth: 15 });
    expect(changed['duty-bulletins'].calendar).toEqual({ dayOfWeek: 'FRIDAY', hour: 8, minute: 30 });
    expect(bulletinRoundPeriod(shanghaiInstant(2027, 3, 6, 9), 'month').id).toBe('2027-02');
    expect(bulletinRoundPeriod(shanghaiInstant(2027, 3, 11, 9), 'week').id).toBe('2027-W09');
    expect(dutyPolicyProblem({ bulletinPeriod: 'year' })).toMatch(/"week" or "month"/);
    expect(dutyPolicyProblem({ bulletinDayOfMonth: 31 })).toMatch(/1 to 28/);
    expect(dutyPolicyProblem({ annualDraftOn: { month: 12, day: 11 } })).toMatch(/before annualUnitDue/);
  });
});
