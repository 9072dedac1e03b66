import ExcelJS from 'exceljs';
import request from 'supertest';
import { BattleMapController } from '../../api/battle-map/battle-map.controller';
import type { BattleMap, BattleMapGrid } from '../../domain/duties/battle-map/battle-map';
import type { Actor } from '../../domain/organisation/roles';
import { DEMO_NONCOMPLIANT_GRID } from '../../persistence/seed/catalog.seed';
import { eventually, startHarness, type Harness } from '../support/harness';
import { daysFromNow, IssueApi } from '../support/http-lifecycle';
import { actors } from '../support/lifecycle-fixtures';
import { checkPdf, compactText } from '../support/pdf-check';
import { bearer } from '../support/tokens';

/** A 村级网格员 of the demo village under 古州镇: a member of the village unit, working in the township's grid. */
const villageMember: Actor = {
  id: 'demo-t-guzhou-branch-secretary',
  name: '演示-T-GUZHOU支部书记',
  unitCode: 'V-GUZHOU-01',
  roles: ['village_member'],
};

function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe(BattleMapController.name, () => {
  let h: Harness;
  let api: IssueApi;
  const server = () => request(h.app.getHttpServer());
  const get = (who: Actor, url: string) => server().get(url).set('authorization', bearer(who));
  const mapOf = async (who: Actor, unit: string) =>
    (await get(who, `/api/v1/units/${unit}/battle-map`).expect(200)).body as BattleMap;

  beforeAll(async () => {
    h = await startHarness('it-battle-map');
    api = new IssueApi(h);
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('P9: the demo township’s 作战图: its heads, village grids with 分片, 直接负责人, members and key points', async () => {
    const map = await mapOf(actors.township, 'T-GUZHOU');
    expect(map.unit).toEqual({ code: 'T-GUZHOU', name: '古州镇（演示）', kind: 'township' });
    expect(map.organisation.heads.map((p) => p.id)).toContain('demo-t-guzhou-head');
    expect(map.organisation.heads[0].roleLabels).toContain('网格长');
    expect(map.organisation.deputies.map((p) => p.id)).toContain('demo-t-guzhou-deputy');

    const village = map.grids.find((g) => g.code === 'DEMO-T-GUZHOU-V01') as BattleMapGrid;
    expect(village.kindLabel).toBe('村级网格');
    expect(village.directLeader).toMatchObject({ id: 'demo-t-guzhou-leader', isSectionCadre: true });
    const posts = Object.fromEntries(village.members.map((p) => [p.id, p.post]));
    expect(posts).toMatchObject({
      'demo-t-guzhou-first-secretary': '驻村第一书记',
      'demo-t-guzhou-stationed': '驻村干部',
      // The 支部书记 belongs to the village unit yet works in the township's grid.
      'demo-t-guzhou-branch-secretary': '支部书记',
    });
    expect(village.subAreas.map((g) => g.code)).toEqual(['DEMO-T-GUZHOU-V01-P1']);
    expect(village.subAreas[0].members.map((p) => p.post)).toEqual(['护林员']);
    expect(village.keyPoints).toEqual([
      expect.objectContaining({
        id: 'demo-kp-guzhou-01',
        name: '示范村饮用水水源地（演示）',
        lat: 25.9317,
        lng: 108.5213,
      }),
    ]);
    expect(map.grids.find((g) => g.code === DEMO_NONCOMPLIANT_GRID)?.directLeader).toBeNull();
    expect(map.duties.statement).toContain('属地管理');
    expect(map.duties.standing).toContain('每个网格每周巡查不少于1次（P1）');
  });

  it('P9: a department’s duties are the catalog categories it owns', async () => {
    const map = await mapOf(actors.uleMember, 'ULE');
    expect(map.duties.categories.map((c) => c.name)).toEqual(
      expect.arrayContaining(['城乡生活垃圾收集处理', '餐厨油烟污染', '生活噪声']),
    );
    expect(map.grids.map((g) => g.code)).toContain('DEMO-ULE-01');
    expect(map.organisation.heads.map((p) => p.id)).toContain('demo-ule-head');
  });

  it('P9: the rectification timetable carries the 五定 plan (责任人、时限、节点) for the owner and the township', async () => {
    const code = await api.prepare('rectifying');
    const entry = await eventually(async () => {
      const map = await mapOf(actors.uleMember, 'ULE');
      const found = map.timetable.find((e) => e.code === code);
      return found?.timeLimit ? { map, found } : undefined;
    });
    expect(entry.found).toMatchObject({
      title: '河道旁堆放生活垃圾',
      categoryName: '城乡生活垃圾收集处理',
      status: 'rectifying',
      roles: ['owner', 'sector_owner'],
      responsibleUnit: '县综合行政执法局',
      responsiblePerson: '执法局直接负责人',
      timeLimit: daysFromNow(30),
      overdue: false,
      escalationLevel: 0,
    });
    expect(entry.found.milestones).toEqual([{ date: daysFromNow(10), description: '清运' }]);
    // Sorted by due date, undated last.
    const due = entry.map.timetable.map((e) => (e.dueAt ? Date.parse(e.dueAt) : Infinity));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    const township = await mapOf(actors.township, 'T-GUZHOU');
    expect(township.timetable.find((e) => e.code === code)?.roles).toEqual(['territorial_owner']);
    // The finder transferred it: it is no longer on 水务局's map.
    expect((await mapOf(actors.wrbMember, 'WRB')).timetable.map((e) => e.code)).not.toContain(code);
  });

  it('P9: readable by the unit (and its villages), 县环委办 and the county heads; 403 for another unit’s member', async () => {
    const refused = await get(actors.uleMember, '/api/v1/units/T-GUZHOU/battle-map').expect(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('battle-map-not-in-scope');
    await get(actors.township, '/api/v1/units/ULE/battle-map').expect(403);
    await get(actors.township, '/api/v1/units/COUNTY/battle-map').expect(403);
    await get(villageMember, '/api/v1/units/T-GUZHOU/battle-map').expect(200);
    await get(actors.eco, '/api/v1/units/T-GUZHOU/battle-map').expect(200);
    await get(actors.chief, '/api/v1/units/ULE/battle-map').expect(200);
    await get(actors.deputyChief, '/api/v1/units/WRB/battle-map').expect(200);
    await server().get('/api/v1/units/T-GUZHOU/battle-map').expect(401);
  });

  it('P9: bad input is a 4xx naming the field', async () => {
    expect((await get(actors.eco, '/api/v1/units/NOPE/battle-map').expect(404)).body.code).toBe(
      'unit-not-found',
    );
    const code = await get(actors.eco, `/api/v1/units/${encodeURIComponent("T' OR 1=1")}/battle-map`).expect(
      400,
    );
    expect(code.body.errors[0]).toMatchObject({ field: 'unitCode' });
    const format = await get(actors.eco, '/api/v1/units/T-GUZHOU/battle-map?format=docx').expect(400);
    expect(format.body.errors[0]).toMatchObject({ field: 'format', rule: 'isIn' });
  });

  it('P9: the 作战图 prints as a PDF whose Chinese renders, and as an XLSX with a sheet per part', async () => {
    const pdf = await get(actors.township, '/api/v1/units/T-GUZHOU/battle-map?format=pdf')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('battle-map-T-GUZHOU.pdf');
    const check = await checkPdf(pdf.body as Buffer, 'battle-map-T-GUZHOU');
    expect(compactText(check, 0)).toContain('古州镇（演示）网格监管作战图');
    expect(compactText(check, 0)).toContain('一、组织体系');
    const text = compactText(check);
    for (const part of ['二、工作职责', '三、网格划分', '四、重点监控区域和点位', '五、问题整改时间表'])
      expect(text).toContain(part);
    expect(text).toContain('示范村饮用水水源地（演示）');
    expect(text).toContain('25.9317');
    expect(check.render.glyphCoverage).toBe(1);
    expect(check.pages[0].fonts.map((f) => f.name).join()).toContain('NotoSansSC');

    const xlsx = await get(actors.eco, '/api/v1/units/T-GUZHOU/battle-map?format=xlsx')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as Parameters<ExcelJS.Xlsx['load']>[0]);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '说明',
      '一、组织体系',
      '三、网格划分',
      '四、重点监控区域和点位',
      '五、问题整改时间表',
    ]);
    const grids = workbook.getWorksheet('三、网格划分')!;
    expect((grids.getRow(2).values as unknown[]).slice(1)).toEqual([
      '序号',
      '网格编号',
      '网格名称',
      '类型',
      '所在村',
      '直接负责人',
      '网格员',
      '重点点位',
    ]);
    const codes: unknown[] = [];
    grids.eachRow((row, n) => n > 2 && codes.push(row.getCell(2).value));
    expect(codes).toEqual(
      expect.arrayContaining(['DEMO-T-GUZHOU-V01', 'DEMO-T-GUZHOU-V01-P1', DEMO_NONCOMPLIANT_GRID]),
    );
  });
});
