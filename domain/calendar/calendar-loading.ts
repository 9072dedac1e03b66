/**
 * The official calendar as managed data (L9): 县环委办 loads a year's State Council arrangement, which replaces the
 * built-in data of that year (or extends it by a year); years nobody loaded keep the built-in arrangement.
 */
import {
  OFFICIAL_HOLIDAY_ARRANGEMENTS,
  type OfficialYearArrangement,
  type StateCouncilNotice,
} from './official-calendar.data';
import { buildCalendar, type OfficialCalendar } from './working-days';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** What 县环委办 loads for one year: the notice and its 放假 and 调休上班 dates. */
export interface YearArrangementInput {
  notice: StateCouncilNotice;
  holidays: readonly string[];
  adjustedWorkingDays: readonly string[];
}

/** One reason a year's arrangement cannot be loaded, naming the field. */
export interface ArrangementProblem {
  field: string;
  message: string;
}

/** Dates every year's notice gives off by law (《全国年节及纪念日放假办法》, 2024 revision): 元旦, 劳动节, 国庆节. */
const FIXED_STATUTORY_DAYS = ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03'] as const;

/**
 * Checks a year's arrangement before it is stored: real dates of that year, none listed twice or as both kinds,
 * 调休 days on weekends only, and the fixed statutory days off. Every other date of the year then follows the
 * weekday, so the loaded year decides every one of its dates.
 */
export function arrangementProblems(year: number, input: YearArrangementInput): ArrangementProblem[] {
  const problems: ArrangementProblem[] = [];
  const seen = new Map<string, string>();
  const check = (field: 'holidays' | 'adjustedWorkingDays') =>
    input[field].forEach((date, i) => {
      const at = `${field}[${i}]`;
      if (!isRealDate(date)) problems.push({ field: at, message: `${date} 不是有效日期 is not a date` });
      else if (!date.startsWith(`${year}-`))
        problems.push({ field: at, message: `${date} 不属于 ${year} 年 is not in ${year}` });
      else if (seen.has(date))
        problems.push({ field: at, message: `${date} 重复列出 is listed twice (${seen.get(date)})` });
      else if (field === 'adjustedWorkingDays' && !isWeekendDate(date))
        problems.push({ field: at, message: `${date} 不是周末，无需调休 is not a Saturday or Sunday` });
      seen.set(date, field);
    });
  check('holidays');
  check('adjustedWorkingDays');
  for (const day of FIXED_STATUTORY_DAYS) {
    const date = `${year}-${day}`;
    if (seen.get(date) !== 'holidays')
      problems.push({
        field: 'holidays',
        message: `缺少法定节假日 ${date} the statutory day off is missing`,
      });
  }
  if (!input.notice.title.trim()) problems.push({ field: 'notice.title', message: '通知标题不能为空' });
  return problems;
}

/** A loaded year as calendar data: published, since it comes from the notice. */
export function loadedArrangement(year: number, input: YearArrangementInput): OfficialYearArrangement {
  return {
    year,
    source: 'published',
    notice: input.notice,
    holidays: [...input.holidays].sort(),
    adjustedWorkingDays: [...input.adjustedWorkingDays].sort(),
  };
}

/** The built-in years with the loaded ones in their place; the loaded year wins. */
export function effectiveArrangements(
  loaded: readonly OfficialYearArrangement[],
  builtIn: readonly OfficialYearArrangement[] = OFFICIAL_HOLIDAY_ARRANGEMENTS,
): OfficialYearArrangement[] {
  const byYear = new Map(builtIn.map((entry) => [entry.year, entry]));
  for (const entry of loaded) byYear.set(entry.year, entry);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** The calendar every issue counts with: built-in years, replaced or extended by the loaded ones. */
export function effectiveCalendar(loaded: readonly OfficialYearArrangement[]): OfficialCalendar {
  return buildCalendar(effectiveArrangements(loaded));
}

/**
 * Years are kept contiguous, so a year inside the range never silently falls back to the weekday rule: the year
 * loaded must be one already there, or adjacent to them. Null when it may be loaded.
 */
export function yearOutsideRange(year: number, calendar: OfficialCalendar): string | null {
  if (year >= calendar.firstYear - 1 && year <= calendar.lastYear + 1) return null;
  return `只能载入 ${calendar.firstYear - 1}–${calendar.lastYear + 1} 年（与已有年份相连） only a year adjacent to ${calendar.firstYear}–${calendar.lastYear} can be loaded`;
}

function isRealDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function isWeekendDate(value: string): boolean {
  const weekday = new Date(`${value}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}
