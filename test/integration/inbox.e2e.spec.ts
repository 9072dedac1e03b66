import request from 'supertest';
import type { Actor } from '../../domain/organisation/roles';
import { startHarness, type Harness } from '../support/harness';
import { enqueueNotices } from '../support/notices';
import { bearer } from '../support/tokens';

const me: Actor = { id: 'it-inbox-member', name: '收件测试员', unitCode: 'INBT', roles: ['grid_member'] };
const other: Actor = { id: 'it-inbox-other', name: '旁人', unitCode: 'INBT', roles: ['grid_member'] };
const stranger: Actor = {
  id: 'it-inbox-not-a-member',
  name: '无名',
  unitCode: 'INBT',
  roles: ['grid_member'],
};

describe('Inbox API', () => {
  let h: Harness;
  const http = () => request(h.app.getHttpServer());

  beforeAll(async () => {
    h = await startHarness('it-inbox');
    // A unit of this file only, so its members never become recipients of another file's notices.
    await h.dataSource.query(
      `INSERT INTO units (code, name, kind, parent_code) VALUES ('INBT', '站内信测试局', 'department', 'COUNTY')`,
    );
    await h.dataSource.query(
      `INSERT INTO members (id, unit_code, name, roles, email) VALUES
         ('it-inbox-member', 'INBT', '收件测试员', '{grid_member}', 'inbox@county.example'),
         ('it-inbox-other', 'INBT', '旁人', '{grid_member}', NULL)`,
    );
    // Notices to a unit without members stay unresolved, so no other test's recipients get them.
    const notices = await enqueueNotices(
      h.dataSource,
      '2026-870001',
      [1, 2, 3].map((n) => ({
        kind: 'ladder_reminder',
        audiences: [{ role: 'direct_leader', unit: 'NO-SUCH-UNIT' }],
        subject: `提醒${n}`,
        body: `第${n}条提醒`,
      })),
    );
    for (const [i, notice] of notices.entries()) {
      await h.dataSource.query(
        `INSERT INTO inbox_items (member_id, notification_id, subject, body, created_at)
         VALUES ($1, $2, $3, $4, now() - ($5 || ' minutes')::interval)`,
        [me.id, notice.id, `提醒${i + 1}`, `第${i + 1}条提醒`, String(10 - i)],
      );
    }
  });
  afterAll(async () => {
    // Leave the shared database as found: other files check the whole organisation's G6 report.
    for (const sql of [
      `DELETE FROM inbox_items WHERE member_id IN (SELECT id FROM members WHERE unit_code = 'INBT')`,
      `DELETE FROM members WHERE unit_code = 'INBT'`,
      `DELETE FROM units WHERE code = 'INBT'`,
    ])
      await h?.dataSource.query(sql);
    await h?.stop();
  });

  it('lists the member’s own items, newest first, paginated; read marks are the member’s own', async () => {
    const all = await http().get('/api/v1/inbox').set('Authorization', bearer(me));
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ page: 1, pageSize: 50, total: 3, unread: 3 });
    expect(all.body.items.map((i: { subject: string }) => i.subject)).toEqual(['提醒3', '提醒2', '提醒1']);
    const second = await http().get('/api/v1/inbox?page=2&pageSize=2').set('Authorization', bearer(me));
    expect([second.body.items.length, second.body.total]).toEqual([1, 3]);
    const theirs = await http().get('/api/v1/inbox').set('Authorization', bearer(other));
    expect(theirs.body).toMatchObject({ total: 0, items: [] });

    const id = String(all.body.items[0].id);
    const notMine = await http().post(`/api/v1/inbox/${id}/read`).set('Authorization', bearer(other));
    expect(notMine.status).toBe(404);
    const read = await http().post(`/api/v1/inbox/${id}/read`).set('Authorization', bearer(me));
    expect([read.status, read.body]).toEqual([200, { id, read: true }]);
    const again = await http().post(`/api/v1/inbox/${id}/read`).set('Authorization', bearer(me));
    expect(again.status).toBe(200);
    const unread = await http().get('/api/v1/inbox?unread=true').set('Authorization', bearer(me));
    expect([unread.body.total, unread.body.unread]).toEqual([2, 2]);
    expect(unread.body.items.map((i: { id: string }) => i.id)).not.toContain(id);

    const all2 = await http().post('/api/v1/inbox/read-all').set('Authorization', bearer(me));
    expect([all2.status, all2.body]).toEqual([200, { marked: 2 }]);
    const none = await http().get('/api/v1/inbox?unread=true').set('Authorization', bearer(me));
    expect([none.body.total, none.body.unread]).toEqual([0, 0]);
    const everything = await http().get('/api/v1/inbox').set('Authorization', bearer(me));
    expect(everything.body.items.every((i: { readAt: string | null }) => i.readAt !== null)).toBe(true);

    for (const path of ['/api/v1/inbox/abc/read', '/api/v1/inbox/99999999999999999999999/read']) {
      expect((await http().post(path).set('Authorization', bearer(me))).status).toBe(404);
    }
    expect((await http().get('/api/v1/inbox?pageSize=1000').set('Authorization', bearer(me))).status).toBe(
      400,
    );
    expect((await http().get('/api/v1/inbox?unread=maybe').set('Authorization', bearer(me))).status).toBe(
      400,
    );
    expect((await http().get('/api/v1/inbox')).status).toBe(401);
    expect((await http().post('/api/v1/inbox/read-all')).status).toBe(401);
  });

  it('notification preferences: defaults, then PUT channels, quiet hours and a webhook; bad input is 4xx', async () => {
    const defaults = await http().get('/api/v1/notification-preferences/me').set('Authorization', bearer(me));
    expect(defaults.body).toMatchObject({
      memberId: me.id,
      stored: false,
      effectiveChannels: ['email', 'inbox'],
      quietStart: null,
    });

    const saved = await http()
      .put('/api/v1/notification-preferences/me')
      .set('Authorization', bearer(me))
      .send({ channels: ['inbox'], quietStart: '22:00', quietEnd: '07:30' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      stored: true,
      channels: ['inbox'],
      quietStart: '22:00',
      quietEnd: '07:30',
    });

    const webhook = await http()
      .put('/api/v1/notification-preferences/me')
      .set('Authorization', bearer(me))
      .send({
        channels: ['inbox', 'webhook'],
        webhookUrl: 'https://bot.example.cn/hook',
        webhookSecret: 's'.repeat(24),
      });
    expect(webhook.status).toBe(200);
    expect(webhook.body).toMatchObject({ webhookUrl: 'https://bot.example.cn/hook', webhookSecretSet: true });
    expect(JSON.stringify(webhook.body)).not.toContain('s'.repeat(24));
    // The secret is kept when not sent again.
    const kept = await http()
      .put('/api/v1/notification-preferences/me')
      .set('Authorization', bearer(me))
      .send({ channels: ['webhook'], webhookUrl: 'https://bot.example.cn/hook2' });
    expect([kept.status, kept.body.webhookSecretSet]).toEqual([200, true]);

    const cases: Array<[unknown, number, string]> = [
      [{ channels: ['inbox'], quietStart: '22:00' }, 422, 'quietEnd'],
      [{ channels: ['inbox'], quietStart: '25:00', quietEnd: '07:00' }, 400, 'quietStart'],
      [{ channels: ['pigeon'] }, 400, 'channels'],
      [{ channels: 'inbox' }, 400, 'channels'],
      [{ quietStart: '22:00', quietEnd: '07:00' }, 400, 'channels'],
      [{ channels: ['webhook'], webhookUrl: 'javascript:alert(1)' }, 400, 'webhookUrl'],
      [{ channels: ['inbox'], webhookSecret: 'short' }, 400, 'webhookSecret'],
      [{ channels: ['inbox'], memberId: 'someone-else' }, 400, 'memberId'],
    ];
    for (const [body, status, field] of cases) {
      const res = await http()
        .put('/api/v1/notification-preferences/me')
        .set('Authorization', bearer(other))
        .send(body as object);
      expect([field, res.status, res.body.errors?.[0]?.field]).toEqual([field, status, field]);
    }
    const needsSecret = await http()
      .put('/api/v1/notification-preferences/me')
      .set('Authorization', bearer(other))
      .send({ channels: ['webhook'], webhookUrl: 'https://bot.example.cn/x' });
    expect([needsSecret.status, needsSecret.body.errors[0].field]).toEqual([422, 'webhookSecret']);
    const [row] = await h.dataSource.query<unknown[]>(
      `SELECT 1 FROM notification_preferences WHERE member_id = 'it-inbox-other'`,
    );
    expect(row).toBeUndefined();

    const unknown = await http()
      .get('/api/v1/notification-preferences/me')
      .set('Authorization', bearer(stranger));
    expect(unknown.status).toBe(404);
    expect((await http().put('/api/v1/notification-preferences/me').send({ channels: [] })).status).toBe(401);
  });
});
