import request from 'supertest';
import { DEFAULT_DUTY_POLICY } from '../../domain/duties/duty-policy';
import { dutyReportInput, dutyReportWorkflowId } from '../../domain/duties/reports/reports';
import { monthPeriod } from '../../domain/duties/periods';
import type { Actor } from '../../domain/organisation/roles';
import { eventually, startHarness, type Harness } from '../support/harness';
import { checkPdf, compactText } from '../support/pdf-check';
import { bearer } from '../support/tokens';

// Members of the demo organisation: 古州镇's village grid, its leaders, a village's branch secretary, another unit.
const leader: Actor = {
  id: 'demo-t-guzhou-leader',
  name: '演示-T-GUZHOU直接负责人',
  unitCode: 'T-GUZHOU',
  roles: ['grid_member', 'direct_leader'],
};
const firstSecretary: Actor = {
  id: 'demo-t-guzhou-first-secretary',
  name: '演示-T-GUZHOU驻村第一书记',
  unitCode: 'T-GUZHOU',
  roles: ['grid_member'],
};
const branchSecretary: Actor = {
  id: 'demo-t-guzhou-branch-secretary',
  name: '演示-T-GUZHOU支部书记',
  unitCode: 'V-GUZHOU-01',
  roles: ['village_member'],
};
const townshipHead: Actor = {
  id: 'demo-t-guzhou-head',
  name: '演示-T-GUZHOU网格长',
  unitCode: 'T-GUZHOU',
  roles: ['grid_head'],
};
const uleMember: Actor = {
  id: 'demo-ule-member-1',
  name: '演示-ULE网格员1',
  unitCode: 'ULE',
  roles: ['grid_member'],
};
const eco: Actor = { id: 'demo-eco-1', name: '演示-环委办干部', unitCode: 'ECO', roles: ['office_staff'] };

const GRID = 'DEMO-T-GUZHOU-V01';
// Last month on the Shanghai wall clock: its monthly materials can be drafted now.
const MONTH = (() => {
  const now = new Date(Date.now() + 8 * 3600_000);
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return first.toISOString().slice(0, 7);
})();
const collectedAt = (day: number) => `${MONTH}-${String(day).padStart(2, '0')}T10:00:00+08:00`;
const CONTACT = '139-0000-1234（测试联系方式）';

describe('Residents’ opinions API (R1)', () => {
  let h: Harness;
  const http = () => request(h.app.getHttpServer());
  const created: string[] = [];
  const reportWorkflow = dutyReportWorkflowId('monthly_summary', 'T-GUZHOU', MONTH);

  const collect = async (actor: Actor, body: Record<string, unknown>) => {
    const res = await http().post('/api/v1/resident-opinions').set('Authorization', bearer(actor)).send(body);
    if (res.status === 201) created.push(res.body.id);
    return res;
  };
  const get = (actor: Actor, path: string) => http().get(path).set('Authorization', bearer(actor));

  beforeAll(async () => {
    h = await startHarness('it-resident-opinions');
  });
  afterAll(async () => {
    await h?.client.workflow
      .getHandle(reportWorkflow)
      .terminate('test done')
      .catch(() => undefined);
    await h?.dataSource.query(`DELETE FROM resident_opinions WHERE id = ANY($1::text[])`, [created]);
    await h?.stop();
  });

  it('R1: a grid member records a resident’s opinion; the resident’s contact is shown only to the collecting unit', async () => {
    const res = await collect(firstSecretary, {
      gridCode: GRID,
      kind: 'suggestion',
      content: '建议在河边增设垃圾收集点，方便村民投放。',
      collectedAt: collectedAt(3),
      resident: { name: '杨大姐', contact: CONTACT },
    });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/resident-opinions/${res.body.id}`);
    expect(res.body).toMatchObject({
      unitCode: 'T-GUZHOU',
      gridCode: GRID,
      kind: 'suggestion',
      collectedBy: { id: firstSecretary.id, name: firstSecretary.name },
      residentContactKept: true,
      resident: { name: '杨大姐', contact: CONTACT },
      answer: null,
      monthId: MONTH,
    });

    const own = await get(townshipHead, `/api/v1/resident-opinions/${res.body.id}`);
    expect(own.status).toBe(200);
    expect(own.body.resident).toEqual({ name: '杨大姐', contact: CONTACT });
    // 县环委办 reads every unit's opinions, but not how to reach the resident.
    const office = await get(eco, `/api/v1/resident-opinions/${res.body.id}`);
    expect(office.status).toBe(200);
    expect(office.body).toMatchObject({ residentContactKept: true, resident: null });
    expect(JSON.stringify(office.body)).not.toContain(CONTACT);
    const officeList = await get(eco, `/api/v1/resident-opinions?unit=T-GUZHOU&month=${MONTH}`);
    expect(officeList.body.items.map((o: { id: string }) => o.id)).toContain(res.body.id);
    expect(JSON.stringify(officeList.body)).not.toContain(CONTACT);
    // Another unit reads none of them.
    expect((await get(uleMember, `/api/v1/resident-opinions/${res.body.id}`)).status).toBe(403);
    expect((await get(uleMember, '/api/v1/resident-opinions?unit=T-GUZHOU')).status).toBe(403);
  });

  it('R1: only members of the grid collect, and only the unit’s leaders answer, once', async () => {
    const body = {
      gridCode: GRID,
      kind: 'opinion',
      content: '河对岸养殖场气味很大，希望有人管一管。',
      collectedAt: collectedAt(5),
    };
    const foreign = await collect(uleMember, body);
    expect(foreign.status).toBe(403);
    expect(foreign.body.errors[0]).toMatchObject({ field: 'gridCode', rule: 'R1' });
    const future = await collect(leader, {
      ...body,
      collectedAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(future.status).toBe(422);
    expect(future.body.errors[0]).toMatchObject({ field: 'collectedAt', rule: 'not-in-future' });
    const unknownPatrol = await collect(leader, { ...body, patrolId: 'patrol-none' });
    expect([unknownPatrol.status, unknownPatrol.body.errors?.[0]?.field]).toEqual([422, 'patrolId']);

    // A village's 支部书记 belongs to the village but works in the township's village grid: they collect there.
    const res = await collect(branchSecretary, body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ unitCode: 'T-GUZHOU', residentContactKept: false, resident: null });

    const answer = (actor: Actor, text: string) =>
      http()
        .post(`/api/v1/resident-opinions/${res.body.id}/answer`)
        .set('Authorization', bearer(actor))
        .send({ answer: text });
    const byMember = await answer(firstSecretary, '已转告。');
    expect(byMember.status).toBe(403);
    expect(byMember.body.errors[0]).toMatchObject({ rule: 'R1' });
    const answered = await answer(leader, '已联系县农业农村局现场核查，督促养殖场整改。');
    expect(answered.status).toBe(200);
    expect(answered.body.answer).toMatchObject({
      text: '已联系县农业农村局现场核查，督促养殖场整改。',
      by: { id: leader.id, name: leader.name },
    });
    const again = await answer(townshipHead, '再次答复。');
    expect([again.status, again.body.code]).toEqual([409, 'opinion-answered']);
    const unanswered = await get(townshipHead, `/api/v1/resident-opinions?month=${MONTH}&answered=false`);
    expect(unanswered.body.items.map((o: { id: string }) => o.id)).not.toContain(res.body.id);
  });

  it('R1: the month’s opinions and answers are listed in the unit’s monthly summary, without the residents’ contacts', async () => {
    const input = dutyReportInput(
      'monthly_summary',
      'T-GUZHOU',
      monthPeriod(MONTH),
      DEFAULT_DUTY_POLICY,
      'ECO',
    );
    await h.client.workflow.start('dutyReport', {
      workflowId: reportWorkflow,
      taskQueue: h.config.TEMPORAL_TASK_QUEUE,
      args: [input],
    });
    const report = await eventually(async () => {
      const r = await get(townshipHead, `/api/v1/reports/monthly_summary/T-GUZHOU/${MONTH}`);
      return r.status === 200 && r.body.content ? r.body : undefined;
    });
    const opinions = report.content.opinions as Array<Record<string, unknown>>;
    expect(opinions.map((o) => o.content)).toEqual([
      '建议在河边增设垃圾收集点，方便村民投放。',
      '河对岸养殖场气味很大，希望有人管一管。',
    ]);
    expect(opinions[0]).toMatchObject({
      kind: 'suggestion',
      collectedByName: firstSecretary.name,
      answer: null,
    });
    expect(opinions[1]).toMatchObject({
      kind: 'opinion',
      answer: { text: '已联系县农业农村局现场核查，督促养殖场整改。' },
    });
    expect(JSON.stringify(report.content)).not.toContain(CONTACT);
    expect(JSON.stringify(report.content)).not.toContain('杨大姐');

    const pdf = await get(
      townshipHead,
      `/api/v1/reports/monthly_summary/T-GUZHOU/${MONTH}/document?format=pdf`,
    )
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    const text = compactText(await checkPdf(pdf.body as Buffer, 'monthly-opinions'));
    expect(text).toContain('群众意见建议收集和答复情况');
    expect(text).toContain('本月收集群众意见建议2条，已答复1条');
    expect(text).not.toContain('139-0000-1234');
  });
});
