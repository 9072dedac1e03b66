import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import {
  parseOrganisationSheets,
  parseRoleNames,
  type ImportContext,
} from '../../domain/organisation/import';
import { readSpreadsheet } from '../../api/organisation/spreadsheet-reader';

const context: ImportContext = {
  units: [
    { code: 'COUNTY', name: '榕江县人民政府', kind: 'county_government', parentCode: null },
    { code: 'WRB', name: '县水务局', kind: 'department', parentCode: 'COUNTY' },
    { code: 'T-GUZHOU', name: '古州镇（演示）', kind: 'township', parentCode: 'COUNTY' },
    { code: 'V-GUZHOU-01', name: '古州镇示范村（演示）', kind: 'village', parentCode: 'T-GUZHOU' },
  ],
  grids: [{ code: 'OLD-1', unitCode: 'WRB', name: '已有网格', kind: 'sector' }],
};

type Cell = string | number | boolean | null;

async function workbook(sheets: Record<string, Cell[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    rows.forEach((row) => sheet.addRow(row));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function parseWorkbook(sheets: Record<string, Cell[][]>) {
  const read = await readSpreadsheet({ filename: 'org.xlsx', buffer: await workbook(sheets) });
  expect(read.issues).toEqual([]);
  return parseOrganisationSheets(read.sheets, context);
}

const GRID_HEADER: Cell[] = ['单位', '网格编号', '网格名称', '类型', '上级网格', '所在村'];
const MEMBER_HEADER: Cell[] = [
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
];

describe('organisation import parser', () => {
  it('reads a county office workbook: tolerant headers, unit names, Chinese role names', async () => {
    const parsed = await parseWorkbook({
      网格划分: [
        // Full-width slash and brackets, stray spaces and a required-mark: still the same headers.
        ['单 位', ' 网格编号* ', '网格名称', '类型', '上级网格', '所在村（社区）'],
        ['县水务局', 'W-01', '车江河道网格', '行业网格', null, null],
        ['古州镇（演示）', 'GZ-01', '高增村网格', '村级网格', null, '高增村'],
        ['古州镇(演示)', 'GZ-01-P1', '高增村河边片区', null, '高增村网格', '高增村'],
      ],
      网格员名单: [
        ['榕江县古州镇生态环境网格员名单'], // a title row above the header
        [
          '单位',
          '网格',
          '姓名',
          '职务／角色',
          '是否科级干部（是/否）',
          '是否直接负责人',
          '岗　位',
          '联系电话',
          '公开联系方式',
          '电子邮箱',
        ],
        [
          '县水务局',
          'W-01',
          '张三',
          '网格员',
          '是',
          '是',
          null,
          13800000001,
          '0855-6621001',
          'zs@example.cn',
        ],
        ['榕江县人民政府', null, '县长', '总网格长', '否', '否', null, null, null, null],
        ['WRB', null, '局长', '分网格长', '否', null, null, null, null, null],
        ['古州镇（演示）', '高增村网格', '钱七', '网格员', '否', '否', '驻村第一书记', null, null, null],
        ['古州镇示范村（演示）', 'GZ-01', '周九', '支部书记', null, null, null, null, '村委会', null],
        ['古州镇示范村（演示）', 'GZ-01-P1', '吴十', '护林员', null, null, null, null, null, null],
      ],
    });
    expect(parsed.issues).toEqual([]);
    expect(parsed.grids.map((g) => [g.code, g.unitCode, g.kind, g.parentGridCode, g.village])).toEqual([
      ['W-01', 'WRB', 'sector', null, null],
      ['GZ-01', 'T-GUZHOU', 'village', null, '高增村'],
      ['GZ-01-P1', 'T-GUZHOU', 'sub_area', 'GZ-01', '高增村'],
    ]);
    const byName = Object.fromEntries(parsed.members.map((m) => [m.name, m]));
    expect(byName['张三']).toMatchObject({
      sheet: '网格员名单',
      row: 3,
      unitCode: 'WRB',
      gridCode: 'W-01',
      roles: ['grid_member', 'direct_leader'],
      isSectionCadre: true,
      phone: '13800000001', // a number cell, not 1.38e+10
      publicContact: '0855-6621001',
      email: 'zs@example.cn',
      public: true,
    });
    expect(byName['县长']?.roles).toEqual(['chief']);
    expect(byName['局长']).toMatchObject({ unitCode: 'WRB', roles: ['sector_head'], gridCode: null });
    expect(byName['钱七']).toMatchObject({ gridCode: 'GZ-01', post: '驻村第一书记' });
    expect(byName['周九']).toMatchObject({
      roles: ['village_member'],
      post: '支部书记',
      unitCode: 'V-GUZHOU-01',
    });
    expect(byName['吴十']).toMatchObject({ roles: ['public_welfare'], post: '护林员', gridCode: 'GZ-01-P1' });
  });

  it('maps every Chinese role name of the plan to MEMBER_ROLES', () => {
    const cases: Array<[string, string[]]> = [
      ['总网格长', ['chief']],
      ['副总网格长', ['deputy_chief']],
      ['联络员', ['liaison']],
      ['分网格长', ['sector_head']],
      ['副分网格长', ['sector_deputy']],
      ['网格长', ['grid_head']],
      ['副网格长', ['grid_deputy']],
      ['网格员', ['grid_member']],
      ['村级网格员', ['village_member']],
      ['护林员', ['public_welfare']],
      ['保洁员', ['public_welfare']],
      ['管水员', ['public_welfare']],
      ['网格员、直接负责人', ['grid_member', 'direct_leader']],
    ];
    for (const [label, roles] of cases) expect([label, parseRoleNames(label).roles]).toEqual([label, roles]);
    expect(parseRoleNames('网格员，巡河员').unknown).toEqual(['巡河员']);
  });

  it('names every bad row with its sheet, spreadsheet row number, field and a Chinese and English message', async () => {
    const parsed = await parseWorkbook({
      网格: [
        GRID_HEADER,
        ['县水务局', 'W-01', '车江河道网格', null, null, null],
        ['县水务局', 'W-01', '重复编号', null, null, null], // row 3: duplicate code
        ['县农业局', 'A-01', '不存在的单位', null, null, null], // row 4: unknown unit
        ['古州镇（演示）', 'GZ-P', '片区', '分片', 'W-01', null], // row 5: parent is not a village grid
      ],
      人员: [
        MEMBER_HEADER,
        ['县水务局', 'W-01', '张三', '网格员', '是', '是', null, '13800000001', null, null],
        ['县水务局', 'W-01', '李四', '巡河员', null, null, null, null, null, null], // row 3: unknown role
        ['县水务局', 'W-01', '王五', '网格员', '也许', null, null, null, null, null], // row 4: not 是/否
        ['县水务局', 'W-01', '赵六', '网格员', null, null, null, 'abc', null, 'not-an-email'], // row 5
        ['县水务局', null, '钱七', '网格员', null, null, null, null, null, null], // row 6: no grid
        ['县水务局', null, '孙八', '总网格长', null, null, null, null, null, null], // row 7: misplaced role
        ['县水务局', 'W-01', '张三', '网格员', null, null, null, '13800000001', null, null], // row 8: repeats row 2
        ['县水务局', 'W-99', '周九', '网格员', null, null, null, null, null, null], // row 9: unknown grid
      ],
    });
    expect(parsed.issues.map((i) => [i.sheet, i.row, i.field])).toEqual([
      ['网格', 3, '网格编号'],
      ['网格', 4, '单位'],
      ['网格', 5, '上级网格'],
      ['人员', 3, '职务/角色'],
      ['人员', 4, '是否科级干部'],
      ['人员', 5, '联系电话'],
      ['人员', 5, '电子邮箱'],
      ['人员', 6, '网格'],
      ['人员', 7, '职务/角色'],
      ['人员', 8, '姓名'],
      ['人员', 9, '网格'],
    ]);
    expect(parsed.issues[1]).toEqual({
      sheet: '网格',
      row: 4,
      field: '单位',
      message: '单位“县农业局”不存在',
      messageEn: 'unknown unit "县农业局"',
    });
    for (const issue of parsed.issues) {
      expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
      expect(issue.messageEn).toMatch(/^[\x20-\x7e\u4e00-\u9fff“”"，、]+$/);
    }
  });

  it('says which required column is missing, on the header row', async () => {
    const parsed = await parseWorkbook({
      人员: [
        ['单位', '姓名', '电话'],
        ['县水务局', '张三', '138'],
      ],
    });
    expect(parsed.issues).toEqual([
      {
        sheet: '人员',
        row: 1,
        field: '职务/角色',
        message: '缺少“职务/角色”列',
        messageEn: 'missing column "职务/角色"',
      },
    ]);
  });

  it('reads CSV in UTF-8 with a BOM, without one, and in GBK as Excel saves it on Chinese Windows', async () => {
    const dir = path.join(__dirname, '../fixtures/organisation');
    const grids = await readSpreadsheet({
      filename: 'grids.csv',
      buffer: fs.readFileSync(path.join(dir, 'grids.csv')),
    });
    const withBom = fs.readFileSync(path.join(dir, 'members.csv'));
    expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const variants = [
      { filename: 'members.csv', buffer: withBom },
      { filename: 'members.csv', buffer: withBom.subarray(3) },
      { filename: 'members.csv', buffer: fs.readFileSync(path.join(dir, 'members-gbk.csv')) },
    ];
    const results = [];
    for (const file of variants) {
      const read = await readSpreadsheet(file);
      expect(read.issues).toEqual([]);
      const parsed = parseOrganisationSheets([...grids.sheets, ...read.sheets], context);
      expect(parsed.issues).toEqual([]);
      results.push(
        parsed.members.map((m) => [m.row, m.unitCode, m.gridCode, m.name, m.roles, m.post, m.phone]),
      );
    }
    expect(results[0]).toHaveLength(8);
    expect(results[0]?.[0]).toEqual([
      2,
      'WRB',
      'IMP-WRB-01',
      '张三',
      ['grid_member', 'direct_leader'],
      null,
      '13800000001',
    ]);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('refuses legacy .xls and unreadable workbooks without throwing', async () => {
    const xls = await readSpreadsheet({ filename: '名单.xls', buffer: Buffer.from('x') });
    expect(xls.issues[0]).toMatchObject({ sheet: '名单.xls', row: 0, field: '文件' });
    const broken = await readSpreadsheet({ filename: 'a.xlsx', buffer: Buffer.from('not a zip') });
    expect(broken.issues[0]?.messageEn).toBe('the Excel file cannot be read');
  });
});
