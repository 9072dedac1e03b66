import ExcelJS from 'exceljs';
import request from 'supertest';
import { LEDGER_COLUMNS } from '../../api/ledgers/ledger-export';
import { eventually, startHarness, type Harness } from '../support/harness';
import { actors } from '../support/lifecycle-fixtures';
import { checkPdf, compactText, type PdfCheck } from '../support/pdf-check';
import { bearer } from '../support/tokens';

const marker = `D${Date.now().toString(36)}`;
const HEADERS = LEDGER_COLUMNS.map((column) => column.header);

/** Collects a binary response body into a Buffer. */
function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('printable documents over HTTP', () => {
  let h: Harness;
  let code: string;
  let pdf: request.Response;
  let check: PdfCheck;
  const server = () => request(h.app.getHttpServer());

  beforeAll(async () => {
    h = await startHarness('it-documents');
    const { body } = await server()
      .post('/api/v1/issues')
      .set('authorization', bearer(actors.wrbMember))
      .send({
        title: `${marker} 河道旁堆放生活垃圾`,
        description: '村口河道左岸堆放生活垃圾，渗滤液流入河道。',
        category: 'domestic_waste',
        severity: 'major',
        source: 'resident_visit',
        township: 'T-GUZHOU',
      })
      .expect(201);
    code = body.code as string;
    await eventually(async () => {
      const rows = await h.dataSource.query(`SELECT 1 FROM ledger_entries WHERE issue_code = $1`, [code]);
      return rows.length > 0 ? true : undefined;
    });
    pdf = await server()
      .get('/api/v1/ledgers/WRB/export?format=pdf')
      .set('authorization', bearer(actors.wrbMember))
      .buffer(true)
      .parse(binary)
      .expect(200);
    check = await checkPdf(pdf.body as Buffer, 'ledger-WRB');
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('L2: the ledger exports as a real PDF, a download with a Chinese file name', () => {
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(
      /^attachment; filename="ledger-WRB-\d{4}-\d{2}-\d{2}\.pdf"/,
    );
    expect(pdf.headers['content-disposition']).toContain(encodeURIComponent('县水务局生态环境问题台账'));
    expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(check.pageCount).toBeGreaterThanOrEqual(1);
    // Sixteen columns: landscape A4.
    expect(check.pageSize[0]).toBeCloseTo(841.89, 0);
    expect(check.pageSize[1]).toBeCloseTo(595.28, 0);
  });

  it('L2: page 1 renders the Chinese title and table header in the embedded Noto Sans SC (no missing glyphs)', () => {
    const page1 = compactText(check, 0);
    expect(page1).toContain('县水务局生态环境问题台账');
    for (const header of [
      '问题编号',
      '问题标题',
      '问题类别',
      '严重程度',
      '台账角色',
      '当前状态',
      '销号时间',
    ]) {
      expect(page1).toContain(header);
    }
    expect(page1).toContain('台账单位：县水务局');
    expect(check.pages[0].fonts.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\+NotoSansSC-Regular$/),
        expect.stringMatching(/\+NotoSansSC-Bold$/),
      ]),
    );
    expect(check.render.glyphCoverage).toBe(1);
    expect(check.render.missing).toBe('');
    expect(check.render.inkFraction).toBeGreaterThan(0.01);
    expect(check.pages[0].text).toContain(`第 1 页 / 共 ${check.pageCount} 页`);
  });

  it('L2: the PDF carries the same cells as the spreadsheet: the new issue’s line with its Chinese labels', () => {
    const all = compactText(check);
    const at = all.indexOf(code);
    expect(at).toBeGreaterThan(-1);
    const line = all.slice(at, at + 200);
    expect(line).toContain(`${marker}河道旁堆放生活垃圾`);
    expect(line).toContain('城乡生活垃圾收集处理');
    expect(line).toContain('重大问题');
    expect(line).toContain('县综合行政执法局');
    expect(line).toContain('发现单位');
    expect(line).toContain('已上报');
    expect(compactText(check, 0)).toMatch(/重大问题：[1-9]/);
  });

  it('L2: the XLSX reads back with exceljs: title, and the same Chinese headers as the PDF', async () => {
    const response = await server()
      .get('/api/v1/ledgers/WRB/export?format=xlsx')
      .set('authorization', bearer(actors.eco))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as Parameters<ExcelJS.Xlsx['load']>[0]);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell(1, 1).value).toBe('县水务局生态环境问题台账');
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(HEADERS);
    let found: unknown[] | undefined;
    sheet.eachRow((row, n) => {
      if (n > 3 && row.getCell(2).value === code) found = (row.values as unknown[]).slice(1);
    });
    expect(found?.slice(2, 5)).toEqual([`${marker} 河道旁堆放生活垃圾`, '城乡生活垃圾收集处理', '重大问题']);
  });

  it('scope and input: the PDF has the ledger’s scope; an unknown format is a 400 naming the field', async () => {
    const refused = await server()
      .get('/api/v1/ledgers/WRB/export?format=pdf')
      .set('authorization', bearer(actors.uleMember))
      .expect(403);
    expect(refused.body.code).toBe('ledger-not-in-scope');
    const bad = await server()
      .get('/api/v1/ledgers/WRB/export?format=docx')
      .set('authorization', bearer(actors.eco))
      .expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors[0]).toMatchObject({ field: 'format', rule: 'isIn' });
  });
});
