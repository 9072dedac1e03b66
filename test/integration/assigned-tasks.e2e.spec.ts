import request from 'supertest';
import type { Actor } from '../../domain/organisation/roles';
import { taskWorkflowId } from '../../domain/tasks/assigned-task';
import { eventually, startHarness, type Harness } from '../support/harness';
import { recordHistoryIfAsked } from '../support/histories';
import { daysFromNow } from '../support/http-lifecycle';
import { bearer } from '../support/tokens';

// Members of the demo organisation: the county heads assign, 县环委办 and 县综合行政执法局 carry out.
const chief: Actor = { id: 'demo-chief', name: '演示-县长', unitCode: 'COUNTY', roles: ['chief'] };
const deputyChief: Actor = {
  id: 'demo-deputy-chief',
  name: '演示-副县长',
  unitCode: 'COUNTY',
  roles: ['deputy_chief'],
};
const eco: Actor = { id: 'demo-eco-1', name: '演示-环委办干部', unitCode: 'ECO', roles: ['office_staff'] };
const uleMember: Actor = {
  id: 'demo-ule-member-1',
  name: '演示-ULE网格员1',
  unitCode: 'ULE',
  roles: ['grid_member'],
};

const TASK = {
  title: '组织开展全县饮用水水源地环境问题专项排查',
  description:
    '请县环委办牵头，会同相关部门完成全县集中式饮用水水源地环境问题排查，形成问题清单报县级网格长。',
};

describe('Assigned tasks API (R4)', () => {
  let h: Harness;
  const http = () => request(h.app.getHttpServer());
  const codes: string[] = [];

  const post = (actor: Actor, path: string, body: Record<string, unknown>) =>
    http().post(path).set('Authorization', bearer(actor)).send(body);
  const get = (actor: Actor, path: string) => http().get(path).set('Authorization', bearer(actor));
  const assign = async (actor: Actor, body: Record<string, unknown>) => {
    const res = await post(actor, '/api/v1/assigned-tasks', body);
    if (res.status === 201) codes.push(res.body.code);
    return res;
  };

  beforeAll(async () => {
    h = await startHarness('it-assigned-tasks');
  });
  afterAll(async () => {
    for (const code of codes)
      await h?.client.workflow
        .getHandle(taskWorkflowId(code))
        .terminate('test done')
        .catch(() => undefined);
    await h?.stop();
  });

  it('R4: a county grid head assigns a task to 县环委办; it runs as workflow assigned-task-<code>, found in the Temporal UI by its search attributes', async () => {
    const notHead = await assign(eco, { ...TASK, deadline: daysFromNow(10) });
    expect([notHead.status, notHead.body.errors?.[0]?.rule]).toEqual([403, 'R4']);
    const past = await assign(chief, { ...TASK, deadline: daysFromNow(-1) });
    expect([past.status, past.body.code, past.body.errors?.[0]?.field]).toEqual([
      422,
      'date-in-past',
      'deadline',
    ]);
    const unknownUnit = await assign(chief, { ...TASK, assignee: 'NO-SUCH-UNIT', deadline: daysFromNow(10) });
    expect([unknownUnit.status, unknownUnit.body.code]).toEqual([422, 'unknown-reference']);

    const res = await assign(chief, { ...TASK, deadline: daysFromNow(10) });
    expect(res.status).toBe(201);
    const code = res.body.code as string;
    expect(code).toMatch(/^JB-\d{4}-\d{6}$/);
    expect(res.headers.location).toBe(`/api/v1/assigned-tasks/${code}`);
    expect(res.body).toMatchObject({
      workflowId: `assigned-task-${code}`,
      temporalUiUrl: expect.stringContaining(encodeURIComponent(`assigned-task-${code}`)),
      state: { status: 'assigned', assignee: 'ECO', assigner: { id: chief.id }, deadline: daysFromNow(10) },
    });
    const described = await h.client.workflow.getHandle(taskWorkflowId(code)).describe();
    expect(described.searchAttributes).toMatchObject({
      DutyKind: ['assigned_task'],
      OwnerUnit: ['ECO'],
      DutyStatus: ['assigned'],
      Overdue: [false],
      EscalationLevel: [0],
    });
    expect(described.memo).toMatchObject({ summary: expect.stringContaining(TASK.title) });
    // What an operator types into the Temporal UI's filter finds it.
    await eventually(async () => {
      for await (const w of h.client.workflow.list({
        query: `DutyKind = 'assigned_task' AND OwnerUnit = 'ECO' AND DutyStatus = 'assigned'`,
      }))
        if (w.workflowId === taskWorkflowId(code)) return true;
      return undefined;
    });
    // 县环委办's members hear of it, each once.
    const notices = await eventually(async () => {
      const rows = await h.dataSource.query<Array<{ member_id: string }>>(
        `SELECT member_id FROM notification_outbox WHERE ref = $1 AND kind = 'task_assigned'`,
        [`assigned-task/${code}`],
      );
      return rows.length > 0 ? rows.map((r) => r.member_id) : undefined;
    });
    expect(notices).toEqual(expect.arrayContaining(['demo-eco-1', 'demo-eco-head']));
    expect(new Set(notices).size).toBe(notices.length);
  });

  it('R4: the assignee reports, the assigner sends it back with a new deadline, then accepts; nobody else may', async () => {
    const code = (
      await assign(chief, { ...TASK, title: '督促整改古州镇河道垃圾问题', deadline: daysFromNow(7) })
    ).body.code as string;
    const path = (tail: string) => `/api/v1/assigned-tasks/${code}/${tail}`;
    const foreign = await post(uleMember, path('report'), { text: '已完成。' });
    expect([foreign.status, foreign.body.errors?.[0]?.rule]).toEqual([403, 'R4']);
    const early = await post(chief, path('accept'), { opinion: '同意。' });
    expect([early.status, early.body.code]).toEqual([409, 'task-not-reported']);

    const reported = await post(eco, path('report'), { text: '已督促古州镇清运河道垃圾，现场已清理完毕。' });
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ status: 'reported', reports: [{ seq: 1, by: { id: eco.id } }] });
    // Only the assigner decides, not another county head.
    const other = await post(deputyChief, path('accept'), { opinion: '同意。' });
    expect([other.status, other.body.errors?.[0]?.rule]).toEqual([403, 'R4']);
    const sentBack = await post(chief, path('send-back'), {
      reason: '请补充现场照片和长效管护措施。',
      newDeadline: daysFromNow(14),
    });
    expect(sentBack.status).toBe(200);
    expect(sentBack.body).toMatchObject({
      status: 'assigned',
      deadline: daysFromNow(14),
      step: -1,
      overdue: false,
    });
    await post(eco, path('report'), { text: '已补充现场照片，明确村保洁员每日巡查。' }).expect(200);
    const accepted = await post(chief, path('accept'), { opinion: '同意办结。' });
    expect(accepted.body).toMatchObject({ status: 'accepted', completedAt: expect.any(String) });
    const after = await post(eco, path('report'), { text: '再次报送。' });
    expect([after.status, after.body.code]).toEqual([409, 'task-closed']);

    const detail = await get(eco, `/api/v1/assigned-tasks/${code}`);
    expect(detail.status).toBe(200);
    expect(detail.body.state.status).toBe('accepted');
    expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual([
      'assigned',
      'reported',
      'sent_back',
      'reported',
      'accepted',
    ]);
    const described = await h.client.workflow.getHandle(taskWorkflowId(code)).describe();
    expect(described.status.name).toBe('COMPLETED');
    expect(described.searchAttributes).toMatchObject({ DutyStatus: ['accepted'] });
    await recordHistoryIfAsked('tasks-R4-sent-back', h.client.workflow.getHandle(taskWorkflowId(code)));
    const list = await get(chief, '/api/v1/assigned-tasks?status=accepted&assignee=ECO');
    expect(list.body.items.map((t: { code: string }) => t.code)).toContain(code);
    expect((await get(uleMember, `/api/v1/assigned-tasks/${code}`)).status).toBe(403);
  });

  it('R4: a task may go to another unit, whose members carry it out and read only their own tasks', async () => {
    const res = await assign(deputyChief, {
      ...TASK,
      title: '县城餐饮油烟专项整治',
      assignee: 'ULE',
      deadline: daysFromNow(20),
    });
    expect(res.status).toBe(201);
    expect(res.body.state).toMatchObject({ assignee: 'ULE', assigneeName: '县综合行政执法局' });
    const own = await eventually(async () => {
      const r = await get(uleMember, '/api/v1/assigned-tasks');
      return r.body.items?.some((t: { code: string }) => t.code === res.body.code) ? r.body : undefined;
    });
    expect(own.items.every((t: { assignee: string }) => t.assignee === 'ULE')).toBe(true);
    expect((await get(uleMember, '/api/v1/assigned-tasks?assignee=ECO')).status).toBe(403);
    await post(uleMember, `/api/v1/assigned-tasks/${res.body.code}/report`, { text: '已完成整治。' }).expect(
      200,
    );
  });
});
