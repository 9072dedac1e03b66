import { createHash } from 'node:crypto';
import request from 'supertest';
import { createNotificationActivities } from '../../activities/notifications/notification.activities';
import { loadNotificationConfig } from '../../config/notification-config';
import type { Actor } from '../../domain/organisation/roles';
import { startHarness, type Harness } from '../support/harness';
import { SmtpCapture } from '../support/notification-receivers';
import { bearer } from '../support/tokens';

// Units of this run only: the shared database keeps other files' organisation.
const RUN = Date.now().toString(36).toUpperCase();
const A = `WP${RUN}-A`; // a department that submits
const B = `WP${RUN}-B`; // a department that does not
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() + 1;

const head: Actor = {
  id: `wp-${RUN.toLowerCase()}-a-head`,
  name: '方案测试局局长',
  unitCode: A,
  roles: ['sector_head'],
};
const member: Actor = {
  id: `wp-${RUN.toLowerCase()}-a-member`,
  name: '方案测试局网格员',
  unitCode: A,
  roles: ['grid_member'],
};
const bHead: Actor = {
  id: `wp-${RUN.toLowerCase()}-b-head`,
  name: '方案测试乙局局长',
  unitCode: B,
  roles: ['sector_head'],
};
const townshipHead: Actor = {
  id: 'demo-t-guzhou-head',
  name: '演示-T-GUZHOU网格长',
  unitCode: 'T-GUZHOU',
  roles: ['grid_head'],
};
const eco: Actor = { id: 'demo-eco-1', name: '演示-环委办干部', unitCode: 'ECO', roles: ['office_staff'] };

/** A small PDF, unique to this run, as a department would upload its plan. */
const PDF = Buffer.from(`%PDF-1.7\n% 网格监管工作方案 ${RUN}\n%%EOF\n`);

describe('Work plans API (R3)', () => {
  let h: Harness;
  const http = () => request(h.app.getHttpServer());
  let fileId: string;

  beforeAll(async () => {
    h = await startHarness('it-work-plans');
    await h.dataSource.query(
      `INSERT INTO units (code, name, kind, parent_code, prefecture_counterpart, prefecture_email)
       VALUES ($1, '方案测试局', 'department', 'COUNTY', '测试州对口局', 'plan@prefecture.example'),
              ($2, '方案测试乙局', 'department', 'COUNTY', NULL, NULL)`,
      [A, B],
    );
    const upload = await http()
      .post('/api/v1/evidence')
      .set('Authorization', bearer(head))
      .attach('file', PDF, { filename: 'plan.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(201);
    fileId = upload.body.id as string;
    expect(fileId).toBe(createHash('sha256').update(PDF).digest('hex'));
  });
  afterAll(async () => {
    const refs = [`work-plan/${A}-${YEAR}`];
    await h?.dataSource.query(
      `DELETE FROM inbox_items WHERE notification_id IN (SELECT id FROM notification_outbox WHERE ref = ANY($1))`,
      [refs],
    );
    await h?.dataSource.query(
      `DELETE FROM notification_delivery_attempts WHERE delivery_id IN (SELECT d.id FROM notification_deliveries d
         JOIN notification_outbox o ON o.id = d.notification_id WHERE o.ref = ANY($1))`,
      [refs],
    );
    await h?.dataSource.query(
      `DELETE FROM notification_deliveries WHERE notification_id IN (SELECT id FROM notification_outbox WHERE ref = ANY($1))`,
      [refs],
    );
    await h?.dataSource.query(`DELETE FROM notification_outbox WHERE ref = ANY($1)`, [refs]);
    await h?.dataSource.query(`DELETE FROM work_plans WHERE unit_code = ANY($1)`, [[A, B]]);
    await h?.dataSource.query(`DELETE FROM service_accounts WHERE unit_code = ANY($1)`, [[A, B]]);
    await h?.dataSource.query(`DELETE FROM units WHERE code = ANY($1)`, [[A, B]]);
    await h?.stop();
  });

  const submit = (actor: Actor, body: Record<string, unknown>) =>
    http().post('/api/v1/work-plans').set('Authorization', bearer(actor)).send(body);
  const plan = () => ({ year: YEAR, title: `方案测试局${YEAR}年度生态环境保护网格监管工作方案`, fileId });

  it('R3: a department’s head submits the year’s plan once; it goes to every member of 县环委办 and to the prefecture counterpart', async () => {
    expect((await submit(member, plan())).status).toBe(403);
    expect((await submit(townshipHead, plan())).status).toBe(403);
    const unknownFile = await submit(head, { ...plan(), fileId: '0'.repeat(64) });
    expect([unknownFile.status, unknownFile.body.errors?.[0]?.field]).toEqual([422, 'fileId']);
    const farYear = await submit(head, { ...plan(), year: YEAR + 5 });
    expect([farYear.status, farYear.body.errors?.[0]?.field]).toEqual([422, 'year']);

    const res = await submit(head, { ...plan(), note: '请审阅。' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/work-plans/${A}-${YEAR}`);
    const offices = await h.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM members WHERE unit_code = 'ECO' AND active`,
    );
    expect(res.body).toMatchObject({
      id: `${A}-${YEAR}`,
      unitCode: A,
      year: YEAR,
      file: { id: fileId, mediaType: 'application/pdf', name: 'plan.pdf' },
      submittedBy: { id: head.id },
      deliveries: {
        office: { recipients: offices[0].n },
        prefecture: { counterpart: '测试州对口局', status: 'pending' },
      },
    });
    expect(offices[0].n).toBeGreaterThanOrEqual(2);
    const again = await submit(head, plan());
    expect([again.status, again.body.code]).toEqual([409, 'work-plan-exists']);
    // A department without a prefecture mailbox keeps its plan's mail for 县环委办 to see as unresolved.
    const b = await submit(bHead, { ...plan(), title: '方案测试乙局年度方案' });
    expect(b.body.deliveries.prefecture).toMatchObject({ status: 'unresolved' });
    await h.dataSource.query(`DELETE FROM work_plans WHERE unit_code = $1`, [B]);
    await h.dataSource.query(`DELETE FROM notification_outbox WHERE ref = $1`, [`work-plan/${B}-${YEAR}`]);
  });

  it('R3: the plan’s mails carry its file, to the prefecture counterpart and to 县环委办', async () => {
    const smtp = await SmtpCapture.start();
    try {
      const dispatcher = createNotificationActivities({
        dataSource: h.dataSource,
        notificationConfig: loadNotificationConfig({
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(smtp.port),
          SMTP_FROM: '榕江县生态环境网格化管理 <noreply@eco-grid.test>',
          NOTIFY_BATCH_SIZE: '100',
          NOTIFY_BACKOFF_SECONDS: '600',
        }),
      });
      while ((await dispatcher.deliverDueNotifications()).claimed > 0);
    } finally {
      await smtp.close();
    }
    const attached = (to: string) => {
      const mail = smtp.accepted.find((m) => m.to.includes(to) && m.raw.includes('application/pdf'));
      const part =
        mail && /Content-Type: application\/pdf[^]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(mail.raw);
      return part ? Buffer.from(part[1].replace(/\s+/g, ''), 'base64') : undefined;
    };
    expect(attached('plan@prefecture.example')).toEqual(PDF);
    expect(attached('eco@county.example')).toEqual(PDF);
    expect(attached('eco-head@county.example')).toEqual(PDF);

    const detail = await http().get(`/api/v1/work-plans/${A}-${YEAR}`).set('Authorization', bearer(eco));
    expect(detail.body.deliveries.prefecture).toMatchObject({ status: 'delivered', attempts: 1 });
    const inbox = await h.dataSource.query<Array<{ subject: string }>>(
      `SELECT subject FROM inbox_items WHERE member_id = 'demo-eco-1' AND notification_id LIKE $1`,
      [`work-plan/${A}-${YEAR}/%`],
    );
    expect(inbox).toEqual([{ subject: `【报送】方案测试局${YEAR}年度生态环境保护网格监管工作方案` }]);
  });

  it('R3: 县环委办 sees who has submitted the year’s plan and who has not; units read only their own', async () => {
    const status = await http()
      .get(`/api/v1/work-plans/status?year=${YEAR}`)
      .set('Authorization', bearer(eco));
    expect(status.status).toBe(200);
    expect(status.body.units).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ unitCode: A, submitted: true, planId: `${A}-${YEAR}` }),
        expect.objectContaining({ unitCode: B, submitted: false, planId: null }),
      ]),
    );
    expect(status.body.missing).toContain(B);
    expect(status.body.missing).not.toContain(A);
    expect(status.body.due).toBe(`${YEAR}-03-31 23:59`);
    expect(
      (await http().get(`/api/v1/work-plans/status?year=${YEAR}`).set('Authorization', bearer(head))).status,
    ).toBe(403);
    expect(
      (await http().get(`/api/v1/work-plans/${A}-${YEAR}`).set('Authorization', bearer(bHead))).status,
    ).toBe(403);
    const own = await http().get(`/api/v1/work-plans?year=${YEAR}`).set('Authorization', bearer(head));
    expect(own.body.map((p: { id: string }) => p.id)).toEqual([`${A}-${YEAR}`]);
  });
});
