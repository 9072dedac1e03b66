import {
  addWorkingDays,
  buildCalendar,
  arrangementProblems,
  CalendarRangeError,
  DEFAULT_CALENDAR,
  effectiveCalendar,
  firstUncoveredDate,
  isProvisional,
  loadedArrangement,
  yearOutsideRange,
  isWorkingDay,
  OFFICIAL_HOLIDAY_ARRANGEMENTS,
  type OfficialYearArrangement,
  shanghaiDate,
  workingDaysBefore,
  workingDaysBetween,
  withDeadlineUnit,
} from '../../domain/calendar';

// Every expected date below was counted by hand from the State Council notices, not from the code.
const cal = DEFAULT_CALENDAR;

/** An Asia/Shanghai wall-clock time as an instant. */
function sh(localDateTime: string): Date {
  return new Date(`${localDateTime}+08:00`);
}

/** The end-of-day deadline instant of a Shanghai date. */
function endOf(localDate: string): Date {
  return sh(`${localDate}T23:59:59.999`);
}

/** Weekday of a date, computed independently of the code under test (0 = Sunday). */
function weekdayOf(localDate: string): number {
  return new Date(`${localDate}T00:00:00Z`).getUTCDay();
}

describe('shanghaiDate', () => {
  it('L9: uses Asia/Shanghai (UTC+8) days, not UTC days', () => {
    expect(shanghaiDate(new Date('2025-10-10T15:59:59.999Z'))).toBe('2025-10-10');
    expect(shanghaiDate(new Date('2025-10-10T16:00:00.000Z'))).toBe('2025-10-11');
    expect(shanghaiDate(Date.UTC(2025, 9, 10, 16, 30))).toBe('2025-10-11');
  });
});

describe('isWorkingDay', () => {
  it('L9: ordinary weekends do not count and ordinary weekdays do', () => {
    expect(isWorkingDay(cal, '2025-03-07')).toBe(true); // Friday
    expect(isWorkingDay(cal, '2025-03-08')).toBe(false); // Saturday
    expect(isWorkingDay(cal, '2025-03-09')).toBe(false); // Sunday
    expect(isWorkingDay(cal, '2025-03-10')).toBe(true); // Monday
  });

  it('L9: an adjusted working Saturday or Sunday (调休) is a working day', () => {
    expect(isWorkingDay(cal, '2025-10-11')).toBe(true); // Saturday after National Day 2025
    expect(isWorkingDay(cal, '2025-09-28')).toBe(true); // Sunday before National Day 2025
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true); // Saturday before Spring Festival 2026
    expect(isWorkingDay(cal, '2025-10-12')).toBe(false); // the Sunday after stays a rest day
  });

  it('L9: weekdays inside a holiday are not working days', () => {
    expect(isWorkingDay(cal, '2025-10-08')).toBe(false); // Wednesday, National Day + Mid-Autumn 2025
    expect(isWorkingDay(cal, '2026-02-23')).toBe(false); // Monday, last day of Spring Festival 2026
    expect(isWorkingDay(cal, '2024-06-10')).toBe(false); // Monday, Dragon Boat 2024
    expect(isWorkingDay(cal, '2026-01-02')).toBe(false); // Friday, New Year 2026
  });

  it('rejects malformed or impossible dates with a RangeError', () => {
    expect(() => isWorkingDay(cal, '2025-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay(cal, '2025-2-3')).toThrow(/YYYY-MM-DD/);
    expect(() => isWorkingDay(cal, 'constructor')).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('L9: a deadline of 10 working days from Fri 2025-09-26 that spans National Day lands on Thu 2025-10-16', () => {
    // 09-27 Sat rest; 09-28 Sun 调休 (1); 09-29 (2); 09-30 (3); 10-01..10-08 holiday;
    // 10-09 (4); 10-10 (5); 10-11 Sat 调休 (6); 10-12 Sun rest; 10-13 (7); 10-14 (8); 10-15 (9); 10-16 (10).
    const deadline = addWorkingDays(cal, sh('2025-09-26T10:00:00'), 10);
    expect(deadline.toISOString()).toBe('2025-10-16T15:59:59.999Z');
    expect(deadline).toEqual(endOf('2025-10-16'));
  });

  it('L9: the day of discovery does not count, and the deadline is the end of the last working day', () => {
    // Found Mon 2025-03-03 at 08:00: one working day later is the end of Tue 2025-03-04.
    expect(addWorkingDays(cal, sh('2025-03-03T08:00:00'), 1)).toEqual(endOf('2025-03-04'));
    // Found late in the day: same answer, only the date matters.
    expect(addWorkingDays(cal, sh('2025-03-03T23:59:00'), 1)).toEqual(endOf('2025-03-04'));
  });

  it('L9: weekends do not count', () => {
    expect(addWorkingDays(cal, sh('2025-03-07T10:00:00'), 1)).toEqual(endOf('2025-03-10')); // Fri → Mon
    expect(addWorkingDays(cal, sh('2025-03-07T10:00:00'), 5)).toEqual(endOf('2025-03-14')); // Fri → next Fri
    expect(addWorkingDays(cal, sh('2025-03-08T10:00:00'), 1)).toEqual(endOf('2025-03-10')); // Sat → Mon
  });

  it('L9: an adjusted working Saturday (调休) counts as a working day', () => {
    // Fri 2025-10-10 + 1 working day = Sat 2025-10-11, a 调休 working day.
    expect(addWorkingDays(cal, sh('2025-10-10T09:00:00'), 1)).toEqual(endOf('2025-10-11'));
    // Fri 2024-05-10 + 1 = Sat 2024-05-11 (调休 after Labour Day 2024).
    expect(addWorkingDays(cal, sh('2024-05-10T09:00:00'), 1)).toEqual(endOf('2024-05-11'));
  });

  it('L9: Spring Festival 2025 is skipped, with its 调休 Sunday counted', () => {
    // From Fri 2025-01-24: 01-25 Sat rest; 01-26 Sun 调休 (1); 01-27 (2); 01-28..02-04 holiday; 02-05 (3).
    expect(addWorkingDays(cal, sh('2025-01-24T15:00:00'), 3)).toEqual(endOf('2025-02-05'));
  });

  it('L9: Spring Festival 2026 (nine days off) is skipped', () => {
    // From Thu 2026-02-12: 02-13 (1); 02-14 Sat 调休 (2); 02-15..02-23 holiday; 02-24 (3); 02-25 (4); 02-26 (5).
    expect(addWorkingDays(cal, sh('2026-02-12T11:00:00'), 5)).toEqual(endOf('2026-02-26'));
  });

  it('L9: the Shanghai date of the instant decides the starting day, not the UTC date', () => {
    // 2025-10-10T16:30Z is Sat 2025-10-11 00:30 in Shanghai; the next working day is Mon 2025-10-13.
    expect(addWorkingDays(cal, new Date('2025-10-10T16:30:00Z'), 1)).toEqual(endOf('2025-10-13'));
    // 2025-10-10T15:30Z is still Fri 2025-10-10 in Shanghai; the next working day is the 调休 Saturday.
    expect(addWorkingDays(cal, Date.parse('2025-10-10T15:30:00Z'), 1)).toEqual(endOf('2025-10-11'));
  });

  it('L9: n = 0 is the end of the current day if it is a working day, else of the next working day', () => {
    expect(addWorkingDays(cal, sh('2025-09-29T10:00:00'), 0)).toEqual(endOf('2025-09-29'));
    expect(addWorkingDays(cal, sh('2025-10-01T10:00:00'), 0)).toEqual(endOf('2025-10-09'));
  });

  it('rejects a negative, fractional or non-finite count with a RangeError', () => {
    const from = sh('2025-03-03T08:00:00');
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => addWorkingDays(cal, from, n)).toThrow(RangeError);
      expect(() => addWorkingDays(cal, from, n)).not.toThrow(CalendarRangeError);
    }
    expect(() => addWorkingDays(cal, from, -1)).toThrow(/non-negative integer, got -1/);
    expect(() => addWorkingDays(cal, new Date(Number.NaN), 1)).toThrow(/not a valid instant/);
  });
});

describe('workingDaysBefore', () => {
  it('L9: the reminder 2 working days before a deadline right after National Day 2025 is the end of Mon 2025-09-29', () => {
    // Deadline end of Thu 2025-10-09; going back: 10-08..10-01 holiday, 09-30 (1), 09-29 (2).
    expect(workingDaysBefore(cal, endOf('2025-10-09'), 2)).toEqual(endOf('2025-09-29'));
  });

  it('L9: the reminder 2 working days before a deadline right after Spring Festival 2024 skips the holiday and counts the 调休 Sunday', () => {
    // Deadline end of Mon 2024-02-19; going back: 02-18 Sun 调休 (1), 02-17..02-10 holiday, 02-09 Fri (2).
    expect(workingDaysBefore(cal, endOf('2024-02-19'), 2)).toEqual(endOf('2024-02-09'));
  });

  it('L9: keeps the Shanghai time of day of the deadline', () => {
    // 10:00 on Mon 2025-03-10, one working day back is 10:00 on Fri 2025-03-07.
    expect(workingDaysBefore(cal, sh('2025-03-10T10:00:00'), 1)).toEqual(sh('2025-03-07T10:00:00'));
    expect(workingDaysBefore(cal, sh('2025-03-10T10:00:00'), 0)).toEqual(sh('2025-03-10T10:00:00'));
  });

  it('rejects a negative or fractional count with a RangeError', () => {
    expect(() => workingDaysBefore(cal, endOf('2025-10-09'), -2)).toThrow(RangeError);
    expect(() => workingDaysBefore(cal, endOf('2025-10-09'), 0.5)).toThrow(/non-negative integer/);
  });
});

describe('workingDaysBetween', () => {
  const deadline = endOf('2025-09-30'); // Tuesday before National Day 2025

  it('L9: counts the working days elapsed after a deadline, skipping the holiday and counting 调休', () => {
    // After 09-30: 10-01..10-08 holiday; 10-09 (1); 10-10 (2); 10-11 Sat 调休 (3); 10-12 Sun rest; 10-13 (4).
    expect(workingDaysBetween(cal, deadline, sh('2025-10-08T12:00:00'))).toBe(0);
    expect(workingDaysBetween(cal, deadline, sh('2025-10-09T09:00:00'))).toBe(1);
    expect(workingDaysBetween(cal, deadline, sh('2025-10-11T09:00:00'))).toBe(3);
    expect(workingDaysBetween(cal, deadline, sh('2025-10-12T09:00:00'))).toBe(3);
    expect(workingDaysBetween(cal, deadline, sh('2025-10-13T09:00:00'))).toBe(4);
  });

  it('L9: is zero on the same day and negative when the second instant is earlier', () => {
    expect(workingDaysBetween(cal, sh('2025-09-30T08:00:00'), deadline)).toBe(0);
    expect(workingDaysBetween(cal, sh('2025-10-13T09:00:00'), deadline)).toBe(-4);
  });

  it('L9: 3 working days overdue is reached on the third working day after the deadline', () => {
    // The overdue instant from addWorkingDays and the elapsed count agree.
    const overdueAt = addWorkingDays(cal, deadline, 3);
    expect(overdueAt).toEqual(endOf('2025-10-11'));
    expect(workingDaysBetween(cal, deadline, overdueAt)).toBe(3);
  });
});

describe('beyond the data', () => {
  it('L9: a date in 2028 counts Monday–Friday and is provisional, never refused', () => {
    expect(isWorkingDay(cal, '2028-01-03')).toBe(true); // Monday
    expect(isWorkingDay(cal, '2028-01-08')).toBe(false); // Saturday
    expect(isProvisional(cal, sh('2028-01-03T10:00:00'))).toBe(true);
    expect(isProvisional(cal, sh('2027-12-31T10:00:00'))).toBe(false);
    expect(workingDaysBetween(cal, sh('2027-12-30T10:00:00'), sh('2028-01-03T10:00:00'))).toBe(2);
  });

  it('L9: counting that crosses into an uncovered year goes on Monday–Friday', () => {
    // Thu 2027-12-30 + 1 = Fri 2027-12-31; + 2 = Mon 2028-01-03 (weekend skipped, no holiday known).
    expect(addWorkingDays(cal, sh('2027-12-30T10:00:00'), 1)).toEqual(endOf('2027-12-31'));
    expect(addWorkingDays(cal, sh('2027-12-30T10:00:00'), 2)).toEqual(endOf('2028-01-03'));
    // Back 1 from Tue 2024-01-02 passes the 01-01 holiday and reaches Fri 2023-12-29.
    expect(workingDaysBefore(cal, endOf('2024-01-02'), 1)).toEqual(endOf('2023-12-29'));
  });

  it('L9: a five-year term is counted without a gap in the data stopping it', () => {
    const due = addWorkingDays(cal, sh('2027-06-01T10:00:00'), 5 * 250);
    expect(due.getTime()).toBeGreaterThan(sh('2032-01-01T00:00:00').getTime());
    expect(isProvisional(cal, due)).toBe(true);
  });

  it('L9: the first uncovered date names where the data ends, for issues that still refuse (definition 2)', () => {
    expect(firstUncoveredDate(cal, sh('2027-12-30T10:00:00'), sh('2028-01-05T10:00:00'))).toBe('2028-01-01');
    expect(firstUncoveredDate(cal, sh('2024-01-02T10:00:00'), sh('2023-12-29T10:00:00'))).toBe('2023-12-31');
    expect(firstUncoveredDate(cal, sh('2027-01-02T10:00:00'), sh('2027-12-31T10:00:00'))).toBeNull();
    expect(new CalendarRangeError('2028-01-01', 2024, 2027)).toMatchObject({
      name: 'CalendarRangeError',
      date: '2028-01-01',
      firstYear: 2024,
      lastYear: 2027,
    });
  });
});

describe('official calendar data', () => {
  const byYear = new Map(OFFICIAL_HOLIDAY_ARRANGEMENTS.map((entry) => [entry.year, entry]));

  it('L9: covers 2024–2027, with 2024–2026 published and 2027 projected until its notice is issued', () => {
    expect([...byYear.keys()].sort()).toEqual([2024, 2025, 2026, 2027]);
    expect(byYear.get(2024)?.notice.number).toBe('国办发明电〔2023〕7号');
    expect(byYear.get(2025)?.notice.number).toBe('国办发明电〔2024〕12号');
    expect(byYear.get(2026)?.notice.number).toBe('国办发明电〔2025〕7号');
    expect([2024, 2025, 2026].map((y) => byYear.get(y)?.source)).toEqual([
      'published',
      'published',
      'published',
    ]);
    expect(byYear.get(2027)?.source).toBe('projected');
    expect(cal.projectedYears).toEqual([2027]);
  });

  it('L9: each year has the number of days off and 调休 days its notice gives', () => {
    // 2024: 1+8+3+5+1+3+7; 2025: 1+8+3+5+3+8; 2026: 3+9+3+5+3+3+7; 2027 (projected): 3+9+3+5+1+1+7.
    const counts = OFFICIAL_HOLIDAY_ARRANGEMENTS.map((e) => [
      e.year,
      e.holidays.length,
      e.adjustedWorkingDays.length,
    ]);
    expect(counts).toEqual([
      [2024, 28, 8],
      [2025, 28, 5],
      [2026, 33, 6],
      [2027, 29, 5],
    ]);
  });

  it('L9: every statutory holiday is a day off', () => {
    // 元旦, 春节 (初一), 清明, 劳动节, 端午, 中秋, 国庆 for each year; lunar and solar-term dates listed by hand.
    // prettier-ignore
    const statutory = [
      ...['2024', '2025', '2026', '2027'].flatMap((y) => [`${y}-01-01`, `${y}-05-01`, `${y}-10-01`, `${y}-10-02`, `${y}-10-03`]),
      '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06', // 春节
      '2025-01-28', '2026-02-16', '2027-02-05', // 除夕, statutory since 2025
      '2025-05-02', '2026-05-02', '2027-05-02', // 5月2日, statutory since 2025
      '2024-04-04', '2025-04-04', '2026-04-05', '2027-04-05', // 清明
      '2024-06-10', '2025-05-31', '2026-06-19', '2027-06-09', // 端午
      '2024-09-17', '2025-10-06', '2026-09-25', '2027-09-15', // 中秋
    ];
    for (const date of statutory) expect([date, isWorkingDay(cal, date)]).toEqual([date, false]);
  });

  it('L9: no date is both a holiday and an adjusted working day, and no date is listed twice', () => {
    for (const entry of OFFICIAL_HOLIDAY_ARRANGEMENTS) {
      const all = [...entry.holidays, ...entry.adjustedWorkingDays];
      expect(new Set(all).size).toBe(all.length);
      for (const date of all) expect(date.startsWith(`${entry.year}-`)).toBe(true);
    }
  });

  it('L9: every adjusted working day (调休) is a Saturday or Sunday', () => {
    for (const entry of OFFICIAL_HOLIDAY_ARRANGEMENTS) {
      for (const date of entry.adjustedWorkingDays)
        expect([date, [0, 6].includes(weekdayOf(date))]).toEqual([date, true]);
    }
  });

  it('L9: the calendar survives JSON, as a workflow argument must', () => {
    const copy = JSON.parse(JSON.stringify(cal)) as typeof cal;
    expect(addWorkingDays(copy, sh('2025-09-26T10:00:00'), 10)).toEqual(endOf('2025-10-16'));
    expect(isWorkingDay(copy, '2026-02-14')).toBe(true);
  });
});

describe('buildCalendar', () => {
  const year = (overrides: Partial<OfficialYearArrangement>): OfficialYearArrangement => ({
    year: 2030,
    source: 'published',
    notice: { title: 't', number: null, issued: null, url: null },
    holidays: [],
    adjustedWorkingDays: [],
    ...overrides,
  });

  it('rejects a date that is both a holiday and a working day', () => {
    expect(() =>
      buildCalendar([year({ holidays: ['2030-01-05'], adjustedWorkingDays: ['2030-01-05'] })]),
    ).toThrow(/2030-01-05 is listed twice/);
  });

  it('rejects an adjusted working day on a weekday', () => {
    // 2030-01-07 is a Monday.
    expect(() => buildCalendar([year({ adjustedWorkingDays: ['2030-01-07'] })])).toThrow(
      /not a Saturday or Sunday/,
    );
  });

  it('rejects a gap between years, a date filed under the wrong year, and an empty list', () => {
    expect(() => buildCalendar([year({ year: 2030 }), year({ year: 2032 })])).toThrow(/contiguous/);
    expect(() => buildCalendar([year({ holidays: ['2031-01-01'] })])).toThrow(/listed under year 2030/);
    expect(() => buildCalendar([])).toThrow(/no years/);
  });

  it('L9: a calendar built from other years covers exactly those years', () => {
    const only2030 = buildCalendar([year({ holidays: ['2030-01-01'] })]);
    expect(isWorkingDay(only2030, '2030-01-01')).toBe(false); // Tuesday, listed holiday
    expect(isWorkingDay(only2030, '2030-01-02')).toBe(true); // Wednesday
    expect(isWorkingDay(only2030, '2029-12-31')).toBe(true); // Monday, beyond the data: the weekday rule
    expect(isProvisional(only2030, sh('2029-12-31T10:00:00'))).toBe(true);
  });
});

describe('a year loaded by 县环委办', () => {
  // A plausible 2028: 元旦 Sat 01-01–Mon 01-03, 劳动节 05-01–05-05 with 调休 Sat 05-06? (05-06 is a Saturday), 国庆 10-01–10-07.
  const notice = {
    title: '国务院办公厅关于2028年部分节假日安排的通知',
    number: '国办发明电〔2027〕8号',
    issued: null,
    url: null,
  };
  const holidays = [
    '2028-01-01',
    '2028-01-02',
    '2028-01-03',
    '2028-05-01',
    '2028-05-02',
    '2028-05-03',
    '2028-05-04',
    '2028-05-05',
    '2028-10-01',
    '2028-10-02',
    '2028-10-03',
    '2028-10-04',
    '2028-10-05',
    '2028-10-06',
    '2028-10-07',
  ];

  it('L9: a valid arrangement has no problems and extends the calendar by its year, published', () => {
    const input = { notice, holidays, adjustedWorkingDays: ['2028-05-06'] };
    expect(arrangementProblems(2028, input)).toEqual([]);
    const calendar = effectiveCalendar([loadedArrangement(2028, input)]);
    expect([calendar.firstYear, calendar.lastYear, calendar.projectedYears]).toEqual([2024, 2028, [2027]]);
    expect(isWorkingDay(calendar, '2028-01-03')).toBe(false); // the notice's Monday off
    expect(isWorkingDay(calendar, '2028-05-06')).toBe(true); // 调休 Saturday
    expect(isProvisional(calendar, sh('2028-06-01T10:00:00'))).toBe(false);
  });

  it('L9: 2027 stays projected until its notice is loaded, which replaces the built-in projection', () => {
    expect(DEFAULT_CALENDAR.projectedYears).toEqual([2027]);
    const input = {
      notice: { ...notice, title: '国务院办公厅关于2027年部分节假日安排的通知' },
      holidays: [
        '2027-01-01',
        '2027-05-01',
        '2027-05-02',
        '2027-10-01',
        '2027-10-02',
        '2027-10-03',
        '2027-06-09',
      ],
      adjustedWorkingDays: [],
    };
    const calendar = effectiveCalendar([loadedArrangement(2027, input)]);
    expect(calendar.projectedYears).toEqual([]);
    // The projection made Mon 2027-02-08 a Spring Festival day; this (made-up) notice does not.
    expect(isWorkingDay(DEFAULT_CALENDAR, '2027-02-08')).toBe(false);
    expect(isWorkingDay(calendar, '2027-02-08')).toBe(true);
  });

  it('L9: dates of another year, impossible dates, weekday 调休, a date twice and missing statutory days are refused by field', () => {
    const problems = arrangementProblems(2028, {
      notice,
      holidays: ['2028-01-02', '2029-01-01', '2028-02-30', '2028-01-02'],
      adjustedWorkingDays: ['2028-01-04'],
    });
    expect(problems.map((p) => p.field)).toEqual([
      'holidays[1]',
      'holidays[2]',
      'holidays[3]',
      'adjustedWorkingDays[0]',
      ...Array(6).fill('holidays'),
    ]);
    expect(problems[problems.length - 1]?.message).toContain('2028-10-03');
  });

  it('L9: only a year adjacent to the data can be loaded, so no year inside it falls back to the weekday rule', () => {
    expect(yearOutsideRange(2028, DEFAULT_CALENDAR)).toBeNull();
    expect(yearOutsideRange(2023, DEFAULT_CALENDAR)).toBeNull();
    expect(yearOutsideRange(2029, DEFAULT_CALENDAR)).toMatch(/2023–2028/);
  });
});

describe('deadlines counted in minutes (DEADLINE_UNIT=minute)', () => {
  const minutes = withDeadlineUnit(cal, 'minute');
  const from = sh('2027-02-06T10:00:00'); // a Saturday in the Spring Festival holiday: no day is skipped

  it('leaves the official calendar as it is for working days', () => {
    expect(withDeadlineUnit(cal, 'working_day')).toBe(cal);
    expect(withDeadlineUnit(cal, undefined)).toBe(cal);
  });

  it('adds, subtracts and counts whole minutes of plain time', () => {
    expect(addWorkingDays(minutes, from, 5).toISOString()).toBe(sh('2027-02-06T10:05:00').toISOString());
    expect(addWorkingDays(minutes, from, 0).toISOString()).toBe(from.toISOString());
    expect(workingDaysBefore(minutes, sh('2027-02-06T10:05:00'), 2).toISOString()).toBe(
      sh('2027-02-06T10:03:00').toISOString(),
    );
    expect(workingDaysBetween(minutes, from, addWorkingDays(minutes, from, 10))).toBe(10);
    expect(workingDaysBetween(minutes, addWorkingDays(minutes, from, 3), from)).toBe(-3);
  });
});
