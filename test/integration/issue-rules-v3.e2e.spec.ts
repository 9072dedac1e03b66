import request from 'supertest';
import { monthOf } from '../../domain/duties/periods';
import type { IssueState } from '../../domain/issue/issue.types';
import type { Actor } from '../../domain/organisation/roles';
import { ISSUE_PROCESS } from '../../domain/process/issue-process.definition';
import { IssueRepository } from '../../persistence/repositories/issue.repository';
import { eventually, startHarness, type Harness } from '../support/harness';
import { daysFromNow, IssueApi } from '../support/http-lifecycle';
import { actors, fivePlan, supervisionGroup } from '../support/lifecycle-fixtures';
import { bearer } from '../support/tokens';
import { createNotificationActivities } from '../../activities/notifications/notification.activities';
import { loadNotificationConfig } from '../../config/notification-config';
import { SmtpCapture } from '../support/notification-receivers';

const PREFECTURE_MAILBOX = 'zhou-zhifa@example.org';
/** The head of 县综合行政执法局 in the demo roster: P5 counts the consultations of the roster's grid heads. */
const uleHead: Actor = {
  id: 'demo-ule-head',
  name: '演示-ULE分网格长',
  unitCode: 'ULE',
  roles: ['sector_head'],
};
/** A plain grid member of the same unit in the demo roster, whom the unit designates to sign off (L6). */
const uleMember: Actor = {
  id: 'demo-ule-member-1',
  name: '演示-ULE网格员1',
  unitCode: 'ULE',
  roles: ['grid_member'],
};

/** The rules definition v3 changed (issue #11, part A), each walked through the HTTP API by the parties it names. */
describe('IssueActionsController under definition v3', () => {
  let h: Harness;
  let api: IssueApi;
  const http = () => request(h.app.getHttpServer());
  beforeAll(async () => {
    h = await startHarness('it-issue-rules-v3');
    api = new IssueApi(h);
    await h.dataSource.query(`UPDATE units SET prefecture_email = $1 WHERE code = 'ULE'`, [
      PREFECTURE_MAILBOX,
    ]);
  });
  afterAll(async () => {
    await h?.dataSource.query(`UPDATE units SET prefecture_email = NULL WHERE code = 'ULE'`);
    await h?.dataSource.query(`UPDATE members SET roles = $2 WHERE id = $1`, [uleMember.id, uleMember.roles]);
    await h?.stop();
  });

  const problemCode = (answer: { body: Record<string, unknown> }) => answer.body.code;
  const obligationOf = (state: IssueState, kind: string) => state.obligations.find((o) => o.kind === kind);
  const outbox = (code: string, kind: string) =>
    h.dataSource.query<
      Array<{ audience: string; unit_code: string; status: string; recipient_name: string }>
    >(
      `SELECT audience, unit_code, status, recipient_name FROM notification_outbox
       WHERE issue_code = $1 AND kind = $2 ORDER BY id`,
      [code, kind],
    );
  const consultationsOf = (code: string) =>
    h.dataSource.query<Array<{ id: string; unit_code: string; convened_by: string }>>(
      `SELECT id, unit_code, convened_by FROM consultations WHERE $1 = ANY(issue_codes) ORDER BY id`,
      [code],
    );

  /** Found by 水务局, sent to 农业农村局, which returns it as not its duty: 县环委办 is to decide. */
  async function returnedDispute(): Promise<string> {
    const code = await api.report(actors.wrbMember);
    await api.ok(actors.wrbMember, code, 'transfer', { toUnit: 'AGR', reason: '疑似畜禽养殖污染' });
    const returned = await api.ok(actors.agrMember, code, 'returnTransfer', {
      reason: '系生活垃圾，非本单位职责',
    });
    expect(returned).toMatchObject({ status: 'owner_pending', definitionVersion: ISSUE_PROCESS.version });
    return code;
  }

  it('L3: a returned-transfer dispute settled on another unit: that owner owes the transferring unit its result', async () => {
    const code = await returnedDispute();
    const assigned = await api.ok(actors.eco, code, 'assignOwner', { unit: 'ULE', note: '由执法局整改' });
    expect(obligationOf(assigned, 'transfer_feedback')).toMatchObject({ unit: 'ULE' });
    const fed = await api.ok(actors.uleMember, code, 'reportTransferFeedback', { result: '已清运并立案' });
    expect(fed.transfers[0]).toMatchObject({
      outcome: 'returned',
      settledOwner: 'ULE',
      feedback: { result: '已清运并立案' },
    });
    expect(obligationOf(fed, 'transfer_feedback')).toBeUndefined();
    const notices = await eventually(async () => {
      const rows = await outbox(code, 'transfer_feedback');
      return rows.length > 0 ? rows : undefined;
    });
    expect(notices.every((n) => n.unit_code === 'WRB')).toBe(true);
  });

  it('L3: a returned-transfer dispute settled back on the unit that returned it, with the reason on record', async () => {
    const code = await returnedDispute();
    const bare = await api.act(actors.eco, code, 'assignOwner', { unit: 'AGR' });
    expect([bare.status, problemCode(bare)]).toEqual([422, 'owner-returned-it']);
    const reason = '经现场核查，污染源为上游养殖场粪污直排，属农业农村局职责';
    const back = await api.ok(actors.eco, code, 'assignOwner', { unit: 'AGR', reason });
    expect(back).toMatchObject({ status: 'accepted', owner: 'AGR' });
    expect(obligationOf(back, 'transfer_feedback')).toMatchObject({ unit: 'AGR' });
    await api.ok(actors.agrMember, code, 'reportTransferFeedback', { result: '已责令养殖场整改' });
    const [event] = await eventually(async () => {
      const rows = await h.dataSource.query<Array<{ payload: { reason?: string } }>>(
        `SELECT payload FROM issue_events WHERE issue_code = $1 AND type = 'assignOwner'`,
        [code],
      );
      return rows.length > 0 ? rows : undefined;
    });
    expect(event?.payload.reason).toBe(reason);
  });

  it('L12: a major issue closed through its plan: the prefecture copy is mailed to the counterpart through the outbox, and a consultation from the consultations API counts once for P5', async () => {
    const code = await api.report(actors.wrbMember, { severity: 'major' });
    const copies = await eventually(async () => {
      const rows = await outbox(code, 'major_issue_copy');
      return rows.length > 0 ? rows : undefined;
    });
    expect(copies).toEqual([
      {
        audience: 'prefecture_counterpart',
        unit_code: 'ULE',
        status: 'pending',
        recipient_name: '州综合行政执法局',
      },
    ]);
    expect((await api.state(code)).prefectureCopies).toEqual([{ unit: 'ULE', at: expect.any(String) }]);
    // The dispatcher mails it to the counterpart's mailbox.
    const smtp = await SmtpCapture.start();
    try {
      const dispatcher = createNotificationActivities({
        dataSource: h.dataSource,
        notificationConfig: loadNotificationConfig({
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(smtp.port),
          SMTP_FROM: '榕江县生态环境网格化管理 <noreply@eco-grid.test>',
          NOTIFY_BATCH_SIZE: '100',
        }),
      });
      while ((await dispatcher.deliverDueNotifications()).claimed > 0);
    } finally {
      await smtp.close();
    }
    const mail = smtp.accepted.find((m) => m.to.includes(PREFECTURE_MAILBOX));
    expect(mail?.raw).toMatch(/^Subject: /m);
    expect((await outbox(code, 'major_issue_copy'))[0]?.status).toBe('delivered');
    await api.ok(actors.wrbMember, code, 'transfer');
    await api.ok(actors.uleMember, code, 'acceptTransfer');
    await api.ok(actors.uleMember, code, 'submitPlan', fivePlan(daysFromNow(30)));
    const early = await api.act(actors.uleMember, code, 'applyForClosure');
    expect([early.status, problemCode(early)]).toEqual([409, 'consultation-required']);
    const held = await http()
      .post('/api/v1/consultations')
      .set('Authorization', bearer(uleHead))
      .send({
        heldAt: new Date(Date.now() - 3600_000).toISOString(),
        topic: '重大问题会商',
        attendees: [
          { name: '执法局局长', unit: '县综合行政执法局' },
          { name: '古州镇网格长', unit: '古州镇' },
        ],
        minutes: '研究确定整改方案',
        decisions: [{ text: '执法局十日内完成清运' }],
        issueCodes: [code],
      });
    expect(held.status).toBe(201);
    expect(held.body.issues).toEqual([{ code, awaited: true, recorded: true }]);
    await api.ok(actors.uleMember, code, 'applyForClosure');
    // Without a supervision group 县环委办 may waive the 公示 (L14).
    await api.ok(actors.eco, code, 'acceptRectification', { opinion: '整改到位', publicNotice: false });
    await api.ok(actors.uleHead, code, 'signOff');
    const archived = await api.ok(actors.township, code, 'signOff');
    expect(archived.status).toBe('archived');
    // P5: the one consultation counts once for 执法局, though the issue recorded it too.
    expect(await consultationsOf(code)).toEqual([
      { id: held.body.id, unit_code: 'ULE', convened_by: uleHead.id },
    ]);
  });

  it('L12, L4, L6: raised to major by 县环委办, fixed on the spot, reviewed by another, consulted on the issue (counted for P5), accepted and signed by the heads or the unit’s sign-off officer', async () => {
    const code = await api.prepare('accepted');
    const plainRaise = await api.act(actors.uleHead, code, 'changeSeverity');
    expect(plainRaise.status).toBe(403);
    const raised = await api.ok(actors.eco, code, 'changeSeverity', {
      severity: 'major',
      reason: '涉及集中式饮用水水源保护区',
    });
    expect(raised).toMatchObject({ consultationRequired: true, report: { severity: 'major' } });
    expect(obligationOf(raised, 'consultation')).toMatchObject({ unit: 'ULE' });
    await eventually(async () => ((await outbox(code, 'major_issue_copy')).length > 0 ? true : undefined));
    // P4 双调度: it is among the month's major issues, though reported as general.
    const major = await new IssueRepository(h.dataSource).becameMajorIn(monthOf(new Date()));
    expect(major.map((i) => i.code)).toContain(code);

    await api.ok(actors.uleLeader, code, 'recordImmediateFix', {
      description: '当场清运',
      evidence: ['fix.jpg'],
    });
    const own = await api.act(actors.uleLeader, code, 'confirmFix');
    expect([own.status, problemCode(own)]).toEqual([403, 'own-fix']);
    const confirmed = await api.ok(actors.uleHead, code, 'confirmFix', { opinion: '现场核实已清运' });
    expect(confirmed.status).toBe('awaiting_acceptance');
    const unconsulted = await api.act(actors.eco, code, 'acceptRectification');
    expect([unconsulted.status, problemCode(unconsulted)]).toEqual([409, 'consultation-required']);
    const consultation = {
      date: daysFromNow(0),
      attendees: ['执法局局长', '古州镇网格长'],
      minutes: '研究清运后的长效保洁',
      decisions: ['纳入日常保洁'],
    };
    const notHead = await api.act(actors.uleMember, code, 'recordConsultation', consultation);
    expect([notHead.status, problemCode(notHead)]).toEqual([403, 'not-a-convener']);
    await api.ok(uleHead, code, 'recordConsultation', consultation);
    const counted = await eventually(async () => {
      const rows = await consultationsOf(code);
      return rows.length > 0 ? rows : undefined;
    });
    expect(counted).toEqual([
      { id: expect.stringMatching(/^consultation-issue-/), unit_code: 'ULE', convened_by: uleHead.id },
    ]);
    await api.ok(actors.eco, code, 'acceptRectification', { opinion: '验收合格', publicNotice: false });

    // L6: a plain grid member cannot sign; the unit designates a sign-off officer through the members API.
    const plain = await api.act(uleMember, code, 'signOff');
    expect([plain.status, problemCode(plain)]).toEqual([403, 'not-a-signatory']);
    const member = await http().get(`/api/v1/members/${uleMember.id}`).set('Authorization', bearer(uleHead));
    expect(member.status).toBe(200);
    const designated = await http()
      .patch(`/api/v1/members/${uleMember.id}`)
      .set('Authorization', bearer(uleHead))
      .set('If-Match', member.headers.etag)
      .send({ roles: ['grid_member', 'signoff_officer'] });
    expect(designated.status).toBe(200);
    await api.ok(uleMember, code, 'signOff', { opinion: '同意销号' });
    const archived = await api.ok(actors.township, code, 'signOff', { opinion: '同意销号' });
    expect(archived.status).toBe('archived');
    expect(archived.closure.signOffs.sector).toMatchObject({ unit: 'ULE', by: uleMember.name });
  });

  it('L13, L8, L14: 县环委办 requires a supervision group before closure; one more extension only when it allows it; no waived 公示 with a group', async () => {
    const code = await api.prepare('rectifying');
    await api.ok(actors.eco, code, 'requireSupervisionGroup', { reason: '群众多次反映，媒体关注' });
    await api.ok(actors.uleMember, code, 'requestExtension', {
      reason: '雨季',
      proposedTimeLimit: daysFromNow(40),
    });
    await api.ok(actors.eco, code, 'decideExtension', { approved: true, note: '同意' });
    const again = { reason: '设备未到', proposedTimeLimit: daysFromNow(50) };
    const limited = await api.act(actors.uleMember, code, 'requestExtension', again);
    expect([limited.status, problemCode(limited)]).toEqual([409, 'extension-limit-reached']);
    await api.ok(actors.eco, code, 'allowAnotherExtension', { reason: '汛期持续' });
    await api.ok(actors.uleMember, code, 'requestExtension', again);

    const early = await api.act(actors.uleMember, code, 'applyForClosure');
    expect([early.status, problemCode(early)]).toEqual([409, 'supervision-group-required']);
    const unbound = await api.act(actors.township, code, 'formSupervisionGroup', {
      members: supervisionGroup.map((m) => ({ name: m.name, kind: m.kind })),
    });
    expect([unbound.status, problemCode(unbound)]).toEqual([422, 'leader-account-required']);
    const unknown = await api.act(actors.township, code, 'formSupervisionGroup', {
      members: supervisionGroup.map((m) => ({
        ...m,
        ...(m.kind === 'leader' ? { memberId: 'nobody' } : {}),
      })),
    });
    expect([unknown.status, problemCode(unknown)]).toEqual([422, 'unknown-reference']);
    // 杨书记 has an account of his own: the test roster enrols him once a token names him.
    bearer(actors.villageSecretary);
    const formed = await api.ok(actors.township, code, 'formSupervisionGroup', {
      members: supervisionGroup.map((m) => ({ ...m })),
    });
    expect(formed.supervisionGroup?.members[0]).toMatchObject({ kind: 'leader', memberId: 'gz-sec' });
    await api.ok(actors.uleMember, code, 'applyForClosure');
    const waived = await api.act(actors.eco, code, 'acceptRectification', {
      opinion: '合格',
      publicNotice: false,
    });
    expect([waived.status, problemCode(waived)]).toEqual([422, 'public-notice-required']);
    const noticed = await api.ok(actors.eco, code, 'acceptRectification', { opinion: '合格' });
    expect(noticed.status).toBe('public_notice');
    // Only the group's leader, with his own account, will sign for it.
    const typed = await api.act(actors.township, code, 'supervisionGroupSignOff', {
      leaderName: '杨书记',
      opinion: '同意',
    });
    expect(typed.status).toBe(409);
  });

  it('L11: a joint investigation started mid-rectification through the API keeps the plan’s deadline and ladder, then rectification resumes under its lead', async () => {
    const code = await api.prepare('rectifying');
    const before = obligationOf(await api.state(code), 'rectification');
    const started = await api.ok(actors.chief, code, 'startJointInvestigation', {
      lead: { unit: 'EEB', task: '监测水质，查明污染源', dueDate: daysFromNow(14) },
      coUnits: [{ unit: 'AGR', task: '排查上游养殖场', dueDate: daysFromNow(14) }],
    });
    expect(started.status).toBe('joint_investigation');
    expect(obligationOf(started, 'rectification')).toEqual(before);
    await api.ok(actors.agrMember, code, 'reportJointFinding', { finding: '上游两家养殖场直排' });
    const done = await api.ok(actors.eebMember, code, 'reportJointFinding', { finding: '河段COD超标' });
    expect(done).toMatchObject({ status: 'rectifying', owner: 'EEB' });
    expect(obligationOf(done, 'rectification')).toMatchObject({ unit: 'EEB', due: before?.due });
    expect(done.plan?.timeLimit).toBe(daysFromNow(30));
  });
});
