/**
 * The standing-duty clocks (SPEC P1–P6) as policy data. Values the seed states (once a week, twice a month,
 * Wednesday 12:00, December 10 and 20) are the defaults and the seed's wording; values the seed leaves open
 * (when reminders go out, how long after a period records may still come in, how often a late report is chased)
 * are marked **default** and can be changed without touching code (`DUTY_POLICY` in the configuration).
 */
import type { OrganisationUnitKind } from '../organisation/organisation.types';

/** Units that carry the standing duties: county departments, townships and the industrial park (SPEC §1). */
export const DUTY_UNIT_KINDS: readonly OrganisationUnitKind[] = ['department', 'township', 'park'];

/** A Shanghai wall-clock time of day. */
export interface ClockTime {
  hour: number;
  minute: number;
}

export interface DutyPolicy {
  /** P1: patrols per grid per week ("每周巡查原则上不少于1次"). */
  patrolsPerWeek: number;
  /** P1: times each key monitoring point is covered per month ("每月不少于2次"). */
  keyPointVisitsPerMonth: number;
  /** **default**: weekday (1 = Monday) and time of the reminder to grids not yet patrolled this week. */
  patrolReminderWeekday: number;
  patrolReminderTime: ClockTime;
  /** **default**: hours after a period ends before it is judged (records of the last days may still be entered). */
  recordGraceHours: number;
  /** **default**: days before a month's end when key points and consultations not yet done are reminded. */
  monthlyReminderDaysBefore: number;
  /** P3: weekday (1 = Monday) and time the weekly report is due in the week after the reported one. */
  weeklyReportDueWeekday: number;
  weeklyReportDueTime: ClockTime;
  /** **default**: hours before the weekly deadline when units without an approved report are reminded. */
  weeklyReportReminderHoursBefore: number[];
  /** **default**: days after the deadline between chasing notices while a report is missing, and how many. */
  chaseEveryDays: number;
  chaseTimes: number;
  /** **default**: day of the following month (and time) the monthly materials (P4) are due. */
  monthlyReportDueDay: number;
  monthlyReportDueTime: ClockTime;
  /**
   * **default**: hours before the monthly deadline when units without approved materials are reminded. Settings
   * recorded before this key existed lack it; their monthly reminders followed the weekly hours.
   */
  monthlyReportReminderHoursBefore?: number[];
  /** **default**: an open issue whose deadline is this many days away or less is on the risk-warning list (P4). */
  riskNearDeadlineDays: number;
  /** P5: consultations each grid head holds per month. */
  consultationsPerMonth: number;
  /** P6: month/day the units' annual self-assessment is due ("12月10日前"), end of that day. */
  annualUnitDue: { month: number; day: number };
  /** P6: month/day the county report is due at the prefecture ("12月20日前"), end of that day. */
  annualCountyDue: { month: number; day: number };
  /** **default**: month/day the annual drafts are prepared and the units reminded. */
  annualDraftOn: { month: number; day: number };
  /** **default**: days before an annual deadline when the unit is reminded. */
  annualReminderDaysBefore: number;
  /** P8 **default**: the period of the bulletin the clock drafts ("定期形成情况通报"): `week` or `month`. */
  bulletinPeriod: 'week' | 'month';
  /** P8 **default**: a weekly bulletin is drafted on this weekday (1 = Monday), after the weekly reports are due. */
  bulletinWeekday: number;
  /** P8 **default**: a monthly bulletin is drafted on this day of the month, after the monthly materials are due. */
  bulletinDayOfMonth: number;
  /** P8 **default**: the time of day (Shanghai) the bulletin's draft is made. */
  bulletinDraftTime: ClockTime;
}

export const DEFAULT_DUTY_POLICY: DutyPolicy = {
  patrolsPerWeek: 1,
  keyPointVisitsPerMonth: 2,
  patrolReminderWeekday: 5,
  patrolReminderTime: { hour: 9, minute: 0 },
  recordGraceHours: 9,
  monthlyReminderDaysBefore: 5,
  weeklyReportDueWeekday: 3,
  weeklyReportDueTime: { hour: 12, minute: 0 },
  weeklyReportReminderHoursBefore: [24, 3],
  chaseEveryDays: 1,
  chaseTimes: 3,
  monthlyReportDueDay: 5,
  monthlyReportDueTime: { hour: 12, minute: 0 },
  monthlyReportReminderHoursBefore: [72, 24],
  riskNearDeadlineDays: 7,
  consultationsPerMonth: 1,
  annualUnitDue: { month: 12, day: 10 },
  annualCountyDue: { month: 12, day: 20 },
  annualDraftOn: { month: 11, day: 20 },
  annualReminderDaysBefore: 3,
  bulletinPeriod: 'month',
  bulletinWeekday: 4,
  bulletinDayOfMonth: 6,
  bulletinDraftTime: { hour: 9, minute: 0 },
};

/** Why a DUTY_POLICY override is refused, or null when every key is known and its value has the default's shape. */
export function dutyPolicyProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'DUTY_POLICY must be a JSON object, e.g. {"chaseTimes":5}';
  const known = Object.keys(DEFAULT_DUTY_POLICY);
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!known.includes(key))
      return `DUTY_POLICY has an unknown key "${key}"; known keys: ${known.join(', ')}`;
    const expected: unknown = DEFAULT_DUTY_POLICY[key as keyof DutyPolicy];
    if (key === 'bulletinPeriod' && v !== 'week' && v !== 'month')
      return 'DUTY_POLICY.bulletinPeriod must be "week" or "month"';
    if (typeof expected === 'number' && !(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 366))
      return `DUTY_POLICY.${key} must be a whole number 0–366`;
    if (Array.isArray(expected) && !(Array.isArray(v) && v.every((n) => Number.isInteger(n) && n > 0)))
      return `DUTY_POLICY.${key} must be a list of positive whole numbers`;
    if (!Array.isArray(expected) && typeof expected === 'object') {
      const keys = Object.keys(expected as object)
        .sort()
        .join(',');
      if (
        typeof v !== 'object' ||
        v === null ||
        Object.keys(v).sort().join(',') !== keys ||
        !Object.values(v).every((n) => Number.isInteger(n) && (n as number) >= 0)
      )
        return `DUTY_POLICY.${key} must be an object with whole numbers for ${keys}`;
    }
  }
  const merged = { ...DEFAULT_DUTY_POLICY, ...(value as Partial<DutyPolicy>) };
  if (merged.patrolReminderWeekday < 1 || merged.patrolReminderWeekday > 7)
    return 'DUTY_POLICY.patrolReminderWeekday must be 1 (Monday) to 7 (Sunday)';
  if (merged.weeklyReportDueWeekday < 1 || merged.weeklyReportDueWeekday > 7)
    return 'DUTY_POLICY.weeklyReportDueWeekday must be 1 (Monday) to 7 (Sunday)';
  if (merged.bulletinWeekday < 1 || merged.bulletinWeekday > 7)
    return 'DUTY_POLICY.bulletinWeekday must be 1 (Monday) to 7 (Sunday)';
  // A day every month has, so the clock fires each month.
  if (merged.bulletinDayOfMonth < 1 || merged.bulletinDayOfMonth > 28)
    return 'DUTY_POLICY.bulletinDayOfMonth must be 1 to 28';
  const { month, day } = merged.annualDraftOn;
  if (month < 1 || month > 12 || day < 1 || day > 28)
    return 'DUTY_POLICY.annualDraftOn must be a month 1–12 and a day 1–28';
  if (month * 100 + day >= merged.annualUnitDue.month * 100 + merged.annualUnitDue.day)
    return 'DUTY_POLICY.annualDraftOn must come before annualUnitDue in the year';
  for (const t of [
    merged.patrolReminderTime,
    merged.weeklyReportDueTime,
    merged.monthlyReportDueTime,
    merged.bulletinDraftTime,
  ])
    if (t.hour > 23 || t.minute > 59) return 'DUTY_POLICY times must have hour 0–23 and minute 0–59';
  return null;
}

/** The policy with an override applied (already checked by `dutyPolicyProblem`). */
export function resolveDutyPolicy(override: Partial<DutyPolicy> | undefined): DutyPolicy {
  return { ...DEFAULT_DUTY_POLICY, ...(override ?? {}) };
}
