/**
 * The periods the standing duties run by (SPEC P1–P7): weeks (Monday to Sunday), months and years on the
 * Asia/Shanghai wall clock.
 *
 * Pure and deterministic so workflows can use it: no clock, no time-zone library. Asia/Shanghai has been UTC+8
 * all year since 1991, so a fixed offset is exact.
 */
import type { Instant } from '../calendar/working-days';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type PeriodKind = 'week' | 'month' | 'year';

/** A period with its half-open bounds [start, end) as UTC instants. */
export interface Period {
  kind: PeriodKind;
  /** `2027-W02` (ISO week), `2027-03`, `2027`. */
  id: string;
  start: Date;
  end: Date;
}

const WEEK_ID = /^(\d{4})-W(\d{2})$/;
const MONTH_ID = /^(\d{4})-(\d{2})$/;
const YEAR_ID = /^(\d{4})$/;

/** Thrown for a period id that does not name a real week, month or year. */
export class PeriodIdError extends Error {
  override readonly name = 'PeriodIdError';
  constructor(
    readonly periodId: string,
    expected: string,
  ) {
    super(`"${periodId}" is not a ${expected}`);
  }
}

function toMs(instant: Instant): number {
  return typeof instant === 'number' ? instant : instant.getTime();
}

/** The instant of a Shanghai wall-clock time. Month is 1-based; values past their range roll over like Date.UTC. */
export function shanghaiInstant(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - SHANGHAI_OFFSET_MS);
}

/** End of a Shanghai calendar day `YYYY-MM-DD`: a time limit is met by anything that day. */
export function endOfDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return shanghaiInstant(y, m, d + 1);
}

/** Year, month (1-based), day, weekday (1 = Monday … 7 = Sunday), hour and minute on the Shanghai wall clock. */
export function shanghaiParts(instant: Instant): {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
} {
  const local = new Date(toMs(instant) + SHANGHAI_OFFSET_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    weekday: local.getUTCDay() === 0 ? 7 : local.getUTCDay(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

/** `2027-01-06 11:59` — how a Shanghai time is written in notices and documents. */
export function formatShanghai(instant: Instant): string {
  const local = new Date(toMs(instant) + SHANGHAI_OFFSET_MS).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** The Monday 00:00 (Shanghai) that starts the ISO week of an ISO year. */
function isoWeekStart(isoYear: number, week: number): Date {
  // January 4th is always in week 1.
  const jan4 = shanghaiInstant(isoYear, 1, 4);
  const jan4Weekday = shanghaiParts(jan4).weekday;
  return new Date(jan4.getTime() - (jan4Weekday - 1) * DAY_MS + (week - 1) * 7 * DAY_MS);
}

function isoWeeksInYear(isoYear: number): number {
  return (isoWeekStart(isoYear + 1, 1).getTime() - isoWeekStart(isoYear, 1).getTime()) / (7 * DAY_MS);
}

/** The ISO week (Monday–Sunday, Shanghai) containing an instant. */
export function weekOf(instant: Instant): Period {
  const p = shanghaiParts(instant);
  const monday = shanghaiInstant(p.year, p.month, p.day - (p.weekday - 1));
  // The ISO year is the year of that week's Thursday.
  const thursday = shanghaiParts(monday.getTime() + 3 * DAY_MS);
  const week = Math.round((monday.getTime() - isoWeekStart(thursday.year, 1).getTime()) / (7 * DAY_MS)) + 1;
  return weekPeriod(`${thursday.year}-W${String(week).padStart(2, '0')}`);
}

/** The week a period id names. */
export function weekPeriod(id: string): Period {
  const m = WEEK_ID.exec(id);
  if (!m) throw new PeriodIdError(id, 'week id like 2027-W02');
  const [year, week] = [Number(m[1]), Number(m[2])];
  if (week < 1 || week > isoWeeksInYear(year)) throw new PeriodIdError(id, `week of ${year}`);
  const start = isoWeekStart(year, week);
  return { kind: 'week', id, start, end: new Date(start.getTime() + 7 * DAY_MS) };
}

/** The calendar month (Shanghai) containing an instant. */
export function monthOf(instant: Instant): Period {
  const p = shanghaiParts(instant);
  return monthPeriod(`${p.year}-${String(p.month).padStart(2, '0')}`);
}

export function monthPeriod(id: string): Period {
  const m = MONTH_ID.exec(id);
  if (!m) throw new PeriodIdError(id, 'month id like 2027-03');
  const [year, month] = [Number(m[1]), Number(m[2])];
  if (month < 1 || month > 12) throw new PeriodIdError(id, 'month');
  return {
    kind: 'month',
    id,
    start: shanghaiInstant(year, month, 1),
    end: shanghaiInstant(year, month + 1, 1),
  };
}

export function yearOf(instant: Instant): Period {
  return yearPeriod(String(shanghaiParts(instant).year));
}

export function yearPeriod(id: string): Period {
  if (!YEAR_ID.exec(id)) throw new PeriodIdError(id, 'year like 2027');
  const year = Number(id);
  return { kind: 'year', id, start: shanghaiInstant(year, 1, 1), end: shanghaiInstant(year + 1, 1, 1) };
}

/** Parses any period id (week, month or year). */
export function parsePeriod(id: string): Period {
  if (WEEK_ID.test(id)) return weekPeriod(id);
  if (MONTH_ID.test(id)) return monthPeriod(id);
  if (YEAR_ID.test(id)) return yearPeriod(id);
  throw new PeriodIdError(id, 'period id (2027-W02, 2027-03 or 2027)');
}

/** The period before or after one of the same kind. */
export function shiftPeriod(period: Period, by: number): Period {
  if (by === 0) return period;
  switch (period.kind) {
    case 'week':
      return weekOf(period.start.getTime() + by * 7 * DAY_MS);
    case 'month': {
      const p = shanghaiParts(period.start);
      return monthOf(shanghaiInstant(p.year, p.month + by, 1));
    }
    case 'year':
      return yearPeriod(String(Number(period.id) + by));
  }
}

/** Whether an instant falls inside a period. */
export function inPeriod(period: Period, instant: Instant): boolean {
  const ms = toMs(instant);
  return ms >= period.start.getTime() && ms < period.end.getTime();
}

/** The weeks (ISO, Monday start) whose Monday lies in a month: how a month's weekly duties are counted. */
export function weeksStartingIn(month: Period): Period[] {
  const weeks: Period[] = [];
  let week = weekOf(month.start);
  if (week.start.getTime() < month.start.getTime()) week = shiftPeriod(week, 1);
  while (week.start.getTime() < month.end.getTime()) {
    weeks.push(week);
    week = shiftPeriod(week, 1);
  }
  return weeks;
}

/** Chinese label of a period: 2027年第2周, 2027年3月, 2027年度. */
export function periodLabel(period: Period): string {
  switch (period.kind) {
    case 'week': {
      const [y, w] = period.id.split('-W');
      return `${y}年第${Number(w)}周（${formatShanghai(period.start).slice(5, 10)}至${formatShanghai(period.end.getTime() - DAY_MS).slice(5, 10)}）`;
    }
    case 'month': {
      const [y, m] = period.id.split('-');
      return `${y}年${Number(m)}月`;
    }
    case 'year':
      return `${period.id}年度`;
  }
}
