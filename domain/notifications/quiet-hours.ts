import { ESCALATION_STEPS } from '../process/issue-process.definition';

/** A delivery channel of a notice. The in-app inbox is silent; e-mail and webhooks reach a phone. */
export type Channel = 'email' | 'webhook' | 'inbox';
export const CHANNELS: readonly Channel[] = ['email', 'webhook', 'inbox'];

/** 免打扰时段: a member's quiet hours, HH:MM in Asia/Shanghai; a window may cross midnight (22:00–07:00). */
export interface QuietHours {
  start: string;
  end: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
/** China keeps no daylight saving time: Asia/Shanghai is UTC+8 all year. */
const SHANGHAI_OFFSET_MINUTES = 8 * 60;

export function isHhMm(value: string): boolean {
  return HHMM.test(value);
}

function minutesOf(hhmm: string): number {
  const match = HHMM.exec(hhmm);
  if (!match) throw new RangeError(`not an HH:MM time: ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * Notices that never wait for quiet hours: a major problem (L12, reported "at once") and the ladder's
 * county-level steps (L10 level ≥ 2: 县级督办 and 总网格长), whose point is that a leader acts now.
 */
export const URGENT_NOTICE_KINDS: readonly string[] = [
  'major_issue',
  ...ESCALATION_STEPS.filter((step) => step.level >= 2).map((step) => `ladder_${step.id}`),
];

export function isUrgentNotice(kind: string): boolean {
  return URGENT_NOTICE_KINDS.includes(kind);
}

/** The instant the quiet hours that contain `now` end, or null when `now` is outside them (or there are none). */
export function quietHoursEnd(now: Date, quiet: QuietHours | null): Date | null {
  if (!quiet) return null;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const localMs = now.getTime() + SHANGHAI_OFFSET_MINUTES * MINUTE_MS;
  const minuteOfDay = Math.floor(localMs / MINUTE_MS) % DAY_MINUTES;
  const inside =
    start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
  if (!inside) return null;
  const minutesLeft = (end - minuteOfDay + DAY_MINUTES) % DAY_MINUTES;
  const startOfMinute = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  return new Date(startOfMinute + minutesLeft * MINUTE_MS);
}

/**
 * When a notice may go out on a channel that disturbs (e-mail, webhook): now (null), or the end of the
 * recipient's quiet hours. Urgent notices and the silent inbox never wait.
 */
export function holdUntil(now: Date, kind: string, channel: Channel, quiet: QuietHours | null): Date | null {
  if (channel === 'inbox' || isUrgentNotice(kind)) return null;
  return quietHoursEnd(now, quiet);
}

/** A member's stored preferences; no row means the defaults. */
export interface PreferenceRow {
  channels: string[];
  enabled: boolean;
  webhookUrl: string | null;
}

/**
 * The channels a member is reached on. Defaults without a row: the inbox, and e-mail when the member has an
 * address. The inbox is always on (it is the record a member sees in the app); disabling silences the rest.
 */
export function effectiveChannels(pref: PreferenceRow | null, email: string | null): Channel[] {
  const wanted = new Set<Channel>(['inbox']);
  if (!pref) {
    if (email) wanted.add('email');
  } else if (pref.enabled) {
    if (pref.channels.includes('email') && email) wanted.add('email');
    if (pref.channels.includes('webhook') && pref.webhookUrl) wanted.add('webhook');
  }
  return CHANNELS.filter((channel) => wanted.has(channel));
}

/** Exponential backoff after the n-th failed attempt (n ≥ 1): base, 2·base, 4·base … capped at one hour. */
export function backoffSeconds(attempt: number, baseSeconds: number): number {
  return Math.min(3600, baseSeconds * 2 ** Math.max(0, attempt - 1));
}
