/**
 * Working-day arithmetic on the Chinese official calendar in Asia/Shanghai time (SPEC L9).
 *
 * Pure and deterministic so it can run inside a Temporal workflow: no clock, no I/O, no time-zone library.
 * The calendar is passed in as data, so a workflow that received it as an argument replays identically
 * after a new year is loaded. A date in a year the data does not cover follows the Monday–Friday rule: such a
 * deadline is *provisional* (`isProvisional`) until that year's notice is loaded, never refused.
 */
import { OFFICIAL_HOLIDAY_ARRANGEMENTS, type OfficialYearArrangement } from './official-calendar.data';

/** Asia/Shanghai has been UTC+8 all year since 1991 (no DST), so a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An instant: a Date or UTC epoch milliseconds. */
export type Instant = Date | number;

/**
 * How a date departs from the Monday–Friday rule.
 * `holiday` is 放假; `adjusted_working_day` is 调休上班: a weekend day that is a working day.
 */
export type CalendarDayKind = 'holiday' | 'adjusted_working_day';

/** The official calendar over a contiguous range of years; plain JSON so it can be a workflow argument. */
export interface OfficialCalendar {
  readonly firstYear: number;
  readonly lastYear: number;
  /** Dates ('YYYY-MM-DD') that are not decided by the weekday alone. */
  readonly exceptions: Readonly<Partial<Record<string, CalendarDayKind>>>;
  /** Years built from projected rather than published arrangements, for operators to replace. */
  readonly projectedYears: readonly number[];
  /**
   * Tests and benchmarks only (DEADLINE_UNIT=minute): every "working day" is this many milliseconds of plain time,
   * so deadline timers fire within minutes. Absent on every real calendar.
   */
  readonly workingDayMs?: number;
}

/**
 * A date outside the years the calendar covers, for callers that must refuse such a date (issues started under
 * process definition 2 refuse deadlines beyond the data); the arithmetic itself never throws it.
 */
export class CalendarRangeError extends Error {
  override readonly name = 'CalendarRangeError';
  readonly date: string;
  readonly firstYear: number;
  readonly lastYear: number;

  constructor(date: string, firstYear: number, lastYear: number) {
    super(
      `${date} is outside the official holiday calendar, which covers ${firstYear}-01-01..${lastYear}-12-31; ` +
        `县环委办 loads the State Council holiday notice for ${date.slice(0, 4)} (PUT /api/v1/calendars/${date.slice(0, 4)})`,
    );
    this.date = date;
    this.firstYear = firstYear;
    this.lastYear = lastYear;
  }
}

/** Builds a calendar from year arrangements, rejecting data that cannot be right. */
export function buildCalendar(years: readonly OfficialYearArrangement[]): OfficialCalendar {
  if (years.length === 0) throw new Error('official calendar: no years given');
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const exceptions: Record<string, CalendarDayKind> = {};
  sorted.forEach((entry, index) => {
    // A gap would make dates inside the range silently fall back to the weekday rule.
    if (index > 0 && entry.year !== sorted[index - 1].year + 1) {
      throw new Error(
        `official calendar: years must be contiguous, ${sorted[index - 1].year} is followed by ${entry.year}`,
      );
    }
    for (const date of entry.holidays) addException(exceptions, entry.year, date, 'holiday');
    for (const date of entry.adjustedWorkingDays) {
      if (!isWeekend(parseLocalDate(date))) {
        throw new Error(`official calendar: adjusted working day ${date} is not a Saturday or Sunday`);
      }
      addException(exceptions, entry.year, date, 'adjusted_working_day');
    }
  });
  return Object.freeze({
    firstYear: sorted[0].year,
    lastYear: sorted[sorted.length - 1].year,
    exceptions: Object.freeze(exceptions),
    projectedYears: Object.freeze(sorted.filter((y) => y.source === 'projected').map((y) => y.year)),
  });
}

/** The units a deadline can be counted in: working days in production, minutes for tests and benchmarks. */
export const DEADLINE_UNITS = ['working_day', 'minute'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

/** The calendar with its terms counted in `unit`: unchanged for working days, compressed to minutes else. */
export function withDeadlineUnit(cal: OfficialCalendar, unit: DeadlineUnit | undefined): OfficialCalendar {
  return unit === 'minute' ? Object.freeze({ ...cal, workingDayMs: 60_000 }) : cal;
}

/** The calendar built from the bundled State Council notices. */
export const DEFAULT_CALENDAR: OfficialCalendar = buildCalendar(OFFICIAL_HOLIDAY_ARRANGEMENTS);

/** The Asia/Shanghai calendar date ('YYYY-MM-DD') an instant falls on. */
export function shanghaiDate(instant: Instant): string {
  return formatDay(shanghaiDay(toEpochMs(instant)));
}

/** Whether a local date ('YYYY-MM-DD', Asia/Shanghai) is a working day; Monday–Friday outside the data. */
export function isWorkingDay(cal: OfficialCalendar, localDate: string): boolean {
  return isWorkingDayNumber(cal, parseLocalDate(localDate));
}

/**
 * The deadline n working days after the Shanghai day `from` falls on; that day itself never counts.
 * n = 0 means the current day if it is a working day, else the next working day.
 */
export function addWorkingDays(cal: OfficialCalendar, from: Instant, n: number): Date {
  assertCount(n, 'addWorkingDays');
  if (cal.workingDayMs) return new Date(toEpochMs(from) + n * cal.workingDayMs);
  let day = shanghaiDay(toEpochMs(from));
  if (n === 0) {
    while (!isWorkingDayNumber(cal, day)) day += 1;
    return new Date(endOfDay(day));
  }
  for (let remaining = n; remaining > 0;) {
    day += 1;
    if (isWorkingDayNumber(cal, day)) remaining -= 1;
  }
  // A deadline is the end of its day: 23:59:59.999 Asia/Shanghai, so the whole last day is usable.
  return new Date(endOfDay(day));
}

/**
 * The instant n working days before `deadline`, at the same Shanghai time of day (e.g. "remind 2 working
 * days before": with an end-of-day deadline, exactly n whole working days then remain). n = 0 returns it as is.
 */
export function workingDaysBefore(cal: OfficialCalendar, deadline: Instant, n: number): Date {
  assertCount(n, 'workingDaysBefore');
  const ms = toEpochMs(deadline);
  if (cal.workingDayMs) return new Date(ms - n * cal.workingDayMs);
  let day = shanghaiDay(ms);
  const timeOfDay = ms + SHANGHAI_OFFSET_MS - day * DAY_MS;
  for (let remaining = n; remaining > 0;) {
    day -= 1;
    if (isWorkingDayNumber(cal, day)) remaining -= 1;
  }
  return new Date(day * DAY_MS + timeOfDay - SHANGHAI_OFFSET_MS);
}

/**
 * Working days elapsed from `a` to `b`: those dated after a's Shanghai day up to and including b's.
 * Negative when b is before a; so workingDaysBetween(cal, a, addWorkingDays(cal, a, n)) === n.
 */
export function workingDaysBetween(cal: OfficialCalendar, a: Instant, b: Instant): number {
  if (cal.workingDayMs) return Math.trunc((toEpochMs(b) - toEpochMs(a)) / cal.workingDayMs);
  const start = shanghaiDay(toEpochMs(a));
  const end = shanghaiDay(toEpochMs(b));
  const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
  let count = 0;
  for (let day = low + 1; day <= high; day += 1) if (isWorkingDayNumber(cal, day)) count += 1;
  return sign * count;
}

/** Whether the calendar holds the official arrangement of a year (published or projected). */
export function coversYear(cal: OfficialCalendar, year: number): boolean {
  return year >= cal.firstYear && year <= cal.lastYear;
}

/**
 * Whether any of these instants falls in a year the calendar does not cover: a deadline counted across such a
 * year used the Monday–Friday rule and is provisional until the year's notice is loaded (L9).
 */
export function isProvisional(cal: OfficialCalendar, ...instants: Instant[]): boolean {
  return instants.some((instant) => !coversYear(cal, Number(shanghaiDate(instant).slice(0, 4))));
}

/** The uncovered date nearest to `from` on the way to any of `to`, or null when the data covers every day. */
export function firstUncoveredDate(cal: OfficialCalendar, from: Instant, ...to: Instant[]): string | null {
  const start = shanghaiDay(toEpochMs(from));
  let nearest: number | null = null;
  for (const instant of to) {
    const end = shanghaiDay(toEpochMs(instant));
    const step = end >= start ? 1 : -1;
    for (let day = start; day !== end + step; day += step) {
      if (coversYear(cal, Number(formatDay(day).slice(0, 4)))) continue;
      if (nearest === null || Math.abs(day - start) < Math.abs(nearest - start)) nearest = day;
      break;
    }
  }
  return nearest === null ? null : formatDay(nearest);
}

// ── day numbers: whole days since 1970-01-01 in Asia/Shanghai ──────────────────────────────────────

function isWorkingDayNumber(cal: OfficialCalendar, day: number): boolean {
  const date = formatDay(day);
  const kind = coversYear(cal, Number(date.slice(0, 4))) ? cal.exceptions[date] : undefined;
  if (kind !== undefined) return kind === 'adjusted_working_day';
  return !isWeekend(day);
}

function addException(
  exceptions: Record<string, CalendarDayKind>,
  year: number,
  date: string,
  kind: CalendarDayKind,
): void {
  parseLocalDate(date);
  if (Number(date.slice(0, 4)) !== year)
    throw new Error(`official calendar: ${date} is listed under year ${year}`);
  const existing = exceptions[date];
  if (existing !== undefined) {
    throw new Error(`official calendar: ${date} is listed twice (${existing} and ${kind})`);
  }
  exceptions[date] = kind;
}

function shanghaiDay(epochMs: number): number {
  return Math.floor((epochMs + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The last millisecond of a Shanghai day. */
function endOfDay(day: number): number {
  return (day + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1;
}

function isWeekend(day: number): boolean {
  // 1970-01-01 was a Thursday, so day 0 is weekday 4 (0 = Sunday).
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

function formatDay(day: number): string {
  // UTC fields of the day's midnight are exactly the Shanghai calendar fields of that day.
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function parseLocalDate(localDate: string): number {
  const match = LOCAL_DATE_PATTERN.exec(localDate);
  const day = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS : NaN;
  // The round trip rejects impossible dates such as 2025-02-30 that Date.UTC would roll over.
  if (!Number.isInteger(day) || formatDay(day) !== localDate) {
    throw new RangeError(`not a calendar date in YYYY-MM-DD form: '${localDate}'`);
  }
  return day;
}

function toEpochMs(instant: Instant): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`not a valid instant: ${String(instant)}`);
  return ms;
}

function assertCount(n: number, fn: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(
      `${fn}: the number of working days must be a non-negative integer, got ${String(n)}`,
    );
  }
}
