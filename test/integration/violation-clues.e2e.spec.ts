import request from 'supertest';
import type { Actor } from '../../domain/organisation/roles';
import { clueWorkflowId } from '../../domain/records/violation-clues';
import { eventually, startHarness, type Harness } from '../support/harness';
import { IssueApi } from '../support/http-lifecycle';
import { bearer } from '../support/tokens';

// Members of the demo organisation: 古州镇's head hands clues over; 州生态环境局榕江分局 (EEB) answers them.
const townshipHead: Actor = {
  id: 'demo-t-guzhou-head',
  name: '演示-T-GUZHOU网格长',
  unitCode: 'T-GUZHOU',
  roles: ['grid_head'],
};
const eebMember: Actor = {
  id: 'demo-eeb-member-1',
  name: '演示-EEB网格员1',
  unitCode: 'EEB',
  roles: ['grid_member'],
};
const eebHead: Actor = {
  id: 'demo-eeb-head',
  name: '演示-EEB分网格长',
  unitCode: 'EEB',
  roles: ['sector_head'],
};
const uleMember: Actor = {
  id: 'demo-ule-member-1',
  name: '演示-ULE网格员1',
  unitCode: 'ULE',
  roles: ['grid_member'],
};
const eco: Actor = { id: 'demo-eco-1', name: '演示-环委办干部', unitCode: 'ECO', roles: ['office_staff'] };

const CLUE = {
  title: '某养殖场夜间偷排粪污',
  description: '群众反映该养殖场夜间通过暗管向河道排放粪污，现场可见排污口及黑色污水。',
  township: 'T-GUZHOU',
  location: { lat: 25.9321, lng: 108.5219 },
  suspect: {
    kind: 'organisation',
    name: '榕江县某某生态养殖场（测试）',
    creditCode: '91350100m000100y43',
    contact: '张某 138****0000',
  },
};

describe('Violation clues API (R2)', () => {
  let h: Harness;
  let issues: IssueApi;
  const http = () => request(h.app.getHttpServer());
  const clues: string[] = [];

  const post = (actor: Actor, path: string, body: Record<string, unknown>) =>
    http().post(path).set('Authorization', bearer(actor)).send(body);
  const get = (actor: Actor, path: string) => http().get(path).set('Authorization', bearer(actor));
  const hand = async (body: Record<string, unknown> = CLUE) => {
    const res = await post(townshipHead, '/api/v1/violation-clues', body);
    if (res.status === 201) clues.push(res.body.id);
    return res;
  };
  const answer = (actor: Actor, id: string, body: Record<string, unknown>) =>
    post(actor, `/api/v1/violation-clues/${id}/answer`, body);

  beforeAll(async () => {
    h = await startHarness('it-violation-clues');
    issues = new IssueApi(h);
  });
  afterAll(async () => {
    for (const id of clues)
      await h?.client.workflow
        .getHandle(clueWorkflowId(id))
        .terminate('test done')
        .catch(() => undefined);
    await h?.stop();
  });

  it('R2: a clue handed to 县生态环境局 runs as its own workflow with its own status, and the bureau hears of it', async () => {
    const bad = await hand({ ...CLUE, suspect: { ...CLUE.suspect, creditCode: '91350100M000100Y44' } });
    // The shape is the body's (400); the check character of GB 32100-2015 a rule of its own (422).
    expect([bad.status, bad.body.code]).toEqual([422, 'credit-code-invalid']);
    expect(bad.body.errors[0]).toMatchObject({ field: 'suspect.creditCode', rule: 'R2' });
    const malformed = await hand({ ...CLUE, suspect: { ...CLUE.suspect, creditCode: '9135010OM000100Y43' } });
    expect([malformed.status, malformed.body.errors?.[0]?.field]).toEqual([400, 'suspect.creditCode']);

    const res = await hand();
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    expect(id).toMatch(/^XS-\d{4}-\d{6}$/);
    expect(res.headers.location).toBe(`/api/v1/violation-clues/${id}`);
    expect(res.body).toMatchObject({
      workflowId: `violation-clue-${id}`,
      state: {
        status: 'received',
        receiver: 'EEB',
        handedByUnit: 'T-GUZHOU',
        // The code is kept as GB 32100-2015 writes it: upper case.
        suspect: { kind: 'organisation', creditCode: '91350100M000100Y43' },
      },
    });
    expect(Date.parse(res.body.state.terms.firstAnswerDue)).toBeGreaterThan(Date.now());

    const described = await h.client.workflow.getHandle(clueWorkflowId(id)).describe();
    expect(described.searchAttributes).toMatchObject({
      DutyKind: ['violation_clue'],
      OwnerUnit: ['EEB'],
      DutyStatus: ['received'],
      Overdue: [false],
    });
    const detail = await eventually(async () => {
      const r = await get(townshipHead, `/api/v1/violation-clues/${id}`);
      return r.status === 200 ? r.body : undefined;
    });
    expect(detail).toMatchObject({ status: 'received', statusLabel: '已移交，待受理', overdue: false });
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual(['handed']);
    const notices = await h.dataSource.query<Array<{ member_id: string }>>(
      `SELECT member_id FROM notification_outbox WHERE ref = $1 AND kind = 'violation_clue' ORDER BY member_id`,
      [`violation-clue/${id}`],
    );
    expect(notices.map((n) => n.member_id)).toEqual(['demo-eeb-deputy', 'demo-eeb-head']);
  });

  it('R2: the bureau acknowledges, then its head opens a case or decides there is none, with reasons; each answer is told to the hander', async () => {
    const opened = (await hand()).body.id as string;
    const refused = (await hand({ ...CLUE, title: '河边疑似倾倒工业废渣' })).body.id as string;

    // Another unit, or the bureau answering out of turn, changes nothing.
    expect((await answer(uleMember, opened, { answer: 'acknowledge', note: '收到' })).status).toBe(403);
    const early = await answer(eebHead, opened, { answer: 'open_case', note: '立案' });
    expect([early.status, early.body.code]).toEqual([409, 'clue-answer-not-allowed']);

    const ack = await answer(eebMember, opened, {
      answer: 'acknowledge',
      note: '已受理，安排执法人员现场核查。',
    });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'investigating', firstAnsweredAt: expect.any(String) });
    // Opening a case is for the bureau's heads.
    const byMember = await answer(eebMember, opened, { answer: 'open_case', note: '立案' });
    expect([byMember.status, byMember.body.errors?.[0]?.rule]).toEqual([403, 'R2']);
    const caseOpened = await answer(eebHead, opened, {
      answer: 'open_case',
      note: '经现场核查，存在通过暗管排放污染物的违法行为，予以立案查处。',
      caseNumber: '榕环罚立〔2027〕12号',
    });
    expect(caseOpened.status).toBe(200);
    expect(caseOpened.body).toMatchObject({ status: 'case_opened', caseNumber: '榕环罚立〔2027〕12号' });
    // A decided clue's workflow has completed: it takes no more answers.
    const after = await answer(eebHead, opened, { answer: 'no_case', note: '不予立案' });
    expect([after.status, after.body.code]).toEqual([409, 'clue-closed']);

    await answer(eebMember, refused, { answer: 'acknowledge', note: '已受理。' }).expect(200);
    const noReason = await answer(eebHead, refused, { answer: 'no_case' });
    expect([noReason.status, noReason.body.errors?.[0]?.field]).toEqual([400, 'note']);
    const noCase = await answer(eebHead, refused, {
      answer: 'no_case',
      note: '经核查为建筑垃圾，已移交县综合行政执法局处理，不属于生态环境违法行为。',
    });
    expect(noCase.body).toMatchObject({
      status: 'no_case',
      decisionReason: expect.stringContaining('建筑垃圾'),
    });

    const detail = await eventually(async () => {
      const r = await get(eco, `/api/v1/violation-clues/${opened}`);
      return r.status === 200 && r.body.status === 'case_opened' ? r.body : undefined;
    });
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual([
      'handed',
      'acknowledged',
      'case_opened',
    ]);
    expect(detail).toMatchObject({
      statusLabel: '已立案查处',
      caseNumber: '榕环罚立〔2027〕12号',
      overdue: false,
    });
    const told = await h.dataSource.query<Array<{ member_id: string; subject: string }>>(
      `SELECT member_id, subject FROM notification_outbox
       WHERE ref = $1 AND kind = 'violation_clue_answered' AND member_id = $2 ORDER BY created_at, id`,
      [`violation-clue/${opened}`, townshipHead.id],
    );
    expect(told.map((n) => n.subject)).toEqual([
      '【违法线索调查核实中】某养殖场夜间偷排粪污',
      '【违法线索已立案查处】某养殖场夜间偷排粪污',
    ]);
  });

  it('R2: a clue links to issues, and the lists keep each unit to its own clues', async () => {
    const code = await issues.report(townshipHead, { title: '河道发黑发臭', category: 'livestock_manure' });
    const unknown = await hand({ ...CLUE, issueCodes: ['2999-999999'] });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'unknown-reference']);
    const id = (await hand({ ...CLUE, title: '养殖场粪污直排（关联问题）' })).body.id as string;
    const linked = await post(eebMember, `/api/v1/violation-clues/${id}/links`, { issueCodes: [code] });
    expect(linked.status).toBe(200);
    expect(linked.body.issueCodes).toEqual([code]);
    expect(
      (await post(uleMember, `/api/v1/violation-clues/${id}/links`, { issueCodes: [code] })).status,
    ).toBe(403);

    const byIssue = await eventually(async () => {
      const r = await get(eco, `/api/v1/violation-clues?issue=${code}`);
      return r.body.items?.length === 1 ? r.body : undefined;
    });
    expect(byIssue.items[0]).toMatchObject({ id, issueCodes: [code], handedByUnitName: expect.any(String) });
    const own = await get(townshipHead, '/api/v1/violation-clues');
    expect(own.body.items.every((c: { handedByUnit: string }) => c.handedByUnit === 'T-GUZHOU')).toBe(true);
    expect((await get(uleMember, `/api/v1/violation-clues/${id}`)).status).toBe(403);
    expect((await get(uleMember, '/api/v1/violation-clues')).body.items).toEqual([]);
    expect((await get(eebMember, `/api/v1/violation-clues/${id}`)).status).toBe(200);
  });
});
