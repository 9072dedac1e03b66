import { generateSealKey } from '../../documents/seal/seal-keys';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker } from '@temporalio/worker';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { messageIdFor } from '../../activities/notifications/email.channel';
import { createApp } from '../../api/app.factory';
import { loadConfiguration } from '../../config/configuration';
import { loadNotificationConfig } from '../../config/notification-config';
import type { IssueState } from '../../domain/issue/issue.types';
import { DEFAULT_CALENDAR } from '../../domain/calendar';
import { timerSpreadMs } from '../../domain/issue/lifecycle';
import { openDataSource } from '../../persistence/data-source';
import { ensureNotificationDispatcher } from '../../worker/notification-dispatcher';
import { createWorker } from '../../worker/worker';
import { wakeDispatcherSignal } from '../../workflows/notifications/notification.messages';
import { eventually, type Harness } from '../support/harness';
import { recordHistoryIfAsked } from '../support/histories';
import { ISSUE_RUN_VERSION } from '../../workflows/issue/issue.workflow';
import { IssueApi } from '../support/http-lifecycle';
import { SmtpCapture, WebhookReceiver } from '../support/notification-receivers';
import { enrolBeforeEachRequest } from '../support/roster';
import { actors, fivePlan } from '../support/lifecycle-fixtures';
import { testServers } from '../support/servers';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { TEST_JWT_SECRET, bearer } from '../support/tokens';

const TASK_QUEUE = 'it-escalation-http';
const DELIVERY_QUEUE = 'it-escalation-delivery';
const DISPATCHER_ID = 'notification-dispatcher-escalation-it';
const HOOK_NAME = 'it-escalation-ule-bot';
const HOOK_SECRET = 'escalation-bot-secret-0123456789';

/**
 * L10 through the HTTP API only, on simulated time: the real API and a real worker (real activities, test
 * PostgreSQL) both run against the Java time-skipping test server, whose clock the test moves with `env.sleep`.
 * The notices then travel as they do in production: a second worker with the notification dispatcher (on the
 * real Temporal dev server, in real time, since a polling loop does not belong on a skipped clock) reads the same
 * outbox and delivers by e-mail to a real SMTP server on loopback and by a signed webhook.
 */
describe('L10 escalation over HTTP', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let nativeConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let app: NestExpressApplication;
  let api: IssueApi;
  let smtp: SmtpCapture;
  let hook: WebhookReceiver;
  let deliveryConnection: NativeConnection;
  let deliveryWorker: Worker;
  let deliveryRunning: Promise<void>;
  let deliveryClient: Client;
  let notificationConfig: ReturnType<typeof loadNotificationConfig>;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    const config = loadConfiguration(
      {
        DATABASE_URL: testServers().databaseUrl,
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_NAMESPACE: env.namespace ?? 'default',
        TEMPORAL_TASK_QUEUE: TASK_QUEUE,
        LOG_LEVEL: 'warn',
        JWT_SECRET: TEST_JWT_SECRET,
        RATE_LIMIT_PER_MINUTE: '100000',
      },
      { requireAuth: true },
    );
    dataSource = await openDataSource(config.DATABASE_URL, { poolSize: 4 });
    nativeConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    // Each worker seals with a key of its own, as after a rotation.
    const sealKey = generateSealKey();
    worker = await createWorker({
      connection: nativeConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: TASK_QUEUE,
      dataSource,
      sealKey,
    });
    running = worker.run();
    app = await createApp(config);
    enrolBeforeEachRequest(app, dataSource);
    await app.init();
    const harness: Harness = {
      config,
      app,
      client: env.client,
      dataSource,
      worker,
      sealKey,
      replaceWorker: () => Promise.reject(new Error('this test runs its workers itself')),
      stop: () => Promise.resolve(),
    };
    api = new IssueApi(harness);

    smtp = await SmtpCapture.start();
    hook = await WebhookReceiver.start(HOOK_SECRET);
    await dataSource.query(
      `INSERT INTO webhook_endpoints (name, url, secret, units, roles) VALUES ($1, $2, $3, '{ULE}', '{sector_head}')
       ON CONFLICT (name) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, active = true`,
      [HOOK_NAME, hook.url, HOOK_SECRET],
    );
    notificationConfig = loadNotificationConfig({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_FROM: '榕江县生态环境网格化管理 <noreply@eco-grid.test>',
      NOTIFY_POLL_SECONDS: '1',
      NOTIFY_SEND_TIMEOUT_SECONDS: '5',
      NOTIFY_DISPATCHER_ID: DISPATCHER_ID,
    });
    const servers = testServers();
    deliveryConnection = await NativeConnection.connect({ address: servers.temporalAddress });
    deliveryWorker = await createWorker({
      connection: deliveryConnection,
      namespace: servers.namespace,
      taskQueue: DELIVERY_QUEUE,
      dataSource,
      // Each worker seals with a key of its own, as after a rotation.
      sealKey: generateSealKey(),
      notificationConfig,
    });
    deliveryRunning = deliveryWorker.run();
    deliveryClient = new Client({ connection: deliveryConnection, namespace: servers.namespace });
  });
  afterAll(async () => {
    await deliveryClient?.workflow
      .getHandle(DISPATCHER_ID)
      .terminate('test over')
      .catch(() => undefined);
    await dataSource?.query(`UPDATE webhook_endpoints SET active = false WHERE name = $1`, [HOOK_NAME]);
    deliveryWorker?.shutdown();
    await deliveryRunning;
    await deliveryConnection?.close();
    await smtp?.close();
    await hook?.close();
    await app?.close();
    worker?.shutdown();
    await running;
    await nativeConnection?.close();
    await dataSource?.destroy();
    await env?.teardown();
  });

  /** Moves the test server's clock to an instant (so the Asia/Shanghai working days are known by hand). */
  async function travelTo(instant: string): Promise<void> {
    const wait = Date.parse(instant) - (await env.currentTimeMs());
    if (wait < 0) throw new Error(`${instant} is in the past of the test server`);
    await env.sleep(wait);
  }

  /** The live state as the API answers it to 县环委办. */
  async function detail(code: string): Promise<IssueState> {
    const response = await request(app.getHttpServer())
      .get(`/api/v1/issues/${code}`)
      .set('authorization', bearer(actors.eco));
    if (response.status !== 200)
      throw new Error(`GET ${code}: ${response.status} ${JSON.stringify(response.body)}`);
    return (response.body as { state: IssueState }).state;
  }

  const detailWhen = (code: string, ok: (state: IssueState) => boolean) =>
    eventually(async () => {
      const state = await detail(code);
      return ok(state) ? state : undefined;
    });

  const outbox = (code: string, kind: string) =>
    dataSource.query<Array<{ audience: string; unit_code: string | null }>>(
      `SELECT audience, unit_code FROM notification_outbox WHERE issue_code = $1 AND kind = $2 ORDER BY id`,
      [code, kind],
    );

  it('L10: a 五定 plan that goes overdue escalates over HTTP, and the notice reaches the grid head by e-mail and signed webhook', async () => {
    await travelTo('2027-03-01T01:00:00Z'); // Monday 09:00 in Shanghai; no holiday in early March 2027
    const code = await api.report(actors.wrbMember);
    await api.ok(actors.wrbMember, code, 'transfer');
    await api.ok(actors.uleMember, code, 'acceptTransfer');
    const planned = await api.ok(actors.uleMember, code, 'submitPlan', fivePlan('2027-03-05')); // Friday
    expect(planned.status).toBe('rectifying');
    expect(planned.obligations.find((o) => o.kind === 'rectification')?.due).toBe('2027-03-05T15:59:59.999Z');
    // The finder's transfer feedback is answered, so the only open deadline is the plan's.
    await api.ok(actors.uleMember, code, 'reportTransferFeedback', { result: '已按五定方案整改' });

    // Just before the end of Friday: not overdue yet.
    await travelTo('2027-03-05T15:00:00Z');
    expect(await detail(code)).toMatchObject({ overdue: false, countySupervision: false });

    // L10: the issue's steps come at its own second of the hour after their time, so a night's escalations are
    // spread; half a minute before that second (or at the step's time) nothing has happened yet, and just after it
    // the step is taken.
    const spread = timerSpreadMs(code, DEFAULT_CALENDAR);
    const plus = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();
    await travelTo(plus('2027-03-05T16:00:00Z', Math.max(spread - 30_000, 0)));
    expect(await detail(code)).toMatchObject({ overdue: false, escalationLevel: 0 });
    // Past the deadline and the issue's second: overdue, level 1.
    await travelTo(plus('2027-03-05T16:00:05Z', spread));
    const overdue = await detailWhen(code, (s) => s.escalationLevel === 1);
    expect(overdue).toMatchObject({ status: 'rectifying', overdue: true, countySupervision: false });

    // 3 working days after Friday 03-05 are 03-08, 03-09, 03-10: still level 1 at the end of Wednesday and until the
    // issue's second of the hour after…
    await travelTo(plus('2027-03-10T16:00:00Z', Math.max(spread - 30_000, 0)));
    expect((await detail(code)).escalationLevel).toBe(1);
    // …county supervision (level 2) after it.
    await travelTo(plus('2027-03-10T16:00:05Z', spread));
    const supervised = await detailWhen(code, (s) => s.escalationLevel === 2);
    expect(supervised).toMatchObject({
      status: 'rectifying',
      overdue: true,
      escalationLevel: 2,
      countySupervision: true,
    });
    // `npm run record-histories` keeps it as the replay fixture of a run whose timers are spread (runVersion 2 on).
    await recordHistoryIfAsked(
      `run-v${ISSUE_RUN_VERSION}-L10-plan-overdue-spread`,
      env.client.workflow.getHandle(`issue-${code}`),
    );

    // The outbox holds both notices, for the audiences L10 names.
    const overdueNotices = await eventually(async () => {
      const rows = await outbox(code, 'ladder_overdue');
      return rows.length > 0 ? rows : undefined;
    });
    expect(new Set(overdueNotices.map((r) => r.audience))).toEqual(new Set(['direct_leader', 'unit_head']));
    expect(overdueNotices.every((r) => r.unit_code === 'ULE')).toBe(true);
    const supervisionNotices = await eventually(async () => {
      const rows = await outbox(code, 'ladder_county_supervision');
      return rows.length > 0 ? rows : undefined;
    });
    expect(new Set(supervisionNotices.map((r) => r.audience))).toEqual(
      new Set(['deputy_chief', 'eco_office']),
    );
    expect(supervisionNotices.find((r) => r.audience === 'eco_office')?.unit_code).toBe('ECO');
    expect(await outbox(code, 'ladder_chief')).toEqual([]);

    // Delivery: the overdue notice reaches the ULE head's mailbox on a real SMTP server, and the unit's chat bot
    // by a webhook whose HMAC signature checks out.
    const [toHead] = await dataSource.query<Array<{ id: string; subject: string; body: string }>>(
      `SELECT id, subject, body FROM notification_outbox
       WHERE issue_code = $1 AND kind = 'ladder_overdue' AND member_id = 'demo-ule-head'`,
      [code],
    );
    expect(toHead?.subject).toMatch(/逾期/);
    await ensureNotificationDispatcher(deliveryConnection, {
      namespace: testServers().namespace,
      taskQueue: DELIVERY_QUEUE,
      config: notificationConfig,
    });
    await deliveryClient.workflow.getHandle(DISPATCHER_ID).signal(wakeDispatcherSignal);
    // Notices other files left in the shared outbox go first (oldest first): allow for that backlog.
    const mail = await eventually(
      () => Promise.resolve(smtp.accepted.find((m) => m.messageId === messageIdFor(toHead.id, 'email'))),
      90_000,
    );
    expect(mail.to).toEqual(['ule-head@county.example']);
    expect(headerText(mail.raw, 'Subject')).toBe(toHead.subject);
    const webhook = await eventually(
      () => Promise.resolve(hook.received.find((w) => w.payload.notificationId === toHead.id)),
      90_000,
    );
    expect(webhook.signatureOk).toBe(true);
    expect(webhook.payload).toMatchObject({
      issueCode: code,
      kind: 'ladder_overdue',
      subject: toHead.subject,
    });
    expect(smtp.count(messageIdFor(toHead.id, 'email'))).toBe(1);

    // End the workflow by cancellation (through the worker), so the test server's clock stays free.
    const handle = env.client.workflow.getHandle(`issue-${code}`);
    await handle.cancel();
    await eventually(async () => ((await handle.describe()).status.name !== 'RUNNING' ? true : undefined));
  });
});

/** A header of a raw message, with RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) decoded. */
function headerText(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (!line) throw new Error(`no ${name} header`);
  return line
    .slice(name.length + 1)
    .trim()
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}
