import ExcelJS from 'exceljs';
import request from 'supertest';
import { LedgersController } from '../../api/ledgers/ledgers.controller';
import type { Ledger } from '../../api/ledgers/ledgers.dto';
import { eventually, startHarness, type Harness } from '../support/harness';
import { actors } from '../support/lifecycle-fixtures';
import { bearer } from '../support/tokens';

type Who = (typeof actors)[keyof typeof actors];

const HEADERS = [
  '序号',
  '问题编号',
  '问题标题',
  '问题类别',
  '严重程度',
  '所在乡镇',
  '责任主体（统一社会信用代码）',
  '发现单位',
  '行业主管部门',
  '属地乡镇',
  '台账角色',
  '当前状态',
  '整改时限',
  '当前期限',
  '是否逾期',
  '督办级别',
  '上报时间',
  '销号时间',
];

const marker = `L${Date.now().toString(36)}`;

/** Collects a binary response body into a Buffer. */
function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe(LedgersController.name, () => {
  let h: Harness;
  let code: string;
  const server = () => request(h.app.getHttpServer());
  const get = (who: Who, url: string) => server().get(url).set('authorization', bearer(who));
  const post = (who: Who, url: string, body: object) =>
    server().post(url).set('authorization', bearer(who)).send(body);
  const ledgerOf = async (who: Who, unit: string, query = 'pageSize=200') => {
    const { body } = await get(who, `/api/v1/ledgers/${unit}?${query}`).expect(200);
    return body as Ledger;
  };

  beforeAll(async () => {
    h = await startHarness('it-ledgers');
    const { body } = await post(actors.wrbMember, '/api/v1/issues', {
      title: `${marker} 河道旁堆放生活垃圾`,
      description: '村口河道左岸堆放生活垃圾，渗滤液流入河道。',
      category: 'domestic_waste',
      severity: 'general',
      source: 'resident_visit',
      township: 'T-GUZHOU',
    }).expect(201);
    code = body.code as string;
    await eventually(async () => {
      const rows = await h.dataSource.query(`SELECT 1 FROM ledger_entries WHERE issue_code = $1`, [code]);
      return rows.length > 0 ? true : undefined;
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('the finder reads its own ledger as JSON, paginated', async () => {
    const ledger = await ledgerOf(actors.wrbMember, 'WRB');
    expect(ledger).toMatchObject({ unitCode: 'WRB', unitName: '县水务局', page: 1, pageSize: 200 });
    const line = ledger.items.find((item) => item.issueCode === code);
    expect(line).toMatchObject({
      roles: ['finder'],
      status: 'reported',
      categoryName: '城乡生活垃圾收集处理',
      sectorOwner: 'ULE',
      territorialOwner: 'T-GUZHOU',
      overdue: false,
      escalationLevel: 0,
      closedAt: null,
    });
    const first = await ledgerOf(actors.wrbMember, 'WRB', 'pageSize=1&page=1');
    expect(first.items).toHaveLength(1);
    expect(first.total).toBe(ledger.total);
  });

  it('L2: the finder unit’s ledger exports as XLSX with the Chinese headers', async () => {
    const response = await get(actors.wrbMember, '/api/v1/ledgers/WRB/export?format=xlsx')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain('attachment');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as Parameters<ExcelJS.Xlsx['load']>[0]);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell(1, 1).value).toBe('县水务局生态环境问题台账');
    expect(sheet.getCell(2, 1).text).toMatch(/^导出日期：\d{4}-\d{2}-\d{2}$/);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.getColumn(3).width).toBeGreaterThan(20);
    expect(sheet.getCell(3, 1).font?.bold).toBe(true);
    let found: unknown[] | undefined;
    sheet.eachRow((row, number) => {
      if (number > 3 && row.getCell(2).value === code) found = (row.values as unknown[]).slice(1);
    });
    expect(found).toBeDefined();
    expect(found!.slice(2, 12)).toEqual([
      `${marker} 河道旁堆放生活垃圾`,
      '城乡生活垃圾收集处理',
      '一般问题',
      '古州镇（演示）',
      // L21: no responsible party named on this issue.
      '',
      '县水务局',
      '县综合行政执法局',
      '古州镇（演示）',
      '发现单位',
      '已上报',
    ]);
    // No plan yet: no 整改时限; the current deadline is the finder's, to hand the problem over.
    expect(found![12]).toBe('');
    expect(found![13]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(found![14]).toBe('否');
  });

  it('L2: … and as CSV, UTF-8 with a BOM so Excel opens it', async () => {
    const response = await get(actors.eco, '/api/v1/ledgers/WRB/export?format=csv')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const bytes = response.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('县水务局生态环境问题台账');
    expect(lines[1]).toMatch(/^导出日期：/);
    expect(lines[2]).toBe(HEADERS.join(','));
    expect(lines.find((line) => line.includes(code))).toContain('发现单位');
  });

  it('L6: both owners’ ledgers carry the issue', async () => {
    await post(actors.wrbMember, `/api/v1/issues/${code}/transfer`, {
      toUnit: 'ULE',
      reason: '生活垃圾收运处置属县综合行政执法局职责',
    }).expect(200);
    await post(actors.uleMember, `/api/v1/issues/${code}/accept-transfer`, { note: '已受理' }).expect(200);
    const sector = await eventually(async () => {
      const line = (await ledgerOf(actors.uleMember, 'ULE')).items.find((item) => item.issueCode === code);
      return line;
    });
    expect(sector.roles).toEqual(['sector_owner']);
    const territorial = (await ledgerOf(actors.township, 'T-GUZHOU')).items.find(
      (item) => item.issueCode === code,
    );
    expect(territorial?.roles).toEqual(['territorial_owner']);
    const csv = await get(actors.uleMember, '/api/v1/ledgers/ULE/export?format=csv')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((csv.body as Buffer).toString('utf8')).toContain('行业主管部门');
  });

  it('scope: a unit cannot read or export another unit’s ledger; 县环委办 and the county heads can', async () => {
    const refused = await get(actors.uleMember, '/api/v1/ledgers/WRB').expect(403);
    expect(refused.body.code).toBe('ledger-not-in-scope');
    await get(actors.uleMember, '/api/v1/ledgers/WRB/export?format=xlsx').expect(403);
    await get(actors.township, '/api/v1/ledgers/WRB/export?format=csv').expect(403);
    await get(actors.eco, '/api/v1/ledgers/WRB').expect(200);
    await get(actors.chief, '/api/v1/ledgers/WRB/export').expect(200);
    await get(actors.deputyChief, '/api/v1/ledgers/T-GUZHOU').expect(200);
    await server().get('/api/v1/ledgers/WRB').expect(401);
  });

  it('hostile or bad input is a 4xx', async () => {
    await get(actors.eco, '/api/v1/ledgers/NOPE').expect(404);
    await get(actors.eco, `/api/v1/ledgers/${encodeURIComponent("WRB' OR '1'='1")}`).expect(400);
    await get(actors.eco, '/api/v1/ledgers/WRB/export?format=docx').expect(400);
    await get(actors.eco, '/api/v1/ledgers/WRB?pageSize=1000').expect(400);
    await get(actors.eco, '/api/v1/ledgers/WRB?page=-1').expect(400);
  });
});
