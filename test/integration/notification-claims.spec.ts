import type { DataSource } from 'typeorm';
import { createNotificationActivities } from '../../activities/notifications/notification.activities';
import { loadNotificationConfig } from '../../config/notification-config';
import { openDataSource } from '../../persistence/data-source';
import { WebhookReceiver } from '../support/notification-receivers';
import { enqueueNotices } from '../support/notices';
import { testServers } from '../support/servers';

const SECRET = 'claims-bot-secret-0123456789';
const HOOK_NAME = 'it-claims-bot';
const CODE = '2026-830001';

/**
 * Two dispatcher runs side by side, called directly (no workflow): the second starts after the first run's claim
 * lease would have run out, had the first not renewed it.
 */
describe('notification claims', () => {
  let dataSource: DataSource;
  let hook: WebhookReceiver;

  beforeAll(async () => {
    dataSource = await openDataSource(testServers().databaseUrl, { poolSize: 4 });
    hook = await WebhookReceiver.start(SECRET);
    await dataSource.query(
      `INSERT INTO webhook_endpoints (name, url, secret, units, roles) VALUES ($1, $2, $3, '{ULE}', '{sector_head}')
       ON CONFLICT (name) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, active = true`,
      [HOOK_NAME, hook.url, SECRET],
    );
  });

  afterAll(async () => {
    await dataSource?.query(`UPDATE webhook_endpoints SET active = false WHERE name = $1`, [HOOK_NAME]);
    await dataSource?.destroy();
    await hook?.close();
  });

  it('L10: a batch that outlasts its claim lease keeps its notices; a second dispatcher delivers none of them again', async () => {
    const settings = (batch: number) =>
      loadNotificationConfig({
        NOTIFY_BATCH_SIZE: String(batch),
        NOTIFY_CLAIM_SECONDS: '6',
        NOTIFY_SEND_TIMEOUT_SECONDS: '3',
        NOTIFY_LEASE_SECONDS: '10',
        NOTIFY_BACKOFF_SECONDS: '600',
      });
    // Earlier files leave notices in the shared outbox: deliver those first (no SMTP here: inbox and webhooks),
    // including any a killed worker still holds, once its claim runs out.
    const drain = createNotificationActivities({ dataSource, notificationConfig: settings(100) });
    for (;;) {
      if ((await drain.deliverDueNotifications()).claimed > 0) continue;
      const [{ due }] = await dataSource.query<Array<{ due: number }>>(
        `SELECT count(*)::int AS due FROM notification_outbox
         WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now())`,
      );
      if (due === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    const notices = await enqueueNotices(
      dataSource,
      CODE,
      ['一', '二', '三'].map((n) => ({
        kind: 'ladder_overdue',
        audiences: [{ role: 'unit_head' as const, unit: 'ULE' }],
        subject: `【逾期】问题${n}`,
        body: `整改期限已过（责任单位 ULE）。`,
      })),
    );
    expect(notices.length).toBeGreaterThanOrEqual(3);
    // Each webhook send takes 2.5 s, so the first run works for longer than its 6 s claim.
    hook.delayMs = 2500;
    const first = createNotificationActivities({ dataSource, notificationConfig: settings(notices.length) });
    const second = createNotificationActivities({ dataSource, notificationConfig: settings(100) });
    const firstRun = first.deliverDueNotifications();
    await new Promise((resolve) => setTimeout(resolve, 7000));
    // Past the 6 s claim, the first run still works on its last notice: every one of them is done or still held.
    const held = await dataSource.query<Array<{ done: boolean; held: boolean }>>(
      `SELECT claimed_until IS NULL AND status = 'delivered' AS done, coalesce(claimed_until > now(), false) AS held
       FROM notification_outbox WHERE id = ANY($1)`,
      [notices.map((n) => n.id)],
    );
    expect(held.some((r) => r.held)).toBe(true);
    expect(held.every((r) => r.done || r.held)).toBe(true);
    await second.deliverDueNotifications();
    const firstResult = await firstRun;
    hook.delayMs = 0;

    expect(firstResult.claimed).toBe(notices.length);
    const ids = notices.map((n) => n.id);
    const sends = hook.received.filter((w) => ids.includes(w.payload.notificationId as string));
    const webhookTargets = await dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM notification_deliveries WHERE notification_id = ANY($1) AND channel = 'webhook'`,
      [ids],
    );
    expect(webhookTargets[0].n).toBeGreaterThanOrEqual(notices.length);
    expect(sends.length).toBe(webhookTargets[0].n);
    expect(new Set(sends.map((w) => w.deliveryId)).size).toBe(sends.length);
    const rows = await dataSource.query<Array<{ status: string; claimed_until: Date | null }>>(
      `SELECT status, claimed_until FROM notification_outbox WHERE id = ANY($1)`,
      [ids],
    );
    expect(rows).toEqual(ids.map(() => ({ status: 'delivered', claimed_until: null })));
  }, 60_000);
});
