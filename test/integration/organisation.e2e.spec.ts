import ExcelJS from 'exceljs';
import request from 'supertest';
import type { Actor } from '../../domain/organisation/roles';
import { DEMO_NONCOMPLIANT_GRID } from '../../persistence/seed/catalog.seed';
import { startHarness, type Harness } from '../support/harness';
import { bearer } from '../support/tokens';

const eco: Actor = { id: 'demo-eco-1', name: '县环委办干部', unitCode: 'ECO', roles: ['office_staff'] };
const chief: Actor = { id: 'demo-chief', name: '县长', unitCode: 'COUNTY', roles: ['chief'] };
const headA: Actor = { id: 'it-org-head-a', name: '甲局局长', unitCode: 'ORGT-A', roles: ['sector_head'] };
const headB: Actor = { id: 'it-org-head-b', name: '乙局局长', unitCode: 'ORGT-B', roles: ['sector_head'] };
const memberA: Actor = {
  id: 'it-org-member-a',
  name: '甲局网格员',
  unitCode: 'ORGT-A',
  roles: ['grid_member'],
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Collects a binary response body as a Buffer. */
function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('Organisation API', () => {
  let h: Harness;
  const http = () => request(h.app.getHttpServer());
  const as = (actor: Actor) => bearer(actor);

  beforeAll(async () => {
    h = await startHarness('it-organisation');
    for (const [code, name] of [
      ['ORGT-A', '组织测试甲局'],
      ['ORGT-B', '组织测试乙局'],
    ]) {
      const res = await http()
        .post('/api/v1/units')
        .set('Authorization', as(eco))
        .send({ code, name, kind: 'department', parentCode: 'COUNTY' });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    // Leave the shared database as found: other files check the whole organisation's G6 report.
    for (const sql of [
      `DELETE FROM key_points WHERE grid_code IN (SELECT code FROM grids WHERE unit_code LIKE 'ORGT-%')`,
      `DELETE FROM members WHERE unit_code LIKE 'ORGT-%'`,
      `DELETE FROM grids WHERE unit_code LIKE 'ORGT-%'`,
      `DELETE FROM units WHERE code LIKE 'ORGT-%'`,
    ])
      await h?.dataSource.query(sql);
    await h?.stop();
  });

  const problem = (res: request.Response) => {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    return res.body as { code: string; errors?: Array<{ field: string; rule: string }>; rows?: unknown[] };
  };

  it('documents each resource with its own body and query schemas', async () => {
    const { body: openapi } = await http().get('/api/openapi.json').expect(200);
    const bodyOf = (path: string, method: 'post' | 'patch') =>
      (openapi.paths[path][method].requestBody.content['application/json'].schema as { $ref: string }).$ref;
    expect(bodyOf('/api/v1/units', 'post')).toBe('#/components/schemas/CreateUnitDto');
    expect(bodyOf('/api/v1/grids/{code}', 'patch')).toBe('#/components/schemas/UpdateGridDto');
    expect(bodyOf('/api/v1/members', 'post')).toBe('#/components/schemas/CreateMemberDto');
    expect(bodyOf('/api/v1/key-points/{id}', 'patch')).toBe('#/components/schemas/UpdateKeyPointDto');
    expect(bodyOf('/api/v1/responsibility-categories', 'post')).toBe(
      '#/components/schemas/CreateCategoryDto',
    );
    const gridFilters = (openapi.paths['/api/v1/grids'].get.parameters as Array<{ name: string }>).map(
      (p) => p.name,
    );
    expect(gridFilters).toEqual(expect.arrayContaining(['page', 'pageSize', 'unit']));
    expect(openapi.paths['/api/v1/units/{code}'].delete.operationId).toBe('UnitsController_remove');
  });

  it('units: CRUD round trip with ETag and If-Match (428 without, 412 stale)', async () => {
    const created = await http()
      .post('/api/v1/units')
      .set('Authorization', as(eco))
      .send({ code: 'ORGT-TMP', name: '临时单位', kind: 'township', parentCode: 'COUNTY' });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe('/api/v1/units/ORGT-TMP');
    expect(created.headers.etag).toBe('"1"');

    const got = await http().get('/api/v1/units/ORGT-TMP').set('Authorization', as(memberA));
    expect([got.status, got.body.name, got.headers.etag]).toEqual([200, '临时单位', '"1"']);

    const noMatch = await http()
      .patch('/api/v1/units/ORGT-TMP')
      .set('Authorization', as(eco))
      .send({ name: '改名单位' });
    expect([noMatch.status, problem(noMatch).code]).toEqual([428, 'precondition-required']);

    const stale = await http()
      .patch('/api/v1/units/ORGT-TMP')
      .set('Authorization', as(eco))
      .set('If-Match', '"7"')
      .send({ name: '改名单位' });
    expect([stale.status, problem(stale).code]).toEqual([412, 'precondition-failed']);

    const patched = await http()
      .patch('/api/v1/units/ORGT-TMP')
      .set('Authorization', as(eco))
      .set('If-Match', got.headers.etag)
      .send({ name: '改名单位' });
    expect([patched.status, patched.body.name, patched.headers.etag]).toEqual([200, '改名单位', '"2"']);

    const replayed = await http()
      .patch('/api/v1/units/ORGT-TMP')
      .set('Authorization', as(eco))
      .set('If-Match', got.headers.etag)
      .send({ name: '又改名' });
    expect(replayed.status).toBe(412);

    // P6: the counterpart's mailbox, where sealed reports due to the prefecture are sent; a bad address changes nothing.
    const badMailbox = await http()
      .patch('/api/v1/units/ORGT-TMP')
      .set('Authorization', as(eco))
      .set('If-Match', '"2"')
      .send({ prefectureEmail: 'not a mailbox' });
    expect(badMailbox.status).toBe(400);
    expect(problem(badMailbox).errors).toContainEqual(
      expect.objectContaining({
        field: 'prefectureEmail',
        rule: 'isEmail',
        message: '字段 prefectureEmail 必须是电子邮箱地址',
      }),
    );
    const mailbox = await http()
      .patch('/api/v1/units/ORGT-TMP')
      .set('Authorization', as(eco))
      .set('If-Match', '"2"')
      .send({ prefectureCounterpart: '州测试局', prefectureEmail: 'test@prefecture.example' });
    expect([mailbox.status, mailbox.body.prefectureEmail, mailbox.headers.etag]).toEqual([
      200,
      'test@prefecture.example',
      '"3"',
    ]);

    const page = await http().get('/api/v1/units?page=1&pageSize=2').set('Authorization', as(memberA));
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(10);

    const delNoMatch = await http().delete('/api/v1/units/ORGT-TMP').set('Authorization', as(eco));
    expect(delNoMatch.status).toBe(428);
    const del = await http()
      .delete('/api/v1/units/ORGT-TMP')
      .set('Authorization', as(eco))
      .set('If-Match', '"3"');
    expect(del.status).toBe(204);
    expect((await http().get('/api/v1/units/ORGT-TMP').set('Authorization', as(eco))).status).toBe(404);
  });

  it('units: only 县环委办 creates units; a unit still referenced cannot be deleted (409)', async () => {
    const refused = await http()
      .post('/api/v1/units')
      .set('Authorization', as(headA))
      .send({ code: 'ORGT-X', name: '越权单位', kind: 'department' });
    expect([refused.status, problem(refused).code]).toEqual([403, 'actor-not-permitted']);

    const unit = await http().get('/api/v1/units/ULE').set('Authorization', as(eco));
    const inUse = await http()
      .delete('/api/v1/units/ULE')
      .set('Authorization', as(eco))
      .set('If-Match', unit.headers.etag);
    expect([inUse.status, problem(inUse).code]).toEqual([409, 'unit-in-use']);
  });

  it('grids, key points and members: a unit head manages its own unit; round trips; 409 for a grid in use', async () => {
    const grid = await http()
      .post('/api/v1/grids')
      .set('Authorization', as(headA))
      .send({ code: 'ORGT-A-01', unitCode: 'ORGT-A', name: '甲局河段网格', kind: 'sector' });
    expect([grid.status, grid.body.unitCode, grid.headers.etag]).toEqual([201, 'ORGT-A', '"1"']);

    const renamed = await http()
      .patch('/api/v1/grids/ORGT-A-01')
      .set('Authorization', as(headA))
      .set('If-Match', '"1"')
      .send({ name: '甲局一号网格', description: '县城河段' });
    expect([renamed.status, renamed.body.name, renamed.headers.etag]).toEqual([200, '甲局一号网格', '"2"']);

    const point = await http()
      .post('/api/v1/key-points')
      .set('Authorization', as(headA))
      .send({ gridCode: 'ORGT-A-01', name: '排污口', lat: 25.93, lng: 108.52 });
    expect(point.status).toBe(201);
    const pointId = String(point.body.id);
    const movedPoint = await http()
      .patch(`/api/v1/key-points/${pointId}`)
      .set('Authorization', as(headA))
      .set('If-Match', point.headers.etag)
      .send({ name: '一号排污口', lat: null });
    expect([movedPoint.status, movedPoint.body.name, movedPoint.body.lat]).toEqual([200, '一号排污口', null]);

    const member = await http()
      .post('/api/v1/members')
      .set('Authorization', as(headA))
      .send({
        id: 'it-org-a-m1',
        unitCode: 'ORGT-A',
        gridCode: 'ORGT-A-01',
        name: '张科长',
        roles: ['grid_member', 'direct_leader'],
        isSectionCadre: true,
        phone: '13900001111',
        email: 'zhang@it.example',
        publicContact: '0855-1234567',
      });
    expect([member.status, member.body.id, member.body.active]).toEqual([201, 'it-org-a-m1', true]);
    const list = await http()
      .get('/api/v1/members?unit=ORGT-A&pageSize=200')
      .set('Authorization', as(memberA));
    expect(list.body.items.map((m: { id: string }) => m.id)).toEqual(['it-org-a-m1']);

    const inUse = await http()
      .delete('/api/v1/grids/ORGT-A-01')
      .set('Authorization', as(headA))
      .set('If-Match', '"2"');
    expect([inUse.status, problem(inUse).code]).toEqual([409, 'grid-in-use']);
    const unitInUse = await http()
      .delete('/api/v1/units/ORGT-A')
      .set('Authorization', as(eco))
      .set('If-Match', '"1"');
    expect(unitInUse.status).toBe(409);

    const pointGone = await http()
      .delete(`/api/v1/key-points/${pointId}`)
      .set('Authorization', as(headA))
      .set('If-Match', movedPoint.headers.etag);
    expect(pointGone.status).toBe(204);

    const removed = await http()
      .delete('/api/v1/members/it-org-a-m1')
      .set('Authorization', as(headA))
      .set('If-Match', member.headers.etag);
    expect(removed.status).toBe(204);
    const after = await http().get('/api/v1/members/it-org-a-m1').set('Authorization', as(headA));
    expect([after.status, after.body.active, after.body.name]).toEqual([200, false, '张科长']);
  });

  it('authorisation: another unit’s head cannot edit its members (403, nothing changed); no token is 401', async () => {
    const created = await http()
      .post('/api/v1/members')
      .set('Authorization', as(eco))
      .send({ id: 'it-org-a-m2', unitCode: 'ORGT-A', name: '李网格', roles: ['grid_member'] });
    expect(created.status).toBe(201);
    const etag = String(created.headers.etag);

    const edit = await http()
      .patch('/api/v1/members/it-org-a-m2')
      .set('Authorization', as(headB))
      .set('If-Match', etag)
      .send({ name: '被改名' });
    expect([edit.status, problem(edit).code]).toEqual([403, 'actor-not-permitted']);
    const del = await http()
      .delete('/api/v1/members/it-org-a-m2')
      .set('Authorization', as(headB))
      .set('If-Match', etag);
    expect(del.status).toBe(403);
    const move = await http()
      .post('/api/v1/members')
      .set('Authorization', as(headB))
      .send({ unitCode: 'ORGT-A', name: '塞人', roles: ['grid_member'] });
    expect(move.status).toBe(403);
    const plain = await http()
      .patch('/api/v1/members/it-org-a-m2')
      .set('Authorization', as(memberA))
      .set('If-Match', etag)
      .send({ name: '被改名' });
    expect(plain.status).toBe(403);
    const escalate = await http()
      .patch('/api/v1/members/it-org-a-m2')
      .set('Authorization', as(headA))
      .set('If-Match', etag)
      .send({ roles: ['chief'] });
    expect(escalate.status).toBe(403);

    const [row] = await h.dataSource.query<Array<{ name: string; active: boolean; version: number }>>(
      `SELECT name, active, version FROM members WHERE id = 'it-org-a-m2'`,
    );
    expect(row).toEqual({ name: '李网格', active: true, version: 1 });

    for (const [method, path] of [
      ['get', '/api/v1/units'],
      ['get', '/api/v1/members/it-org-a-m2'],
      ['post', '/api/v1/grids'],
      ['patch', '/api/v1/members/it-org-a-m2'],
      ['delete', '/api/v1/members/it-org-a-m2'],
      ['get', '/api/v1/organisation/staffing-report'],
      ['post', '/api/v1/organisation/import'],
    ] as const) {
      const res = await http()[method](path);
      expect([method, path, res.status]).toEqual([method, path, 401]);
    }
  });

  it('validation: malformed, missing, oversized and hostile input is 4xx problem+json naming field and rule, never 5xx', async () => {
    const post = (path: string, body: unknown) =>
      http()
        .post(path)
        .set('Authorization', as(eco))
        .set('Content-Type', 'application/json')
        .send(body as object);
    const cases: Array<[string, request.Test, string | null]> = [
      ['lower-case code', post('/api/v1/units', { code: 'bad code', name: 'x', kind: 'department' }), 'code'],
      ['missing name', post('/api/v1/units', { code: 'ORGT-V1', kind: 'department' }), 'name'],
      ['unknown kind', post('/api/v1/units', { code: 'ORGT-V1', name: 'x', kind: 'planet' }), 'kind'],
      [
        'unknown field',
        post('/api/v1/units', { code: 'ORGT-V1', name: 'x', kind: 'department', admin: true }),
        'admin',
      ],
      [
        'oversized name',
        post('/api/v1/units', { code: 'ORGT-V1', name: 'x'.repeat(10_000), kind: 'department' }),
        'name',
      ],
      [
        'too long code',
        post('/api/v1/grids', { code: 'A'.repeat(40), unitCode: 'ULE', name: 'x', kind: 'sector' }),
        'code',
      ],
      ['bad role', post('/api/v1/members', { unitCode: 'ULE', name: '王', roles: ['emperor'] }), 'roles'],
      ['no roles', post('/api/v1/members', { unitCode: 'ULE', name: '王', roles: [] }), 'roles'],
      [
        'bad phone',
        post('/api/v1/members', { unitCode: 'ULE', name: '王', roles: ['grid_member'], phone: 'call me' }),
        'phone',
      ],
      [
        'bad email',
        post('/api/v1/members', { unitCode: 'ULE', name: '王', roles: ['grid_member'], email: 'nope' }),
        'email',
      ],
      [
        'latitude out of range',
        post('/api/v1/key-points', { gridCode: 'DEMO-WRB-01', name: 'x', lat: 200 }),
        'lat',
      ],
      [
        'SQL in a code',
        post('/api/v1/grids', {
          code: "X'; DROP TABLE grids;--",
          unitCode: 'ULE',
          name: 'x',
          kind: 'sector',
        }),
        'code',
      ],
      [
        'prototype pollution',
        post('/api/v1/units', JSON.parse('{"__proto__": {"admin": true}, "code": "ORGT-V1"}')),
        '__proto__',
      ],
      ['body is an array', post('/api/v1/units', [1, 2]), null],
      [
        'pageSize over 200',
        http().get('/api/v1/members?pageSize=500').set('Authorization', as(eco)),
        'pageSize',
      ],
      ['page not a number', http().get('/api/v1/grids?page=abc').set('Authorization', as(eco)), 'page'],
      [
        'malformed JSON',
        http()
          .post('/api/v1/units')
          .set('Authorization', as(eco))
          .set('Content-Type', 'application/json')
          .send('{"code":'),
        null,
      ],
      [
        'body over the limit',
        http()
          .post('/api/v1/units')
          .set('Authorization', as(eco))
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ code: 'X', name: 'x'.repeat(1_200_000) })),
        null,
      ],
      [
        'unknown unit',
        post('/api/v1/grids', { code: 'ORGT-V2', unitCode: 'NO-SUCH', name: 'x', kind: 'sector' }),
        'unitCode',
      ],
      [
        'grid of another unit',
        post('/api/v1/members', {
          unitCode: 'ULE',
          gridCode: 'DEMO-WRB-01',
          name: '王',
          roles: ['grid_member'],
        }),
        'gridCode',
      ],
      ['duplicate code', post('/api/v1/units', { code: 'ULE', name: 'x', kind: 'department' }), null],
    ];
    for (const [name, pending, field] of cases) {
      const res = await pending;
      const body = problem(res);
      if (field)
        expect([name, body.errors?.some((e) => e.field === field && e.rule.length > 0)]).toEqual([
          name,
          true,
        ]);
    }
    const weird = await http()
      .get(`/api/v1/grids/${encodeURIComponent('../../etc/passwd')}`)
      .set('Authorization', as(eco));
    expect(weird.status).toBe(404);
    const nullName = await http()
      .patch('/api/v1/units/ORGT-B')
      .set('Authorization', as(eco))
      .set('If-Match', '"1"')
      .send({ name: null });
    expect(problem(nullName).code).toBeDefined();
  });

  it('import: one bad row is 422 naming the row and nothing is imported; dryRun writes nothing; 县环委办 only', async () => {
    const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\n'), 'utf8');
    const bad = csv([
      ['单位', '网格编号', '网格名称', '类型'],
      ['ORGT-B', 'ORGT-B-01', '乙局一号网格', '行业网格'],
      ['ORGT-B', 'ORGT-B-02', '乙局二号网格', '火星网格'],
    ]);
    const before = await h.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM grids WHERE unit_code = 'ORGT-B'`,
    );
    const refused = await http()
      .post('/api/v1/organisation/import')
      .set('Authorization', as(eco))
      .attach('files', bad, 'grids.csv');
    expect([refused.status, problem(refused).code]).toEqual([422, 'import-rows-invalid']);
    expect(refused.body.rows).toEqual([expect.objectContaining({ sheet: 'grids', row: 3, field: '类型' })]);
    expect(refused.body.errors[0].message).toContain('第3行');
    const after = await h.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM grids WHERE unit_code = 'ORGT-B'`,
    );
    expect(after).toEqual(before);

    const good = csv([
      ['单位', '网格编号', '网格名称', '类型'],
      ['ORGT-B', 'ORGT-B-01', '乙局一号网格', '行业网格'],
    ]);
    const dry = await http()
      .post('/api/v1/organisation/import?dryRun=true')
      .set('Authorization', as(eco))
      .attach('files', good, 'grids.csv');
    expect([dry.status, dry.body.dryRun, dry.body.grids]).toEqual([200, true, { inserted: 1, updated: 0 }]);
    expect(await h.dataSource.query(`SELECT code FROM grids WHERE code = 'ORGT-B-01'`)).toEqual([]);
    const real = await http()
      .post('/api/v1/organisation/import')
      .set('Authorization', as(eco))
      .attach('files', good, 'grids.csv');
    expect([real.status, real.body.dryRun, real.body.grids]).toEqual([
      200,
      false,
      { inserted: 1, updated: 0 },
    ]);

    const notEco = await http()
      .post('/api/v1/organisation/import')
      .set('Authorization', as(headB))
      .attach('files', good, 'grids.csv');
    expect(notEco.status).toBe(403);
    const wrongType = await http()
      .post('/api/v1/organisation/import')
      .set('Authorization', as(eco))
      .attach('files', Buffer.from('MZ'), 'virus.exe');
    expect(problem(wrongType).errors?.[0]).toMatchObject({ field: 'files', rule: 'file-type' });
    const none = await http()
      .post('/api/v1/organisation/import')
      .set('Authorization', as(eco))
      .field('x', 'y');
    expect(problem(none).code).toBeDefined();
    const empty = await http()
      .post('/api/v1/organisation/import')
      .set('Authorization', as(eco))
      .set('Content-Type', 'multipart/form-data; boundary=xyz')
      .send('--xyz\r\nContent-Disposition: form-data; name="files"; filename="a.csv"\r\n\r\n');
    expect(problem(empty).code).toBeDefined();
    const tooMany = await http()
      .post('/api/v1/organisation/import')
      .set('Authorization', as(eco))
      .attach('files', good, 'a.csv')
      .attach('files', good, 'b.csv')
      .attach('files', good, 'c.csv');
    expect(problem(tooMany).code).toBeDefined();
    const huge = await http()
      .post('/api/v1/organisation/import')
      .set('Authorization', as(eco))
      .attach('files', Buffer.alloc(5 * 1024 * 1024 + 10, 'a'), 'huge.csv');
    expect([huge.status, problem(huge).code]).toEqual([413, 'payload-too-large']);
  });

  it('import template: an xlsx workbook with the Chinese headers', async () => {
    const res = await http()
      .get('/api/v1/organisation/import/template.xlsx')
      .set('Authorization', as(eco))
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['网格', '网格员']);
    expect(workbook.getWorksheet('网格员')!.getRow(1).values).toEqual(
      expect.arrayContaining(['姓名', '职务/角色']),
    );
  });

  it('G5: the public listing needs no token and shows public contacts only', async () => {
    const list = await http().get('/api/v1/public/grids');
    expect(list.status).toBe(200);
    const codes = list.body.items.map((g: { code: string }) => g.code);
    expect(codes).toContain('DEMO-T-GUZHOU-V01');
    const one = await http().get('/api/v1/public/grids/DEMO-T-GUZHOU-V01/members');
    expect(one.status).toBe(200);
    expect(one.body.members.length).toBeGreaterThan(0);
    for (const person of [...one.body.members, ...one.body.heads] as Array<Record<string, unknown>>) {
      expect(Object.keys(person).sort()).toEqual(['contact', 'name', 'post', 'role']);
      expect(person.role).toMatch(/[\u4e00-\u9fa5]/);
    }
    const secrets = await h.dataSource.query<Array<{ phone: string | null; email: string | null }>>(
      `SELECT phone, email FROM members WHERE phone IS NOT NULL OR email IS NOT NULL`,
    );
    const text = JSON.stringify(list.body);
    for (const { phone, email } of secrets) {
      if (phone) expect(text).not.toContain(phone);
      if (email) expect(text).not.toContain(email);
    }
    expect((await http().get('/api/v1/public/grids/NO-SUCH-GRID/members')).status).toBe(404);
  });

  it('G6: the staffing report lists the demo grid that breaks G3', async () => {
    const res = await http().get('/api/v1/organisation/staffing-report').set('Authorization', as(eco));
    expect(res.status).toBe(200);
    expect(res.body.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'G3', gridCode: DEMO_NONCOMPLIANT_GRID })]),
    );
    expect(res.body.total).toBe(res.body.findings.length);
    expect(
      (await http().get('/api/v1/organisation/staffing-report').set('Authorization', as(chief))).status,
    ).toBe(200);
    const refused = await http().get('/api/v1/organisation/staffing-report').set('Authorization', as(headA));
    expect(refused.status).toBe(403);
    const badFormat = await http()
      .get('/api/v1/organisation/staffing-report?format=pdf')
      .set('Authorization', as(eco));
    expect(problem(badFormat).errors?.[0].field).toBe('format');

    const xlsx = await http()
      .get('/api/v1/organisation/staffing-report?format=xlsx')
      .set('Authorization', as(eco))
      .buffer(true)
      .parse(binary);
    expect(xlsx.headers['content-type']).toContain(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual(
      expect.arrayContaining(['规则', '单位名称', '网格编号', '问题说明']),
    );
    const cells: unknown[] = [];
    sheet.eachRow((row) => cells.push(...(row.values as unknown[])));
    expect(cells).toContain(DEMO_NONCOMPLIANT_GRID);
  });
});
