import request from 'supertest';
import { IssueApi } from '../support/http-lifecycle';
import { eventually, startHarness, type Harness } from '../support/harness';
import { actors } from '../support/lifecycle-fixtures';
import { bearer } from '../support/tokens';

const GRID = 'IT-PUBLIC-GRID-01';
const SQUARE = {
  type: 'Polygon',
  coordinates: [
    [
      [108.5, 25.9],
      [108.53, 25.9],
      [108.53, 25.93],
      [108.5, 25.93],
      [108.5, 25.9],
    ],
  ],
};

/** The public pages' API (公示 and objections without a login), the county overview and map, the console settings. */
describe('Public notices, county overview and console settings over HTTP', () => {
  let h: Harness;
  let api: IssueApi;
  let code: string;
  const server = () => request(h.app.getHttpServer());

  beforeAll(async () => {
    h = await startHarness('it-public-console', {
      PUBLIC_WRITES_PER_HOUR: '5',
      MAP_TILE_URL: 'https://t{s}.tiles.example/{z}/{x}/{y}.png',
      MAP_TILE_SUBDOMAINS: '0,1,2',
      MAP_TILE_ATTRIBUTION: '测试底图',
    });
    api = new IssueApi(h);
    code = await api.prepare('public_notice');
  });
  afterAll(async () => {
    await h.dataSource?.query(`DELETE FROM grids WHERE code = $1`, [GRID]);
    await h?.stop();
  });

  it('L14: lists the issues under public notice to anyone, with only what a public notice shows', async () => {
    const list = await server().get('/api/v1/public/notices');
    expect(list.status).toBe(200);
    const notice = (list.body as Array<Record<string, unknown>>).find((n) => n.code === code);
    expect(notice).toBeDefined();
    expect(Object.keys(notice!).sort()).toEqual(
      [
        'acceptance',
        'category',
        'categoryName',
        'code',
        'location',
        'notice',
        'objections',
        'ownerName',
        'rectification',
        'reportedAt',
        'title',
        'township',
        'townshipName',
        'village',
      ].sort(),
    );
    expect(notice).toMatchObject({
      title: '河道旁堆放生活垃圾',
      township: 'T-GUZHOU',
      acceptance: '同意，公示',
      objections: 0,
    });
    const { notice: period } = notice as { notice: { startedAt: string; endsAt: string } };
    expect(Date.parse(period.endsAt)).toBeGreaterThan(Date.parse(period.startedAt));
    // Nothing of the reporter or the staff who handled it.
    expect(JSON.stringify(notice)).not.toMatch(/wrb-1|水务局网格员|ule-1/);

    const one = await server().get(`/api/v1/public/notices/${code}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(notice);
  });

  it('L14: an objection from the public reaches the issue as fileObjection; the contact stays with 县环委办', async () => {
    const sent = await server()
      .post(`/api/v1/public/notices/${code}/objections`)
      .send({ content: '河段仍有垃圾，气味很大', name: '王先生', contact: '13800000000' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ code, objection: 1 });

    const state = await api.state(code);
    expect(state.status).toBe('public_notice');
    expect(state.closure.publicNotice?.objections).toEqual([
      expect.objectContaining({ seq: 1, objector: '公众：王先生', content: '河段仍有垃圾，气味很大' }),
    ]);
    expect(JSON.stringify(state)).not.toContain('13800000000');
    const events = await h.dataSource.query<Array<{ actor: string; payload: unknown }>>(
      `SELECT actor, payload FROM issue_events WHERE issue_code = $1 AND type = 'fileObjection'`,
      [code],
    );
    expect(events).toHaveLength(1);
    expect(events[0].actor).toBe('公众（公示异议）');
    expect(JSON.stringify(events[0].payload)).not.toContain('13800000000');

    const listed = await server().get(`/api/v1/public/notices/${code}`);
    expect(listed.body.objections).toBe(1);

    const contacts = await server()
      .get(`/api/v1/issues/${code}/public-objections`)
      .set('authorization', bearer(actors.eco));
    expect(contacts.status).toBe(200);
    expect(contacts.body).toEqual([
      expect.objectContaining({ objection: 1, name: '王先生', contact: '13800000000' }),
    ]);
    const refused = await server()
      .get(`/api/v1/issues/${code}/public-objections`)
      .set('authorization', bearer(actors.uleMember));
    expect(refused.status).toBe(403);

    // 县环委办 resolves it as any objection.
    await api.ok(actors.eco, code, 'resolveObjection', { objection: 1, valid: false, note: '经复核已清理' });
  });

  it('refuses an objection to an issue not under notice (404) and a blank one (400, naming the field)', async () => {
    const other = await api.report(actors.wrbMember);
    const notUnder = await server()
      .post(`/api/v1/public/notices/${other}/objections`)
      .send({ content: '有异议' });
    expect(notUnder.status).toBe(404);
    expect(notUnder.body.code).toBe('public-notice-not-found');
    expect(notUnder.body.title).toBe('没有该公示');

    const blank = await server().post(`/api/v1/public/notices/${code}/objections`).send({ content: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors).toEqual([expect.objectContaining({ field: 'content' })]);
  });

  it("L1: a public report may carry one photo (multipart `media`), kept as the issue's evidence", async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const sent = await server()
      .post('/open311/v2/requests.json')
      .field('service_code', 'domestic_waste')
      .field('lat', '25.93')
      .field('long', '108.52')
      .field('township', 'T-GUZHOU')
      .field('description', '河边有人倾倒垃圾')
      .attach('media', png, { filename: 'photo.png', contentType: 'image/png' });
    expect(sent.status).toBe(201);
    const reported = sent.body[0].service_request_id as string;
    const state = await api.state(reported);
    expect(state.report.evidence).toHaveLength(1);
    expect(state.report.evidence[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rate-limits public writes per address: the one past the hourly limit is 429, reading stays open', async () => {
    // Four writes so far in this file (three objections, one public report); the limit is five.
    const atLimit = await server()
      .post(`/api/v1/public/notices/${code}/objections`)
      .send({ content: '第四条' });
    expect(atLimit.status).toBe(201);
    const pastLimit = await server()
      .post(`/api/v1/public/notices/${code}/objections`)
      .send({ content: '第五条' });
    expect(pastLimit.status).toBe(429);
    expect(pastLimit.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await server().get('/api/v1/public/notices')).status).toBe(200);
    expect((await api.state(code)).closure.publicNotice?.objections).toHaveLength(2);
  });

  it('P9: the county overview counts by state, unit and township and the weekly trend, for county-wide readers only', async () => {
    const answer = await server().get('/api/v1/overview').set('authorization', bearer(actors.eco));
    expect(answer.status).toBe(200);
    expect(answer.body.byStatus.public_notice).toBeGreaterThanOrEqual(1);
    const ule = (answer.body.byUnit as Array<{ unitCode: string; unitName: string; open: number }>).find(
      (u) => u.unitCode === 'ULE',
    );
    expect(ule?.open).toBeGreaterThanOrEqual(1);
    expect(ule?.unitName).toBe('县综合行政执法局');
    const guzhou = (answer.body.byTownship as Array<{ unitCode: string; open: number }>).find(
      (u) => u.unitCode === 'T-GUZHOU',
    );
    expect(guzhou?.open).toBeGreaterThanOrEqual(2);
    const weeks = answer.body.trend as Array<{ week: string; reported: number }>;
    expect(weeks.at(-1)?.week).toMatch(/^\d{4}-W\d{2}$/);
    expect(weeks.reduce((sum, w) => sum + w.reported, 0)).toBeGreaterThanOrEqual(2);

    const refused = await server().get('/api/v1/overview').set('authorization', bearer(actors.uleMember));
    expect(refused.status).toBe(403);
  });

  it('the county map shows open issues with a location and the grids with a boundary; a bad boundary is refused', async () => {
    const located = await api.report(actors.wrbMember, { location: { lat: 25.91, lng: 108.51 } });
    const bad = await server()
      .post('/api/v1/grids')
      .set('authorization', bearer(actors.eco))
      .send({
        code: GRID,
        unitCode: 'T-GUZHOU',
        name: '测试网格',
        kind: 'village',
        boundary: { type: 'Point' },
      });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({
        field: 'boundary',
        message: expect.stringContaining('Polygon 或 MultiPolygon'),
      }),
    ]);
    const created = await server()
      .post('/api/v1/grids')
      .set('authorization', bearer(actors.eco))
      .send({ code: GRID, unitCode: 'T-GUZHOU', name: '测试网格', kind: 'village', boundary: SQUARE });
    expect(created.status).toBe(201);
    expect(created.body.boundary).toEqual(SQUARE);

    // The map reads the read model, which the worker writes a moment after the report.
    const map = await eventually(async () => {
      const answer = await server().get('/api/v1/overview/map').set('authorization', bearer(actors.eco));
      expect(answer.status).toBe(200);
      return answer.body.issues.some((i: { code: string }) => i.code === located) ? answer : undefined;
    });
    expect(map.body.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: located, lat: 25.91, lng: 108.51 })]),
    );
    expect(map.body.grids).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: GRID, unitCode: 'T-GUZHOU', boundary: SQUARE }),
      ]),
    );
  });

  it('L2, L6: a ledger filters by role, closed or open, overdue and text, and its export takes the same filters', async () => {
    const ledger = (query: string) =>
      server().get(`/api/v1/ledgers/ULE?${query}`).set('authorization', bearer(actors.eco));
    const sector = await ledger(`role=sector_owner&text=${code}`);
    expect(sector.status).toBe(200);
    expect(sector.body.items.map((line: { issueCode: string }) => line.issueCode)).toEqual([code]);
    expect(sector.body.total).toBe(1);
    expect((await ledger(`role=finder&text=${code}`)).body.total).toBe(0);
    expect((await ledger(`closed=true&text=${code}`)).body.total).toBe(0);
    expect((await ledger(`closed=false&overdue=false&text=${code}`)).body.total).toBe(1);
    const bad = await ledger('role=owner');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'role' })]);

    const csv = await server()
      .get(`/api/v1/ledgers/ULE/export?format=csv&text=${code}`)
      .set('authorization', bearer(actors.eco));
    expect(csv.status).toBe(200);
    const none = await server()
      .get(`/api/v1/ledgers/ULE/export?format=csv&role=finder&text=${code}`)
      .set('authorization', bearer(actors.eco));
    expect(csv.text).toContain(code);
    expect(none.text).not.toContain(code);
  });

  it('tells the console, without a login, where map tiles come from', async () => {
    const answer = await server().get('/api/v1/console/settings');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      map: {
        tileUrl: 'https://t{s}.tiles.example/{z}/{x}/{y}.png',
        attribution: '测试底图',
        subdomains: ['0', '1', '2'],
        center: { lat: 25.9317, lng: 108.5213 },
        zoom: 11,
      },
    });
  });
});
