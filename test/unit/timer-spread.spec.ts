import { DEFAULT_CALENDAR } from '../../domain/calendar';
import { withDeadlineUnit } from '../../domain/calendar/working-days';
import { formatIssueCode } from '../../domain/issue/issue-code';
import { TIMER_SPREAD_MS, timerSpreadMs } from '../../domain/issue/lifecycle';

describe(timerSpreadMs.name, () => {
  const codes = Array.from({ length: 2000 }, (_, i) => formatIssueCode(2027, i + 1));

  it('L10: each issue’s steps wait a fixed whole second of the hour after their time, the same on every replay', () => {
    for (const code of codes) {
      const spread = timerSpreadMs(code, DEFAULT_CALENDAR);
      expect(spread).toBeGreaterThanOrEqual(0);
      expect(spread).toBeLessThan(TIMER_SPREAD_MS);
      expect(spread % 1000).toBe(0);
      expect(timerSpreadMs(code, DEFAULT_CALENDAR)).toBe(spread);
    }
  });

  it('L10: a night’s escalations spread over the whole hour, not into a few seconds of it', () => {
    // Twelve five-minute slices: 2,000 issues put between 100 and 250 into each (about 167 on average).
    const slices = new Array<number>(12).fill(0);
    for (const code of codes) slices[Math.floor(timerSpreadMs(code, DEFAULT_CALENDAR) / 300_000)] += 1;
    for (const count of slices) {
      expect(count).toBeGreaterThan(100);
      expect(count).toBeLessThan(250);
    }
  });

  it('spreads nothing on a calendar of minutes (tests and benchmarks)', () => {
    const minutes = withDeadlineUnit(DEFAULT_CALENDAR, 'minute');
    expect(codes.slice(0, 50).map((code) => timerSpreadMs(code, minutes))).toEqual(new Array(50).fill(0));
  });
});
