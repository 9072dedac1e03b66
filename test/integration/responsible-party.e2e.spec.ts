import request from 'supertest';
import type { Actor } from '../../domain/organisation/roles';
import { eventually, startHarness, type Harness } from '../support/harness';
import { IssueApi, REPORT } from '../support/http-lifecycle';
import { actors } from '../support/lifecycle-fixtures';
import { bearer } from '../support/tokens';

const PARTY = {
  kind: 'organisation',
  name: '榕江县某某废品回收站（业主测试）',
  creditCode: '91350100m000100y43',
  contact: '李某 139****0000',
};

/** L21 and L22 through the HTTP API: the responsible party on an issue, and the chiefs' findings routed. */
describe('Responsible party and chief patrol routing (L21, L22)', () => {
  let h: Harness;
  let api: IssueApi;
  const http = () => request(h.app.getHttpServer());
  const report = (actor: Actor, body: Record<string, unknown>) =>
    http()
      .post('/api/v1/issues')
      .set('Authorization', bearer(actor))
      .send({ ...REPORT, ...body });
  const notices = (code: string, kind: string) =>
    h.dataSource.query<Array<{ unit_code: string }>>(
      `SELECT DISTINCT unit_code FROM notification_outbox WHERE issue_code = $1 AND kind = $2 ORDER BY unit_code`,
      [code, kind],
    );
  /** The read model's events of an issue, once one of them is `type`. */
  const eventTypesWith = (code: string, type: string) =>
    eventually(async () => {
      const rows = await h.dataSource.query<Array<{ type: string }>>(
        `SELECT type FROM issue_events WHERE issue_code = $1 ORDER BY seq`,
        [code],
      );
      const types = rows.map((row) => row.type);
      return types.includes(type) ? types : undefined;
    });

  beforeAll(async () => {
    h = await startHarness('it-responsible-party');
    api = new IssueApi(h);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('L21: a report names the responsible party, its credit code checked; the owner names it later; both are searchable', async () => {
    const wrongCheck = await report(actors.uleMember, {
      responsibleParty: { ...PARTY, creditCode: '91350100M000100Y44' },
    });
    expect([wrongCheck.status, wrongCheck.body.code]).toEqual([422, 'credit-code-invalid']);
    expect(wrongCheck.body.errors[0]).toMatchObject({ field: 'responsibleParty.creditCode', rule: 'L21' });
    const malformed = await report(actors.uleMember, {
      responsibleParty: { ...PARTY, creditCode: '9135010OM000100Y43' },
    });
    expect([malformed.status, malformed.body.errors?.[0]?.field]).toEqual([
      400,
      'responsibleParty.creditCode',
    ]);

    const named = await report(actors.uleMember, { responsibleParty: PARTY });
    expect(named.status).toBe(201);
    const first = named.body.code as string;
    // Kept as GB 32100-2015 writes the code: upper case.
    expect((await api.state(first)).responsibleParty).toEqual({ ...PARTY, creditCode: '91350100M000100Y43' });

    // Found by 县综合行政执法局 within its own duties, so it owns the issue and names the party itself.
    const second = await api.report(actors.uleMember);
    // 县环委办 reads every issue but is not its owner.
    expect((await api.act(actors.eco, second, 'nameResponsibleParty')).status).toBe(403);
    const badParty = await api.act(actors.uleMember, second, 'nameResponsibleParty', {
      kind: 'organisation',
      name: '某厂',
      creditCode: '91350100M000100Y44',
    });
    expect(badParty.status).toBe(422);
    const state = await api.ok(actors.uleMember, second, 'nameResponsibleParty', {
      kind: 'person',
      name: '王某（业主测试）',
      note: '现场核实为其倾倒',
    });
    expect(state.responsibleParty).toEqual({ kind: 'person', name: '王某（业主测试）' });

    const search = async (party: string) => {
      const res = await http()
        .get('/api/v1/issues')
        .query({ party, pageSize: 50 })
        .set('Authorization', bearer(actors.eco));
      expect(res.status).toBe(200);
      return (res.body.items as Array<{ code: string }>).map((item) => item.code).sort();
    };
    // The read model is written by the worker's activities, a moment after the answer.
    expect(
      await eventually(async () => {
        const found = await search('91350100m000100y43');
        return found.includes(first) ? found : undefined;
      }),
    ).not.toContain(second);
    expect(
      await eventually(async () => {
        const found = await search('业主测试');
        return found.includes(second) ? found : undefined;
      }),
    ).toEqual([first, second].sort());
  });

  it('L22: a river-chief finding goes to 县水务局, which dispatches it to its owner', async () => {
    const res = await report(actors.township, { source: 'river_chief_patrol' });
    expect(res.status).toBe(201);
    const code = res.body.code as string;
    const state = await api.state(code);
    expect(state).toMatchObject({ status: 'owner_pending', routing: { unit: 'WRB', duty: 'dispatch' } });
    expect(state.obligations).toEqual([expect.objectContaining({ kind: 'report_handling', unit: 'WRB' })]);
    expect(
      await eventually(async () => {
        const rows = await notices(code, 'river_chief_finding');
        return rows.length > 0 ? rows.map((r) => r.unit_code) : undefined;
      }),
    ).toEqual(['WRB']);
    expect((await eventTypesWith(code, 'routed_for_dispatch'))[0]).toBe('reported');

    // 分办: the dispatcher (or 县环委办, as always) names the owner, not the finder.
    expect((await api.act(actors.township, code, 'assignOwner')).status).toBe(403);
    const assigned = await api.ok(actors.wrbMember, code, 'assignOwner', {
      unit: 'ULE',
      note: '由执法局整改',
    });
    expect(assigned).toMatchObject({ status: 'accepted', owner: 'ULE' });
  });

  it('L22: a forest-chief finding is told to 县林业局, which cooperates with the owner', async () => {
    const res = await report(actors.township, { source: 'forest_chief_patrol' });
    expect(res.status).toBe(201);
    const code = res.body.code as string;
    const state = await api.state(code);
    expect(state.routing).toEqual({ unit: 'FOR', duty: 'cooperate' });
    expect(state.status).not.toBe('owner_pending');
    expect(
      await eventually(async () => {
        const rows = await notices(code, 'forest_chief_finding');
        return rows.length > 0 ? rows.map((r) => r.unit_code) : undefined;
      }),
    ).toEqual(['FOR']);
    expect((await eventTypesWith(code, 'routed_for_cooperation'))[0]).toBe('reported');
    // Cooperating is no ownership: the finder handles the report, and 县林业局 reads the issue without owing an action.
    expect(state.obligations).toEqual([
      expect.objectContaining({ kind: 'report_handling', unit: 'T-GUZHOU' }),
    ]);
    expect(state.awaiting).not.toContain('FOR');
    const read = await http().get(`/api/v1/issues/${code}`).set('Authorization', bearer(actors.forMember));
    expect(read.status).toBe(200);
  });
});
