import request from 'supertest';
import { IssuesQueryController } from '../../api/issues/issues-query.controller';
import type { IssueListItem } from '../../api/issues/issues-query.dto';
import { eventually, startHarness, type Harness } from '../support/harness';
import { actors } from '../support/lifecycle-fixtures';
import { daysFromNow } from '../support/http-lifecycle';
import { bearer } from '../support/tokens';

type Who = (typeof actors)[keyof typeof actors];

/** A marker in every title of this run, so issues of other test files never count. */
const marker = `Q${Date.now().toString(36)}`;
/** A point of this run, far from the other files' reports, with 9 km north of it still in 古州镇's demo grids (G7). */
const base = { lat: 25.9 + Math.random() * 0.035, lng: 108.491 + Math.random() * 0.058 };
/** About `metres` north of `point`. */
const north = (point: { lat: number; lng: number }, metres: number) => ({
  lat: point.lat + metres / 111_195,
  lng: point.lng,
});

const report = (overrides: Record<string, unknown> = {}) => ({
  title: `${marker} 河道旁堆放生活垃圾`,
  description: '村口河道左岸堆放生活垃圾。',
  category: 'domestic_waste',
  severity: 'general',
  source: 'resident_visit',
  township: 'T-GUZHOU',
  ...overrides,
});

describe(IssuesQueryController.name, () => {
  let h: Harness;
  const codes: string[] = [];
  const server = () => request(h.app.getHttpServer());
  const get = (who: Who, url: string) => server().get(url).set('authorization', bearer(who));
  const post = (who: Who, url: string, body: object) =>
    server().post(url).set('authorization', bearer(who)).send(body);
  const projected = (code: string) =>
    eventually(async () => {
      const rows = await h.dataSource.query(`SELECT code FROM issues WHERE code = $1`, [code]);
      return rows.length > 0 ? true : undefined;
    });
  const list = async (who: Who, query: string) => {
    const { body } = await get(who, `/api/v1/issues?text=${encodeURIComponent(marker)}&${query}`).expect(200);
    return body as { items: IssueListItem[]; page: number; pageSize: number; total: number };
  };

  beforeAll(async () => {
    h = await startHarness('it-issues-query');
    const bodies = [
      report({ location: north(base, 2000) }),
      report({ title: `${marker} 达标率100%_核查`, severity: 'major', location: north(base, 4000) }),
      report({ category: 'river_sand_mining', title: `${marker} 河道非法采砂`, location: north(base, 6000) }),
    ];
    for (const body of bodies) {
      const { body: started } = await post(actors.wrbMember, '/api/v1/issues', body).expect(201);
      codes.push(started.code as string);
    }
    for (const code of codes) await projected(code);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('filters combine, and pages partition the same total', async () => {
    const all = await list(actors.eco, 'pageSize=200');
    expect(all.total).toBe(3);
    expect(all.items.map((item) => item.code).sort()).toEqual([...codes].sort());

    const first = await list(actors.eco, 'pageSize=2&page=1&sort=reportedAt');
    const second = await list(actors.eco, 'pageSize=2&page=2&sort=reportedAt');
    expect(first).toMatchObject({ page: 1, pageSize: 2, total: 3 });
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect([...first.items, ...second.items].map((item) => item.code)).toEqual(codes);
    const descending = await list(actors.eco, 'sort=-reportedAt');
    expect(descending.items.map((item) => item.code)).toEqual([...codes].reverse());

    expect((await list(actors.eco, 'category=river_sand_mining')).items.map((i) => i.code)).toEqual([
      codes[2],
    ]);
    expect((await list(actors.eco, 'severity=major')).items.map((i) => i.code)).toEqual([codes[1]]);
    expect((await list(actors.eco, 'township=T-GUZHOU&unit=WRB')).total).toBe(3);
    const statusOf = new Map(all.items.map((item) => [item.code, item.status]));
    expect((await list(actors.eco, `status=${statusOf.get(codes[0])}`)).items.map((i) => i.code)).toContain(
      codes[0],
    );
    expect(
      (await list(actors.eco, `status=${statusOf.get(codes[0])}&severity=general`)).items.every(
        (i) => i.status === statusOf.get(codes[0]) && i.severity === 'general',
      ),
    ).toBe(true);
    expect((await list(actors.eco, 'township=T-ZAIHAO')).total).toBe(0);
    expect((await list(actors.eco, 'unit=ULE&category=domestic_waste')).total).toBe(2);
    expect((await list(actors.eco, 'overdue=true')).total).toBe(0);
    expect((await list(actors.eco, 'escalationLevel=1')).total).toBe(0);
    expect((await list(actors.eco, 'countySupervision=false&accountability=false')).total).toBe(3);
    expect(
      (await list(actors.eco, `reportedFrom=${daysFromNow(0)}&reportedTo=${daysFromNow(0)}`)).total,
    ).toBe(3);
    expect((await list(actors.eco, `reportedFrom=${daysFromNow(1)}`)).total).toBe(0);
    expect((await list(actors.eco, `reportedTo=${daysFromNow(-1)}`)).total).toBe(0);
  });

  it('text search takes % and _ literally', async () => {
    const { body } = await get(actors.eco, `/api/v1/issues?text=${encodeURIComponent('100%_')}`).expect(200);
    expect((body.items as IssueListItem[]).map((item) => item.code)).toContain(codes[1]);
    expect((body.items as IssueListItem[]).every((item) => item.title.includes('100%_'))).toBe(true);
    const none = await get(actors.eco, `/api/v1/issues?text=${encodeURIComponent(`${marker}%采砂_`)}`).expect(
      200,
    );
    expect(none.body.total).toBe(0);
  });

  it('scope: a unit sees the issues in its ledgers; county heads see all; an unrelated unit none', async () => {
    expect((await list(actors.wrbMember, '')).total).toBe(3); // finder
    expect((await list(actors.township, '')).total).toBe(3); // territorial owner, in its ledger from the start
    expect((await list(actors.forMember, '')).total).toBe(0);
    expect((await list(actors.chief, '')).total).toBe(3);
    expect((await list(actors.deputyChief, '')).total).toBe(3);
  });

  it('L1: a report within 50 m of an open issue of the same category lists it as a possible duplicate', async () => {
    const near = north(base, 2030);
    const { body } = await post(actors.uleMember, '/api/v1/issues', report({ location: near })).expect(201);
    expect(body.possibleDuplicates).toEqual([
      expect.objectContaining({ code: codes[0], status: 'reported', distanceMetres: expect.any(Number) }),
    ]);
    expect(body.possibleDuplicates[0].distanceMetres).toBeGreaterThan(20);
    expect(body.possibleDuplicates[0].distanceMetres).toBeLessThan(40);

    const at = north(base, 2000);
    const nearby = await get(
      actors.forMember,
      `/api/v1/issues/possible-duplicates?category=domestic_waste&lat=${at.lat}&lng=${at.lng}`,
    ).expect(200);
    expect((nearby.body as Array<{ code: string }>).map((d) => d.code)).toContain(codes[0]);

    const far = north(base, 2080);
    const none = await get(
      actors.forMember,
      `/api/v1/issues/possible-duplicates?category=domestic_waste&lat=${far.lat}&lng=${far.lng}`,
    ).expect(200);
    expect((none.body as Array<{ code: string }>).map((d) => d.code)).not.toContain(codes[0]);
    const otherCategory = await get(
      actors.forMember,
      `/api/v1/issues/possible-duplicates?category=open_burning&lat=${at.lat}&lng=${at.lng}`,
    ).expect(200);
    expect(otherCategory.body).toEqual([]);

    const away = await post(
      actors.uleMember,
      '/api/v1/issues',
      report({ location: north(base, 9000) }),
    ).expect(201);
    expect(away.body.possibleDuplicates).toEqual([]);
  });

  it.each([
    'pageSize=201',
    'pageSize=0',
    'page=abc',
    'overdue=maybe',
    'sort=title',
    'status=nope',
    'reportedFrom=2026-02-30',
    'escalationLevel=-1',
    'unit=%27%3B%20DROP%20TABLE%20issues%3B--',
    'bogus=1',
    `text=${'x'.repeat(101)}`,
  ])('refuses %s with 400 problem+json', async (query) => {
    const response = await get(actors.eco, `/api/v1/issues?${query}`).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('possible-duplicates is its own route, and checks its coordinates', async () => {
    const missing = await get(actors.eco, '/api/v1/issues/possible-duplicates').expect(400);
    expect(missing.body.code).toBe('validation-failed');
    await get(actors.eco, '/api/v1/issues/possible-duplicates?category=x&lat=91&lng=0').expect(400);
    await get(actors.eco, '/api/v1/issues/possible-duplicates?category=x&lat=NaN&lng=0').expect(400);
    await server().get('/api/v1/issues').expect(401);
  });
});
