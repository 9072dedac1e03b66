import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { OrganisationImportService } from '../../api/organisation/organisation-import.service';
import { publicGridListing, staffingReport } from '../../persistence/repositories/organisation.repository';
import { openDataSource } from '../../persistence/data-source';
import { COUNTY_UNITS, DEMO_NONCOMPLIANT_GRID, DEMO_UNITS } from '../../persistence/seed/catalog.seed';
import { seed } from '../../persistence/seed/seed';
import { testServers } from '../support/servers';

type Cell = string | number | null;

/** Units of this file only, so its members never become recipients of another file's notices. */
const UNITS = [
  { code: 'IT-DEPT', name: '集成测试局', kind: 'department', parent: 'COUNTY' },
  { code: 'IT-TOWN', name: '集成测试镇', kind: 'township', parent: 'COUNTY' },
  { code: 'IT-VIL', name: '集成测试村', kind: 'village', parent: 'IT-TOWN' },
];

const GRIDS: Cell[][] = [
  ['单位', '网格编号', '网格名称', '类型', '上级网格', '所在村'],
  ['集成测试局', 'IT-DEPT-01', '测试河段网格', '行业网格', null, null],
  ['集成测试镇', 'IT-TOWN-V01', '集成测试村网格', '村级网格', null, '集成测试村'],
  ['集成测试镇', 'IT-TOWN-V01-P1', '集成测试村东片', '分片', 'IT-TOWN-V01', '集成测试村'],
];

const MEMBERS: Cell[][] = [
  [
    '单位',
    '网格',
    '姓名',
    '职务/角色',
    '是否科级干部',
    '是否直接负责人',
    '岗位',
    '联系电话',
    '公开联系方式',
    '电子邮箱',
    '是否公开',
  ],
  [
    '集成测试局',
    null,
    '甲局长',
    '分网格长',
    '是',
    '否',
    null,
    '13900000001',
    '0855-1000001',
    'head@it.example',
    '是',
  ],
  ['集成测试局', null, '乙副局长', '副分网格长', '是', '否', null, '13900000002', null, null, '是'],
  [
    '集成测试局',
    'IT-DEPT-01',
    '丙科长',
    '网格员',
    '是',
    '是',
    null,
    '13900000003',
    '0855-1000003',
    'c@it.example',
    '是',
  ],
  ['集成测试局', 'IT-DEPT-01', '丁', '网格员', '否', '否', null, '13900000004', null, 'd@it.example', '是'],
  ['集成测试局', 'IT-DEPT-01', '戊', '网格员', '否', '否', null, '13900000005', null, null, '否'],
  ['集成测试镇', null, '己镇长', '网格长', '是', '否', null, '13900000006', null, null, '是'],
  ['集成测试镇', null, '庚副镇长', '副网格长', '是', '否', null, '13900000007', null, null, '是'],
  ['集成测试镇', 'IT-TOWN-V01', '辛', '网格员', '是', '是', null, '13900000008', null, null, '是'],
  ['集成测试镇', 'IT-TOWN-V01', '壬', '网格员', '否', '否', '驻村第一书记', '13900000009', null, null, '是'],
  ['集成测试镇', 'IT-TOWN-V01', '癸', '网格员', '否', '否', '驻村干部', '13900000010', null, null, '是'],
  [
    '集成测试村',
    'IT-TOWN-V01',
    '子书记',
    '村级网格员',
    '否',
    '否',
    '支部书记',
    '13900000011',
    '村委会',
    null,
    '是',
  ],
  ['集成测试村', 'IT-TOWN-V01-P1', '丑', '保洁员', '否', '否', null, '13900000012', null, null, '是'],
];

async function workbook(members: Cell[][] = MEMBERS): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const grids = book.addWorksheet('网格');
  GRIDS.forEach((row) => grids.addRow(row));
  const people = book.addWorksheet('网格员');
  members.forEach((row) => people.addRow(row));
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe(OrganisationImportService.name, () => {
  let dataSource: DataSource;
  let service: OrganisationImportService;
  const counts = async () => {
    const [row] = await dataSource.query<Array<{ grids: number; members: number }>>(
      `SELECT (SELECT count(*)::int FROM grids WHERE unit_code LIKE 'IT-%') AS grids,
              (SELECT count(*)::int FROM members WHERE unit_code LIKE 'IT-%') AS members`,
    );
    return row;
  };

  beforeAll(async () => {
    dataSource = await openDataSource(testServers().databaseUrl, { poolSize: 2 });
    for (const unit of UNITS)
      await dataSource.query(
        `INSERT INTO units (code, name, kind, parent_code) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING`,
        [unit.code, unit.name, unit.kind, unit.parent],
      );
    service = new OrganisationImportService(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('importing a spreadsheet with one bad row imports nothing and names the row', async () => {
    const members = MEMBERS.map((row) => [...row]);
    members[4][3] = '巡河员'; // spreadsheet row 5 of 网格员: a role the plan does not have
    const outcome = await service.importFiles([
      { filename: '网格化名单.xlsx', buffer: await workbook(members) },
    ]);
    expect(outcome).toEqual({
      ok: false,
      issues: [
        {
          sheet: '网格员',
          row: 5,
          field: '职务/角色',
          message: '职务/角色“巡河员”无法识别',
          messageEn: 'unknown role "巡河员"',
        },
      ],
    });
    expect(await counts()).toEqual({ grids: 0, members: 0 });
  });

  it('a good file imports in one transaction and re-imports without duplicates', async () => {
    const file = { filename: '网格化名单.xlsx', buffer: await workbook() };
    const dryRun = await service.importFiles([file], { dryRun: true });
    expect(dryRun).toMatchObject({ ok: true, dryRun: true, grids: { inserted: 3 } });
    expect(await counts()).toEqual({ grids: 0, members: 0 });

    expect(await service.importFiles([file])).toEqual({
      ok: true,
      dryRun: false,
      // G7: a workbook without a 区域 column draws no areas.
      areas: { grids: 0, units: 0 },
      grids: { inserted: 3, updated: 0 },
      members: { inserted: 12, updated: 0 },
    });
    expect(await counts()).toEqual({ grids: 3, members: 12 });
    const [leader] = await dataSource.query(
      `SELECT unit_code, grid_code, roles, is_section_cadre, post, phone, public FROM members WHERE name = '丙科长'`,
    );
    expect(leader).toEqual({
      unit_code: 'IT-DEPT',
      grid_code: 'IT-DEPT-01',
      roles: ['grid_member', 'direct_leader'],
      is_section_cadre: true,
      post: null,
      phone: '13900000003',
      public: true,
    });
    const [subArea] = await dataSource.query(
      `SELECT kind, parent_grid_code FROM grids WHERE code = 'IT-TOWN-V01-P1'`,
    );
    expect(subArea).toEqual({ kind: 'sub_area', parent_grid_code: 'IT-TOWN-V01' });

    // The same file again: nothing new, nothing changed.
    expect(await service.importFiles([file])).toEqual({
      ok: true,
      dryRun: false,
      // G7: a workbook without a 区域 column draws no areas.
      areas: { grids: 0, units: 0 },
      grids: { inserted: 0, updated: 0 },
      members: { inserted: 0, updated: 0 },
    });
    expect(await counts()).toEqual({ grids: 3, members: 12 });

    // A corrected row updates that member in place (natural key: unit + name + phone).
    const corrected = MEMBERS.map((row) => [...row]);
    corrected[4][8] = '0855-1000004';
    expect(
      await service.importFiles([{ filename: 'v2.xlsx', buffer: await workbook(corrected) }]),
    ).toMatchObject({
      ok: true,
      members: { inserted: 0, updated: 1 },
    });
    expect(await counts()).toEqual({ grids: 3, members: 12 });

    // The imported organisation satisfies G2–G4; its grids have no areas yet, which G7 reports.
    const findings = (await staffingReport(dataSource)).filter((f) => f.unitCode.startsWith('IT-'));
    expect(findings.map((f) => [f.rule, f.code, f.gridCode])).toEqual([
      ['G7', 'grid_no_area', 'IT-DEPT-01'],
      ['G7', 'grid_no_area', 'IT-TOWN-V01'],
    ]);
  });

  it('G5: the public listing of a grid shows name, Chinese role and public contact only', async () => {
    const [grid] = await publicGridListing(dataSource, 'IT-DEPT-01');
    expect(grid).toMatchObject({
      code: 'IT-DEPT-01',
      name: '测试河段网格',
      kindLabel: '行业网格',
      unitName: '集成测试局',
    });
    expect(grid?.heads).toEqual([
      { name: '乙副局长', role: '副分网格长', post: null, contact: null },
      { name: '甲局长', role: '分网格长', post: null, contact: '0855-1000001' },
    ]);
    expect(grid?.members).toEqual([
      { name: '丙科长', role: '网格员、直接负责人', post: null, contact: '0855-1000003' },
      { name: '丁', role: '网格员', post: null, contact: '0855-1000004' },
    ]);
    // 戊 chose not to be listed; no phone number or email leaks into the listing.
    const text = JSON.stringify(await publicGridListing(dataSource));
    expect(text).not.toContain('戊');
    expect(text).not.toMatch(/139000000\d\d|@it\.example/);
    const [subArea] = await publicGridListing(dataSource, 'IT-TOWN-V01-P1');
    expect(subArea?.members).toEqual([{ name: '丑', role: '保洁员', post: '保洁员', contact: null }]);
    expect(await publicGridListing(dataSource, 'NO-SUCH-GRID')).toEqual([]);
  });

  it('G6: the demo organisation is compliant except its one deliberately non-compliant grid; seeding is idempotent', async () => {
    await seed(dataSource, { demo: true });
    // Other test files add units of their own to the shared database: judge the seeded organisation only.
    const seeded = new Set([...COUNTY_UNITS, ...DEMO_UNITS].map((u) => u.code));
    const findings = (await staffingReport(dataSource)).filter((f) => seeded.has(f.unitCode));
    expect(findings.map((f) => [f.rule, f.unitCode, f.gridCode, f.code])).toEqual([
      ['G3', 'T-GUZHOU', DEMO_NONCOMPLIANT_GRID, 'grid_members_too_few'],
      ['G3', 'T-GUZHOU', DEMO_NONCOMPLIANT_GRID, 'grid_no_direct_leader'],
      ['G3', 'T-GUZHOU', DEMO_NONCOMPLIANT_GRID, 'grid_no_first_secretary'],
      ['G4', 'T-GUZHOU', DEMO_NONCOMPLIANT_GRID, 'village_no_branch_secretary'],
    ]);
    const [demo] = await dataSource.query(
      `SELECT count(*)::int AS n FROM grids WHERE NOT demo AND code LIKE 'DEMO-%'`,
    );
    expect(demo).toEqual({ n: 0 });
  });
});
