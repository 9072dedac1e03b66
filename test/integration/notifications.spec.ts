import { generateSealKey } from '../../documents/seal/seal-keys';
import { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { messageIdFor } from '../../activities/notifications/email.channel';
import { deliveryIdFor } from '../../activities/notifications/notification.activities';
import { InboxService } from '../../api/inbox/inbox.service';
import { loadNotificationConfig } from '../../config/notification-config';
import { openDataSource } from '../../persistence/data-source';
import { ensureNotificationDispatcher } from '../../worker/notification-dispatcher';
import { createWorker } from '../../worker/worker';
import { wakeDispatcherSignal } from '../../workflows/notifications/notification.messages';
import { eventually } from '../support/harness';
import { SmtpCapture, WebhookReceiver } from '../support/notification-receivers';
import { enqueueNotices } from '../support/notices';
import { testServers } from '../support/servers';

const TASK_QUEUE = 'it-notify';
const DISPATCHER_ID = 'notification-dispatcher-it';
const SECRET = 'ule-bot-secret-0123456789';
const ULE_HEAD_EMAIL = 'ule-head@county.example';

/** `eventually` for a condition on what the in-process receivers captured. */
const until = <T>(check: () => T | undefined, timeoutMs?: number) =>
  eventually(() => Promise.resolve(check()), timeoutMs);

describe('notification delivery', () => {
  let dataSource: DataSource;
  let connection: NativeConnection;
  let client: Client;
  let worker: Worker;
  let running: Promise<void>;
  let smtp: SmtpCapture;
  let hook: WebhookReceiver;

  const wake = () => client.workflow.getHandle(DISPATCHER_ID).signal(wakeDispatcherSignal);
  const deliveries = (notificationId: string) =>
    dataSource.query<
      Array<{ id: string; channel: string; target: string; status: string; attempts: number }>
    >(
      `SELECT id, channel, target, status, attempts FROM notification_deliveries WHERE notification_id = $1
       ORDER BY channel, target`,
      [notificationId],
    );

  beforeAll(async () => {
    const servers = testServers();
    smtp = await SmtpCapture.start();
    hook = await WebhookReceiver.start(SECRET);
    dataSource = await openDataSource(servers.databaseUrl, { poolSize: 4 });
    await dataSource.query(
      `INSERT INTO webhook_endpoints (name, url, secret, units, roles) VALUES ('it-ule-bot', $1, $2, '{ULE}', '{sector_head}')
       ON CONFLICT (name) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, active = true`,
      [hook.url, SECRET],
    );
    const notificationConfig = loadNotificationConfig({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_FROM: '榕江县生态环境网格化管理 <noreply@eco-grid.test>',
      NOTIFY_POLL_SECONDS: '1',
      NOTIFY_BACKOFF_SECONDS: '1',
      NOTIFY_MAX_ATTEMPTS: '3',
      NOTIFY_SEND_TIMEOUT_SECONDS: '3',
      NOTIFY_LEASE_SECONDS: '10',
      NOTIFY_DISPATCHER_ID: DISPATCHER_ID,
    });
    connection = await NativeConnection.connect({ address: servers.temporalAddress });
    worker = await createWorker({
      connection,
      namespace: servers.namespace,
      taskQueue: TASK_QUEUE,
      dataSource,
      // Each worker seals with a key of its own, as after a rotation.
      sealKey: generateSealKey(),
      notificationConfig,
    });
    running = worker.run();
    client = new Client({ connection, namespace: servers.namespace });
    await ensureNotificationDispatcher(connection, {
      namespace: servers.namespace,
      taskQueue: TASK_QUEUE,
      config: notificationConfig,
    });
    // Earlier files leave notices in the shared outbox (a killed worker's among them, claimed until its claim
    // lease runs out): the dispatcher delivers those first (oldest first), so each test below times only its own.
    await eventually(async () => {
      const due = await dataSource.query<Array<{ id: string; claimed: boolean }>>(
        `SELECT id, coalesce(claimed_until > now(), false) AS claimed FROM notification_outbox
         WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now())`,
      );
      if (due.length === 0) return true;
      throw new Error(
        `${due.length} earlier notices still due (${due.filter((d) => d.claimed).length} claimed), e.g. ${due[0].id}`,
      );
    }, 90_000);
  });

  afterAll(async () => {
    await client?.workflow
      .getHandle(DISPATCHER_ID)
      .terminate('test over')
      .catch(() => undefined);
    await dataSource?.query(`UPDATE webhook_endpoints SET active = false WHERE name = 'it-ule-bot'`);
    await dataSource?.query(`DELETE FROM notification_preferences WHERE member_id = 'it-quiet-member'`);
    worker?.shutdown();
    await running;
    await connection?.close();
    await dataSource?.destroy();
    await smtp?.close();
    await hook?.close();
  });

  it('starts one dispatcher per namespace, however many workers ask', async () => {
    const config = loadNotificationConfig({ NOTIFY_DISPATCHER_ID: DISPATCHER_ID });
    const options = { namespace: testServers().namespace, taskQueue: TASK_QUEUE, config };
    const first = await ensureNotificationDispatcher(connection, options);
    const second = await ensureNotificationDispatcher(connection, options);
    expect(second.runId).toBe(first.runId);
    const description = await client.workflow.getHandle(DISPATCHER_ID).describe();
    expect(description.status.name).toBe('RUNNING');
  });

  it('L10: an escalation reaches the grid head by e-mail and by a signed webhook', async () => {
    const notices = await enqueueNotices(dataSource, '2026-810001', [
      {
        kind: 'ladder_overdue',
        audiences: [{ role: 'unit_head', unit: 'ULE' }],
        subject: '【逾期】河道垃圾堆放',
        body: '问题“河道垃圾堆放”的整改期限为 2026-11-30（责任单位 ULE）。逾期：通知网格直接负责人和分网格长/网格长。',
        payload: { level: 1, rule: 'L10' },
      },
    ]);
    const notice = notices.find((n) => n.member_id === 'demo-ule-head');
    expect(notice).toMatchObject({ status: 'pending', kind: 'ladder_overdue' });
    await wake();

    const messageId = messageIdFor(notice!.id, 'email');
    const mail = await until(() => smtp.accepted.find((m) => m.messageId === messageId));
    expect(mail.to).toEqual([ULE_HEAD_EMAIL]);
    expect(mail.raw).toMatch(/^Subject: /m);
    const webhook = await until(() => hook.received.find((w) => w.payload.notificationId === notice!.id));
    expect(webhook.signatureOk).toBe(true);
    expect(webhook.timestamp).toBe(webhook.payload.timestamp);
    const expectedDelivery = deliveryIdFor(notice!.id, 'webhook', 'endpoint:it-ule-bot');
    expect(webhook.deliveryId).toBe(expectedDelivery);
    expect(webhook.idempotencyKey).toBe(expectedDelivery);
    expect(webhook.payload).toMatchObject({
      kind: 'ladder_overdue',
      subject: '【逾期】河道垃圾堆放',
      issueCode: '2026-810001',
    });

    const status = await eventually(async () => {
      const [row] = await dataSource.query<Array<{ status: string }>>(
        `SELECT status FROM notification_outbox WHERE id = $1`,
        [notice!.id],
      );
      return row?.status === 'delivered' ? row.status : undefined;
    });
    expect(status).toBe('delivered');
    expect((await deliveries(notice!.id)).map((d) => [d.channel, d.target, d.status, d.attempts])).toEqual([
      ['email', ULE_HEAD_EMAIL, 'sent', 1],
      ['inbox', 'member:demo-ule-head', 'sent', 1],
      ['webhook', 'endpoint:it-ule-bot', 'sent', 1],
    ]);
    expect(smtp.count(messageId)).toBe(1);
  });

  it('keeps unresolved notices: never sent, still visible to 县环委办', async () => {
    const notices = await enqueueNotices(dataSource, '2026-810002', [
      {
        kind: 'ladder_overdue',
        audiences: [
          { role: 'direct_leader', unit: 'NO-SUCH-UNIT' },
          { role: 'unit_head', unit: 'ULE' },
        ],
        subject: '【逾期】无人认领',
        body: '无人认领的通知',
      },
    ]);
    const unresolved = notices.find((n) => n.member_id === null);
    const resolved = notices.find((n) => n.member_id === 'demo-ule-head');
    expect(unresolved?.status).toBe('unresolved');
    await wake();
    await until(() => (smtp.count(messageIdFor(resolved!.id, 'email')) === 1 ? true : undefined));
    const [row] = await dataSource.query<Array<{ status: string }>>(
      `SELECT status FROM notification_outbox WHERE id = $1`,
      [unresolved!.id],
    );
    expect(row?.status).toBe('unresolved');
    expect(await deliveries(unresolved!.id)).toEqual([]);
  });

  it('quiet hours hold a general notice and not a major one', async () => {
    await dataSource.query(
      `INSERT INTO members (id, unit_code, name, roles, email) VALUES ('it-quiet-member', 'HLT', '静默测试员', '{grid_member}', 'quiet@county.example')
       ON CONFLICT (id) DO NOTHING`,
    );
    // A window from an hour ago to an hour from now, Asia/Shanghai wall-clock time.
    const shanghaiMinute = Math.floor((Date.now() + 8 * 3600_000) / 60_000) % 1440;
    const hhmm = (m: number) => {
      const x = (m + 1440) % 1440;
      return `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
    };
    await dataSource.query(
      `INSERT INTO notification_preferences (member_id, channels, quiet_start, quiet_end) VALUES ('it-quiet-member', '{email,inbox}', $1, $2)
       ON CONFLICT (member_id) DO UPDATE SET quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end`,
      [hhmm(shanghaiMinute - 60), hhmm(shanghaiMinute + 60)],
    );
    const audience = [{ role: 'responsible_person' as const, unit: 'HLT', name: '静默测试员' }];
    const notices = await enqueueNotices(dataSource, '2026-810003', [
      {
        kind: 'progress_reminder',
        type: 'progress_reminder',
        audiences: audience,
        subject: '【进展报送提醒】',
        body: '请报送进展。',
      },
      {
        kind: 'major_issue',
        type: 'major_issue_reported',
        audiences: audience,
        subject: '【重大问题】',
        body: '重大问题，请即会商。',
      },
    ]);
    const general = notices.find((n) => n.kind === 'progress_reminder')!;
    const major = notices.find((n) => n.kind === 'major_issue')!;
    await wake();

    await until(() => (smtp.count(messageIdFor(major.id, 'email')) === 1 ? true : undefined));
    const held = await eventually(async () => {
      const [row] = await dataSource.query<Array<{ status: string; next_attempt_at: Date | null }>>(
        `SELECT status, next_attempt_at FROM notification_outbox WHERE id = $1`,
        [general.id],
      );
      return row?.next_attempt_at ? row : undefined;
    });
    expect(held.status).toBe('pending');
    // Held until the window ends, about an hour from now.
    expect(held.next_attempt_at!.getTime() - Date.now()).toBeGreaterThan(55 * 60_000);
    expect(smtp.count(messageIdFor(general.id, 'email'))).toBe(0);
    // The silent inbox is not held; e-mail waits, on record.
    expect((await deliveries(general.id)).map((d) => [d.channel, d.status])).toEqual([
      ['email', 'pending'],
      ['inbox', 'sent'],
    ]);
    const attempts = await dataSource.query<Array<{ status: string }>>(
      `SELECT a.status FROM notification_delivery_attempts a JOIN notification_deliveries d ON d.id = a.delivery_id
       WHERE d.notification_id = $1 AND d.channel = 'email'`,
      [general.id],
    );
    expect(attempts.map((a) => a.status)).toEqual(['held']);

    // When the quiet hours are over (the member clears them here), the held e-mail goes, once.
    await dataSource.query(
      `UPDATE notification_preferences SET quiet_start = NULL, quiet_end = NULL WHERE member_id = 'it-quiet-member'`,
    );
    await dataSource.query(
      `UPDATE notification_deliveries SET next_attempt_at = now() WHERE notification_id = $1`,
      [general.id],
    );
    await dataSource.query(`UPDATE notification_outbox SET next_attempt_at = now() WHERE id = $1`, [
      general.id,
    ]);
    await wake();
    await until(() => (smtp.count(messageIdFor(general.id, 'email')) === 1 ? true : undefined));
  });

  it('retries a refused e-mail with exponential backoff, then delivers it once', async () => {
    smtp.refuse('eco@county.example', 2, 451);
    const [notice] = await enqueueNotices(dataSource, '2026-810004', [
      {
        kind: 'transfer',
        audiences: [{ role: 'eco_office', unit: 'ECO' }],
        subject: '【移交】测试',
        body: '移交测试',
      },
    ]);
    await wake();
    const messageId = messageIdFor(notice.id, 'email');
    await until(() => (smtp.count(messageId) === 1 ? true : undefined), 30_000);
    const attempts = await eventually(async () => {
      const rows = await dataSource.query<
        Array<{ attempt: number; status: string; error: string | null; at: Date }>
      >(
        `SELECT a.attempt, a.status, a.error, a.at FROM notification_delivery_attempts a
         JOIN notification_deliveries d ON d.id = a.delivery_id
         WHERE d.notification_id = $1 AND d.channel = 'email' ORDER BY a.id`,
        [notice.id],
      );
      return rows.length === 3 ? rows : undefined;
    });
    expect(attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 'error'],
      [2, 'error'],
      [3, 'sent'],
    ]);
    expect(attempts[0].error).toMatch(/^SMTP 451/);
    // Backoff: 1 s after the first failure, 2 s after the second (base NOTIFY_BACKOFF_SECONDS = 1).
    const gap1 = attempts[1].at.getTime() - attempts[0].at.getTime();
    const gap2 = attempts[2].at.getTime() - attempts[1].at.getTime();
    expect(gap1).toBeGreaterThanOrEqual(900);
    expect(gap2).toBeGreaterThanOrEqual(1900);
    expect(smtp.count(messageId)).toBe(1);
  });

  it('gives a delivery up after NOTIFY_MAX_ATTEMPTS, as failed and visible to 县环委办', async () => {
    smtp.refuse('eco@county.example', 10, 452);
    const [notice] = await enqueueNotices(dataSource, '2026-810005', [
      {
        kind: 'transfer',
        audiences: [{ role: 'eco_office', unit: 'ECO' }],
        subject: '【移交】失败测试',
        body: '失败测试',
      },
    ]);
    await wake();
    const row = await eventually(async () => {
      const [r] = await dataSource.query<
        Array<{ status: string; attempts: number; last_error: string | null }>
      >(`SELECT status, attempts, last_error FROM notification_outbox WHERE id = $1`, [notice.id]);
      return r?.status === 'failed' ? r : undefined;
    }, 30_000);
    expect(row.attempts).toBe(3);
    expect(row.last_error).toMatch(/^email: SMTP 452/);
    expect((await deliveries(notice.id)).map((d) => [d.channel, d.status])).toEqual([
      ['email', 'failed'],
      ['inbox', 'sent'],
    ]);
    expect(smtp.count(messageIdFor(notice.id, 'email'))).toBe(0);
    smtp.refuse('eco@county.example', 0);
  });

  it('puts notices in the in-app inbox, where the member marks them read', async () => {
    const inbox = new InboxService(dataSource);
    const page = await eventually(async () => {
      const p = await inbox.list('demo-ule-head');
      return p.items.some((i) => i.subject === '【逾期】河道垃圾堆放') ? p : undefined;
    });
    const item = page.items.find((i) => i.subject === '【逾期】河道垃圾堆放')!;
    expect(item.readAt).toBeNull();
    expect(page.unread).toBeGreaterThanOrEqual(1);
    // Another member cannot mark it.
    expect(await inbox.markRead('demo-eco-1', item.id)).toBe(false);
    expect(await inbox.markRead('demo-ule-head', item.id)).toBe(true);
    const after = await inbox.list('demo-ule-head');
    expect(after.items.find((i) => i.id === item.id)?.readAt).not.toBeNull();
    expect(after.unread).toBe(page.unread - 1);
    const unreadOnly = await inbox.list('demo-ule-head', { unreadOnly: true });
    expect(unreadOnly.items.some((i) => i.id === item.id)).toBe(false);
  });
});
