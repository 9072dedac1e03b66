import request from 'supertest';
import { monthOf, weekOf, shiftPeriod } from '../../domain/duties/periods';
import type { Actor } from '../../domain/organisation/roles';
import type { CreateIssueDto } from '../../api/issues/dto/create-issue.dto';
import { IssuesService } from '../../api/issues/issues.service';
import { leaveAbandonedRequest } from '../support/dead-request';
import { eventually, startHarness, type Harness } from '../support/harness';
import { REPORT } from '../support/http-lifecycle';
import { bearer } from '../support/tokens';

// The demo organisation: 县综合行政执法局 (ULE) and its sector grid DEMO-ULE-01.
const uleLeader: Actor = {
  id: 'demo-ule-leader',
  name: '演示-ULE直接负责人',
  unitCode: 'ULE',
  roles: ['grid_member', 'direct_leader'],
};
const uleMember: Actor = {
  id: 'demo-ule-member-1',
  name: '演示-ULE网格员1',
  unitCode: 'ULE',
  roles: ['grid_member'],
};
const wrbLeader: Actor = {
  id: 'demo-wrb-leader',
  name: '演示-WRB直接负责人',
  unitCode: 'WRB',
  roles: ['grid_member', 'direct_leader'],
};
const eco: Actor = { id: 'demo-eco-1', name: '演示-环委办干部', unitCode: 'ECO', roles: ['office_staff'] };

const RUN = Date.now().toString(36);
const KEY_POINT = `it-patrol-kp-${RUN}`;
const HOUR = 3600_000;

describe('Patrols API (P2)', () => {
  let h: Harness;
  const http = () => request(h.app.getHttpServer());
  const created: string[] = [];
  const now = Date.now();

  /** A valid patrol of DEMO-ULE-01 that ended an hour ago. */
  const body = (over: Record<string, unknown> = {}) => ({
    gridCode: 'DEMO-ULE-01',
    leaderId: 'demo-ule-leader',
    memberIds: ['demo-ule-member-1', 'demo-ule-member-2'],
    startedAt: new Date(now - 3 * HOUR).toISOString(),
    endedAt: new Date(now - HOUR).toISOString(),
    methods: ['inspection', 'covert_inspection', 'resident_visit'],
    ...over,
  });

  const post = async (actor: Actor, payload: Record<string, unknown>) => {
    const res = await http().post('/api/v1/patrols').set('Authorization', bearer(actor)).send(payload);
    if (res.status === 201) created.push(res.body.id);
    return res;
  };

  const counts = async () => {
    const [row] = await h.dataSource.query<Array<{ patrols: number; issues: number }>>(
      `SELECT (SELECT count(*)::int FROM patrols) AS patrols, (SELECT last_value::int FROM issue_code_seq) AS issues`,
    );
    return row;
  };

  beforeAll(async () => {
    h = await startHarness('it-patrols');
    await h.dataSource.query(
      `INSERT INTO key_points (id, grid_code, name, lat, lng) VALUES ($1, 'DEMO-ULE-01', '城区垃圾中转站（测试）', 25.93, 108.52)`,
      [KEY_POINT],
    );
  });
  afterAll(async () => {
    // Leave the shared database as found for the files that count the organisation's records.
    await h?.dataSource.query(`DELETE FROM patrols WHERE id = ANY($1::text[])`, [created]);
    await h?.dataSource.query(`DELETE FROM key_points WHERE id = $1`, [KEY_POINT]);
    await h?.stop();
  });

  const problem = (res: request.Response) => {
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    return res.body as { code: string; errors: Array<{ field: string; rule: string; message: string }> };
  };

  it('P2: a patrol is stored with its people, methods, places and track, and a new problem starts its lifecycle', async () => {
    const known = await http()
      .post('/api/v1/issues')
      .set('Authorization', bearer(uleMember))
      .send({ ...REPORT, title: '巡查前已上报的问题' });
    expect(known.status).toBe(201);
    const track = {
      type: 'MultiLineString',
      coordinates: [
        [
          [108.52, 25.93],
          [108.521, 25.931],
        ],
        [
          [108.522, 25.932],
          [108.523, 25.933, 301.5],
        ],
      ],
    };
    const res = await post(
      uleLeader,
      body({
        keyPointIds: [KEY_POINT],
        points: [{ name: '古州镇农贸市场', lat: 25.935, lng: 108.525 }, { name: '老街后巷' }],
        track,
        notes: '中转站周边有渗滤液外溢',
        issueCodes: [known.body.code],
        newIssues: [
          {
            ...REPORT,
            title: '中转站渗滤液外溢',
            description: '城区垃圾中转站东侧渗滤液外溢至路面，流向排水沟。',
            source: 'patrol',
            location: { lat: 25.93, lng: 108.52 },
          },
        ],
      }),
    );
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/patrols/${res.body.id}`);
    const started = res.body.newIssues[0].code as string;
    expect(res.body).toMatchObject({
      unitCode: 'ULE',
      unitName: '县综合行政执法局',
      gridCode: 'DEMO-ULE-01',
      ledBy: { id: 'demo-ule-leader', name: '演示-ULE直接负责人' },
      ledByHead: true,
      members: [
        { id: 'demo-ule-leader', name: '演示-ULE直接负责人' },
        { id: 'demo-ule-member-1', name: '演示-ULE网格员1' },
        { id: 'demo-ule-member-2', name: '演示-ULE网格员2' },
      ],
      methods: [
        { code: 'inspection', label: '巡查' },
        { code: 'covert_inspection', label: '暗查' },
        { code: 'resident_visit', label: '访群众' },
      ],
      keyPoints: [{ id: KEY_POINT, name: '城区垃圾中转站（测试）' }],
      points: [{ name: '古州镇农贸市场', lat: 25.935, lng: 108.525 }, { name: '老街后巷' }],
      track,
      notes: '中转站周边有渗滤液外溢',
      issueCodes: [known.body.code, started],
      weekId: weekOf(now - 3 * HOUR).id,
      monthId: monthOf(now - 3 * HOUR).id,
      recordedBy: 'demo-ule-leader',
    });
    expect(res.body.newIssues[0].workflowId).toBe(`issue-${started}`);

    // Stored as answered, and the new problem is in the finder's ledger (L2) with its patrol source (L1).
    const got = await http().get(`/api/v1/patrols/${res.body.id}`).set('Authorization', bearer(uleMember));
    expect(got.status).toBe(200);
    const stored = { ...res.body };
    delete stored.ledByHead;
    delete stored.newIssues;
    expect(got.body).toEqual(stored);
    const ledger = await eventually(async () => {
      const rows = await h.dataSource.query<Array<{ unit_code: string; role: string }>>(
        `SELECT unit_code, role FROM ledger_entries WHERE issue_code = $1 ORDER BY role`,
        [started],
      );
      return rows.length > 0 ? rows : undefined;
    });
    expect(ledger).toContainEqual({ unit_code: 'ULE', role: 'finder' });
    const [issue] = await h.dataSource.query<Array<{ source: string; title: string }>>(
      `SELECT source, title FROM issues WHERE code = $1`,
      [started],
    );
    expect(issue).toEqual({ source: 'patrol', title: '中转站渗滤液外溢' });
  });

  it('P2: a patrol retried after the API died half-way (same key) is stored once and starts each problem once', async () => {
    const key = `patrol-crash-${RUN}`;
    const problem = (n: number) => ({
      ...REPORT,
      title: `巡查中途宕机-问题${n}-${RUN}`,
      source: 'patrol',
      location: { lat: 25.931 + n / 1000, lng: 108.521 },
    });
    const payload = body({ notes: '提交时服务中断', newIssues: [problem(1), problem(2)] });
    const token = await leaveAbandonedRequest(h.dataSource, {
      key,
      actorId: uleLeader.id,
      endpoint: 'POST /api/v1/patrols',
      body: payload,
    });
    // The dead attempt started the first problem's lifecycle, then died before the second and before the record.
    const dead = await h.app
      .get(IssuesService)
      .report(problem(1) as CreateIssueDto, uleLeader, `patrol-${token}/issue-0`, `patrol-${token}`);

    const retry = await http()
      .post('/api/v1/patrols')
      .set('Authorization', bearer(uleLeader))
      .set('Idempotency-Key', key)
      .send(payload);
    expect(retry.status).toBe(201);
    created.push(retry.body.id);
    const codes = (retry.body.newIssues as Array<{ code: string }>).map((i) => i.code);
    expect(codes[0]).toBe(dead.code);
    expect(codes[1]).not.toBe(dead.code);
    expect(retry.body.issueCodes).toEqual(codes);
    const titles = [problem(1).title, problem(2).title];
    const issues = await eventually(async () => {
      const rows = await h.dataSource.query<Array<{ code: string; title: string }>>(
        `SELECT code, title FROM issues WHERE title = ANY($1::text[]) ORDER BY title`,
        [titles],
      );
      return rows.length === 2 ? rows : undefined;
    });
    expect(issues).toEqual([
      { code: codes[0], title: titles[0] },
      { code: codes[1], title: titles[1] },
    ]);
    const patrols = await h.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM patrols WHERE notes = '提交时服务中断' AND issue_codes && $1::text[]`,
      [codes],
    );
    expect(patrols).toEqual([{ id: retry.body.id }]);
  });

  it('P2: each bad field is refused with a problem naming the field and the rule, and nothing changes', async () => {
    const before = await counts();
    const cases: Array<[string, Record<string, unknown>, number, string, string]> = [
      ['unknown method', { methods: ['drone'] }, 400, 'methods', 'isIn'],
      ['no method', { methods: [] }, 400, 'methods', 'arrayMinSize'],
      ['no offset', { startedAt: '2026-01-01 09:00' }, 400, 'startedAt', 'iso-instant'],
      [
        'bad track',
        { track: { type: 'LineString', coordinates: [[108.5, 95]] } },
        400,
        'track',
        'geojson-track',
      ],
      ['unknown field', { weather: '晴' }, 400, 'weather', 'unknown-field'],
      ['unknown grid', { gridCode: 'NO-SUCH-GRID' }, 422, 'gridCode', 'known-reference'],
      [
        'end before start',
        { startedAt: new Date(now - HOUR).toISOString(), endedAt: new Date(now - 2 * HOUR).toISOString() },
        422,
        'endedAt',
        'end-after-start',
      ],
      [
        'in the future',
        { startedAt: new Date(now + HOUR).toISOString(), endedAt: new Date(now + 2 * HOUR).toISOString() },
        422,
        'startedAt',
        'not-in-future',
      ],
      [
        'two years ago',
        {
          startedAt: new Date(now - 730 * 24 * HOUR).toISOString(),
          endedAt: new Date(now - 730 * 24 * HOUR + HOUR).toISOString(),
        },
        422,
        'startedAt',
        'max-age',
      ],
      ['leader of another unit', { leaderId: 'demo-wrb-leader' }, 422, 'leaderId', 'grid-member'],
      [
        'member of another unit',
        { memberIds: ['demo-ule-member-1', 'demo-wrb-member-1'] },
        422,
        'memberIds[1]',
        'grid-member',
      ],
      [
        'key point of another grid',
        { keyPointIds: ['demo-kp-wrb-01'] },
        422,
        'keyPointIds[0]',
        'grid-key-point',
      ],
      ['unknown issue', { issueCodes: ['2026-999999'] }, 422, 'issueCodes[0]', 'known-reference'],
      [
        'new issue of an unknown category',
        {
          newIssues: [
            { ...REPORT, source: 'patrol' },
            { ...REPORT, category: 'no_such_category', source: 'patrol' },
          ],
        },
        422,
        'newIssues[1].category',
        'known-reference',
      ],
      [
        '访群众 problem from a patrol without 访群众',
        { methods: ['inspection'], newIssues: [{ ...REPORT, source: 'resident_visit' }] },
        422,
        'newIssues[0].source',
        'L1',
      ],
    ];
    for (const [name, over, status, field, rule] of cases) {
      const res = await post(uleLeader, body(over));
      const p = problem(res);
      expect({ name, status: res.status, error: p.errors?.find((e) => e.field === field)?.rule }).toEqual({
        name,
        status,
        error: rule,
      });
    }
    expect(await counts()).toEqual(before);
  });

  it('P2: only members of the grid’s unit, or 县环委办, record a patrol of it', async () => {
    const before = await counts();
    const foreign = await post(wrbLeader, body());
    expect(foreign.status).toBe(403);
    expect(problem(foreign)).toMatchObject({
      code: 'actor-not-permitted',
      errors: [{ field: 'gridCode', rule: 'P2' }],
    });
    expect(await counts()).toEqual(before);
    // 县环委办 may; a patrol led by a plain grid member is stored but not led by a head (P2).
    const office = await post(eco, body({ leaderId: 'demo-ule-member-1', memberIds: ['demo-ule-member-2'] }));
    expect(office.status).toBe(201);
    expect(office.body).toMatchObject({ unitCode: 'ULE', recordedBy: 'demo-eco-1', ledByHead: false });
  });

  it('P2: patrols are read within the actor’s scope and filtered by unit, grid, week and month', async () => {
    const res = await post(uleLeader, body({ notes: '范围测试' }));
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const week = weekOf(now - 3 * HOUR);
    const list = (actor: Actor, query: string) =>
      http().get(`/api/v1/patrols?pageSize=200&${query}`).set('Authorization', bearer(actor));
    const ids = (r: request.Response) => (r.body.items as Array<{ id: string }>).map((p) => p.id);

    expect(ids(await list(uleMember, `week=${week.id}`))).toContain(id);
    expect(ids(await list(uleMember, `month=${monthOf(now - 3 * HOUR).id}&grid=DEMO-ULE-01`))).toContain(id);
    expect(ids(await list(uleMember, `week=${shiftPeriod(week, -1).id}`))).not.toContain(id);
    expect(ids(await list(eco, 'unit=ULE'))).toContain(id);
    const wrbOwn = await list(wrbLeader, '');
    expect(wrbOwn.status).toBe(200);
    expect(ids(wrbOwn)).not.toContain(id);
    expect((await list(wrbLeader, 'unit=ULE')).status).toBe(403);
    expect((await http().get(`/api/v1/patrols/${id}`).set('Authorization', bearer(wrbLeader))).status).toBe(
      403,
    );
    expect((await http().get(`/api/v1/patrols/${id}`).set('Authorization', bearer(eco))).status).toBe(200);
    const missing = await http().get('/api/v1/patrols/patrol-none').set('Authorization', bearer(eco));
    expect([missing.status, problem(missing).code]).toEqual([404, 'patrol-not-found']);
    const badWeek = await list(eco, 'week=2027-W60');
    expect([badWeek.status, problem(badWeek).errors[0]]).toMatchObject([
      400,
      { field: 'week', rule: 'week-id' },
    ]);
  });

  it('P1: patrol compliance of a week counts each grid’s patrols and those led by a head; a month its key points', async () => {
    const res = await post(uleLeader, body({ keyPointIds: [KEY_POINT] }));
    expect(res.status).toBe(201);
    const week = weekOf(now - 3 * HOUR).id;
    const weekly = await http()
      .get(`/api/v1/duties/patrol-compliance?week=${week}`)
      .set('Authorization', bearer(uleMember));
    expect(weekly.status).toBe(200);
    expect(weekly.body.period).toMatchObject({ id: week, kind: 'week' });
    expect(new Set(weekly.body.grids.map((g: { unitCode: string }) => g.unitCode))).toEqual(new Set(['ULE']));
    const grid = weekly.body.grids.find((g: { gridCode: string }) => g.gridCode === 'DEMO-ULE-01');
    const [{ patrols, led }] = await h.dataSource.query<Array<{ patrols: number; led: number }>>(
      `SELECT count(*)::int AS patrols, count(*) FILTER (WHERE led_by = 'demo-ule-leader')::int AS led
       FROM patrols WHERE grid_code = 'DEMO-ULE-01' AND week_id = $1`,
      [week],
    );
    expect(grid).toMatchObject({ patrols, ledByHead: led, patrolsRequired: 1, ledByHeadMet: true });
    expect(patrols).toBeGreaterThanOrEqual(1);

    const month = monthOf(now - 3 * HOUR).id;
    const monthly = await http()
      .get(`/api/v1/duties/patrol-compliance?month=${month}`)
      .set('Authorization', bearer(eco));
    expect(monthly.status).toBe(200);
    const all = monthly.body.grids as Array<{ gridCode: string; keyPoints: Array<{ id: string }> }>;
    expect(all.map((g) => g.gridCode)).toEqual(expect.arrayContaining(['DEMO-ULE-01', 'DEMO-WRB-01']));
    expect(all.find((g) => g.gridCode === 'DEMO-ULE-01')?.keyPoints).toContainEqual(
      expect.objectContaining({ id: KEY_POINT, required: 2 }),
    );
    expect(monthly.body.units).toContainEqual(expect.objectContaining({ unitCode: 'ULE', required: 1 }));

    const both = await http()
      .get(`/api/v1/duties/patrol-compliance?week=${week}&month=${month}`)
      .set('Authorization', bearer(eco));
    expect([both.status, problem(both).errors[0].rule]).toEqual([400, 'one-period']);
    const foreign = await http()
      .get(`/api/v1/duties/patrol-compliance?week=${week}&unit=ULE`)
      .set('Authorization', bearer(wrbLeader));
    expect(foreign.status).toBe(403);
  });
});
