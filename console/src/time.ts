import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import type { Locale } from './i18n';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

/** Every business time is shown in Beijing time, whatever the browser's zone (UTC on the wire). */
export const BEIJING = 'Asia/Shanghai';

export function setDayjsLocale(locale: Locale): void {
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
}

export function beijing(iso: string | null | undefined, pattern = 'YYYY-MM-DD HH:mm'): string {
  return iso ? dayjs(iso).tz(BEIJING).format(pattern) : '—';
}

/** "3 天" / "3 days": how far a time is from now, without the "ago"/"in". */
export function distance(iso: string): string {
  return dayjs(iso).fromNow(true);
}

export function isPast(iso: string | null | undefined): boolean {
  return !!iso && dayjs(iso).isBefore(dayjs());
}

/** Today's date in Beijing, YYYY-MM-DD: the first day a date field may name. */
export function beijingToday(): string {
  return dayjs().tz(BEIJING).format('YYYY-MM-DD');
}

export { dayjs };

/** The ISO week (2027-W10) that a Beijing date falls in, `weeksBack` weeks before today by default. */
export function isoWeek(weeksBack = 0): string {
  const today = dayjs().tz(BEIJING).subtract(weeksBack, 'week');
  const date = new Date(Date.UTC(today.year(), today.month(), today.date()));
  const day = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(date.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((date.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
