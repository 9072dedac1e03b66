import request from 'supertest';
import { IssueActionsController } from '../../api/issues/issue-actions.controller';
import { eventually, startHarness, type Harness } from '../support/harness';
import { daysFromNow, IssueApi } from '../support/http-lifecycle';
import { actors, fivePlan } from '../support/lifecycle-fixtures';
import { bearer } from '../support/tokens';

/** Whole lifecycles walked through the HTTP API only, each step by the party the rules name. */
describe(IssueActionsController.name, () => {
  let h: Harness;
  let api: IssueApi;
  beforeAll(async () => {
    h = await startHarness('it-lifecycle-http', { DEADLINE_POLICY: '{"planDueWorkingDays":7}' });
    api = new IssueApi(h);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const eventTypes = async (code: string) =>
    (
      await h.dataSource.query<Array<{ type: string }>>(
        `SELECT type FROM issue_events WHERE issue_code = $1 ORDER BY seq`,
        [code],
      )
    ).map((row) => row.type);

  it('L3, L5, L6, L14: a transfer returned, decided by 县环委办, planned, accepted and closed by both owners', async () => {
    const code = await api.report(actors.wrbMember);
    // DEADLINE_POLICY configuration reaches the workflow.
    expect((await api.state(code)).policy.planDueWorkingDays).toBe(7);

    // L3: the finder (水务局) transfers to 农业农村局, which returns it as not its duty.
    let state = await api.ok(actors.wrbMember, code, 'transfer', {
      toUnit: 'AGR',
      reason: '疑似畜禽养殖污染',
    });
    expect(state.status).toBe('transferred');
    state = await api.ok(actors.agrMember, code, 'returnTransfer', { reason: '系生活垃圾，非本单位职责' });
    expect(state.status).toBe('owner_pending');
    // …then 县环委办 decides the owner.
    state = await api.ok(actors.eco, code, 'assignOwner', { unit: 'ULE', note: '由执法局整改' });
    expect(state).toMatchObject({ status: 'accepted', owner: 'ULE' });

    // L5: the owner's 五定 plan, progress (L7), closure application (L14).
    state = await api.ok(actors.uleMember, code, 'submitPlan', {
      ...fivePlan(daysFromNow(30)),
      milestones: [{ date: daysFromNow(10), description: '完成清运' }],
    });
    expect(state.status).toBe('rectifying');
    expect(state.plan?.timeLimit).toBe(daysFromNow(30));
    state = await api.ok(actors.uleMember, code, 'reportProgress', { note: '已清运一半' });
    expect(state.progressReports).toBe(1);
    state = await api.ok(actors.uleMember, code, 'applyForClosure', {
      summary: '已按五定工作表完成整改',
      evidence: ['before.jpg', 'after.jpg'],
    });
    expect(state.status).toBe('awaiting_acceptance');
    state = await api.ok(actors.eco, code, 'acceptRectification', {
      opinion: '整改到位',
      publicNotice: false,
    });
    expect(state.status).toBe('awaiting_signoff');

    // L6: dual closure — the sector owner's signature alone does not close it.
    state = await api.ok(actors.uleLeader, code, 'signOff', { opinion: '同意销号' });
    expect(state.status).toBe('awaiting_signoff');
    const twice = await api.act(actors.uleMember, code, 'signOff', { opinion: '再签一次' });
    expect(twice.status).toBe(409);
    state = await api.ok(actors.township, code, 'signOff', { opinion: '同意销号' });
    expect(state.status).toBe('archived');
    expect(state.closure.signOffs.sector?.unit).toBe('ULE');
    expect(state.closure.signOffs.territorial?.unit).toBe('T-GUZHOU');

    // Once archived, any further action is 409, not a server error.
    const after = await api.act(actors.eco, code, 'sendBack', { reason: '再看看' });
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('issue-archived');

    const types = await eventually(async () => {
      const rows = await eventTypes(code);
      return rows.includes('archived') ? rows : undefined;
    });
    expect(types).toEqual(expect.arrayContaining(['reported', 'owner_accepted', 'closed', 'archived']));
    // L15: every step attributed to the token's person and unit.
    const [returned] = await h.dataSource.query<Array<{ actor: string; actor_unit: string }>>(
      `SELECT actor, actor_unit FROM issue_events WHERE issue_code = $1 AND actor_unit = 'AGR'`,
      [code],
    );
    expect(returned).toEqual({ actor: actors.agrMember.name, actor_unit: 'AGR' });
  });

  it('L4: an immediate fix, confirmed by the owner’s direct leader, then signed off by both owners', async () => {
    // Found by the owner itself (执法局): the report is its acceptance.
    const code = await api.report(actors.uleMember);
    expect((await api.state(code)).status).toBe('accepted');
    let state = await api.ok(actors.uleMember, code, 'recordImmediateFix', {
      description: '现场清运垃圾并设置警示牌',
      evidence: ['fix.jpg'],
    });
    expect(state.status).toBe('fix_confirmation');
    // A plain member of the owner may not confirm its own unit's fix.
    expect((await api.act(actors.uleMember, code, 'confirmFix', { opinion: '好' })).status).toBe(403);
    state = await api.ok(actors.uleLeader, code, 'confirmFix', { opinion: '经现场核实，整改到位' });
    expect(state.status).toBe('awaiting_signoff');
    await api.ok(actors.township, code, 'signOff', { opinion: '同意' });
    state = await api.ok(actors.uleMember, code, 'signOff', { opinion: '同意' });
    expect(state.status).toBe('archived');
  });

  it('L14: an archived issue is reopened by 县环委办 as a new run of the same workflow, keeping its history', async () => {
    const code = await api.report(actors.uleMember);
    const server = () => request(h.app.getHttpServer());
    // Not archived yet: 409.
    const early = await server()
      .post(`/api/v1/issues/${code}/reopen`)
      .set('authorization', bearer(actors.eco))
      .send({ reason: '复发' })
      .expect(409);
    expect(early.body.code).toBe('issue-not-archived');

    await api.ok(actors.uleMember, code, 'recordImmediateFix', { description: '清运', evidence: ['a.jpg'] });
    await api.ok(actors.uleLeader, code, 'confirmFix', { opinion: '到位' });
    await api.ok(actors.township, code, 'signOff', { opinion: '同意' });
    await api.ok(actors.uleMember, code, 'signOff', { opinion: '同意' });
    const archivedEvents = (await api.state(code)).eventCount;

    // An unrelated department may not reopen it, nor learn that it exists (H1).
    const refused = await server()
      .post(`/api/v1/issues/${code}/reopen`)
      .set('authorization', bearer(actors.forMember))
      .send({ reason: '复发' })
      .expect(404);
    expect(refused.body.code).toBe('issue-not-found');

    const reopened = await server()
      .post(`/api/v1/issues/${code}/reopen`)
      .set('authorization', bearer(actors.eco))
      .send({ reason: '问题反弹，河道再次出现垃圾' })
      .expect(200);
    expect(reopened.body.workflowId).toBe(`issue-${code}`);
    const state = await eventually(async () => {
      const live = await api.state(code);
      return live.status !== 'archived' ? live : undefined;
    });
    expect(state.reopenCount).toBe(1);
    expect(state.eventCount).toBeGreaterThan(archivedEvents);
    const description = await h.client.workflow.getHandle(`issue-${code}`).describe();
    expect(description.status.name).toBe('RUNNING');
  });
});
