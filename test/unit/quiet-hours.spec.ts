import {
  backoffSeconds,
  effectiveChannels,
  holdUntil,
  isUrgentNotice,
  quietHoursEnd,
} from '../../domain/notifications/quiet-hours';
import { loadNotificationConfig, NotificationConfigError } from '../../config/notification-config';

/** An instant given as Asia/Shanghai wall-clock time. */
const shanghai = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

describe('quiet hours (免打扰)', () => {
  const night = { start: '22:00', end: '07:00' };

  it('holds a notice sent inside a window that crosses midnight until the window ends, in Asia/Shanghai', () => {
    expect(quietHoursEnd(shanghai('2026-03-02', '23:30'), night)).toEqual(shanghai('2026-03-03', '07:00'));
    expect(quietHoursEnd(shanghai('2026-03-03', '06:59'), night)).toEqual(shanghai('2026-03-03', '07:00'));
    expect(quietHoursEnd(shanghai('2026-03-02', '22:00'), night)).toEqual(shanghai('2026-03-03', '07:00'));
  });

  it('lets a notice outside the window go at once', () => {
    expect(quietHoursEnd(shanghai('2026-03-03', '07:00'), night)).toBeNull();
    expect(quietHoursEnd(shanghai('2026-03-02', '12:00'), night)).toBeNull();
    expect(quietHoursEnd(shanghai('2026-03-02', '12:00'), null)).toBeNull();
    expect(quietHoursEnd(shanghai('2026-03-02', '12:00'), { start: '08:00', end: '08:00' })).toBeNull();
  });

  it('handles a daytime window (12:00–14:00 午休)', () => {
    const noon = { start: '12:00', end: '14:00' };
    expect(quietHoursEnd(shanghai('2026-03-02', '13:15'), noon)).toEqual(shanghai('2026-03-02', '14:00'));
    expect(quietHoursEnd(shanghai('2026-03-02', '14:00'), noon)).toBeNull();
  });

  it('L12: a major-issue report is never held by quiet hours', () => {
    expect(isUrgentNotice('major_issue')).toBe(true);
    expect(holdUntil(shanghai('2026-03-02', '23:30'), 'major_issue', 'email', night)).toBeNull();
  });

  it('L10: ladder escalations of level ≥ 2 (县级督办, 总网格长) go at once; reminders and level 1 wait', () => {
    const at = shanghai('2026-03-02', '23:30');
    expect(holdUntil(at, 'ladder_county_supervision', 'email', night)).toBeNull();
    expect(holdUntil(at, 'ladder_chief', 'webhook', night)).toBeNull();
    expect(holdUntil(at, 'ladder_overdue', 'email', night)).toEqual(shanghai('2026-03-03', '07:00'));
    expect(holdUntil(at, 'ladder_reminder', 'webhook', night)).toEqual(shanghai('2026-03-03', '07:00'));
    expect(holdUntil(at, 'transfer', 'email', night)).toEqual(shanghai('2026-03-03', '07:00'));
  });

  it('never holds the silent in-app inbox', () => {
    expect(holdUntil(shanghai('2026-03-02', '23:30'), 'transfer', 'inbox', night)).toBeNull();
  });
});

describe(effectiveChannels.name, () => {
  it('defaults to the inbox, plus e-mail when the member has an address', () => {
    expect(effectiveChannels(null, 'a@county.example')).toEqual(['email', 'inbox']);
    expect(effectiveChannels(null, null)).toEqual(['inbox']);
  });

  it('follows the stored choice, keeps the inbox always, and needs a URL for the webhook', () => {
    expect(
      effectiveChannels({ channels: ['webhook'], enabled: true, webhookUrl: 'https://bot' }, 'a@b.c'),
    ).toEqual(['webhook', 'inbox']);
    expect(
      effectiveChannels({ channels: ['webhook', 'email'], enabled: true, webhookUrl: null }, null),
    ).toEqual(['inbox']);
    expect(effectiveChannels({ channels: ['email'], enabled: false, webhookUrl: null }, 'a@b.c')).toEqual([
      'inbox',
    ]);
  });
});

describe(backoffSeconds.name, () => {
  it('doubles from the base and stops at one hour', () => {
    expect([1, 2, 3, 4].map((n) => backoffSeconds(n, 30))).toEqual([30, 60, 120, 240]);
    expect(backoffSeconds(20, 30)).toBe(3600);
  });
});

describe(loadNotificationConfig.name, () => {
  it('applies the defaults', () => {
    expect(loadNotificationConfig({})).toMatchObject({
      SMTP_PORT: 587,
      NOTIFY_POLL_SECONDS: 10,
      NOTIFY_MAX_ATTEMPTS: 8,
      NOTIFY_BATCH_SIZE: 20,
      NOTIFY_CLAIM_SECONDS: 30,
      NOTIFY_DISPATCHER_ID: 'notification-dispatcher',
    });
  });

  it('names every bad variable without echoing secrets', () => {
    let error: unknown;
    try {
      loadNotificationConfig({
        SMTP_PORT: 'smtp',
        NOTIFY_BATCH_SIZE: '0',
        SMTP_USER: 'mailer',
        SMTP_FROM: 'not an address',
        NOTIFY_LEASE_SECONDS: '10',
        NOTIFY_CLAIM_SECONDS: '2',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NotificationConfigError);
    const problems = (error as NotificationConfigError).problems.join('\n');
    expect(problems).toContain('SMTP_PORT must be a whole number');
    expect(problems).toContain('NOTIFY_BATCH_SIZE must be at least 1');
    expect(problems).toContain('set both SMTP_USER and SMTP_PASSWORD');
    expect(problems).toContain('SMTP_FROM must be an e-mail address');
    expect(problems).toContain('NOTIFY_LEASE_SECONDS must be more than 3 × NOTIFY_SEND_TIMEOUT_SECONDS');
    expect(problems).toContain('NOTIFY_CLAIM_SECONDS must be at least 6');
    expect(problems).not.toContain('mailer');
  });
});
