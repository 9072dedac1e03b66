import ExcelJS from 'exceljs';
import { renderPdf, renderXlsx } from '../../documents/render';
import type { PrintableDocument } from '../../domain/documents/printable';
import { checkPdf, compactText, type PdfCheck } from '../support/pdf-check';

const COLUMNS = [
  '序号',
  '问题编号',
  '问题标题',
  '问题类别',
  '严重程度',
  '所在乡镇',
  '整改时限',
  '是否逾期',
  '督办级别',
];
const HASH = '3f1c9a2b'.repeat(8);
const CONTENT_HASH = '0d5e7a41'.repeat(8);

/** A weekly report with a table long enough for several landscape pages (9 columns). */
function longReport(rows = 60): PrintableDocument {
  return {
    title: '县综合行政执法局生态环境保护网格化巡查周报',
    subtitle: '2027年第2周（01-11至01-17）',
    meta: [
      ['报送单位', '县综合行政执法局'],
      ['报送时间', '2027-01-13 11:30'],
      ['说明', '本周报含巡查简报和问题台账，经单位审定后报送县环委办。'],
    ],
    sections: [
      {
        heading: '一、巡查简报',
        paragraphs: [
          '本周共巡查网格3个，开展明查2次、暗查1次，走访群众12户，发现问题60个，其中重大问题0个。',
        ],
      },
      {
        heading: '二、问题台账',
        table: {
          columns: COLUMNS,
          widths: [5, 14, 30, 18, 8, 10, 11, 7, 9],
          rows: Array.from({ length: rows }, (_, i) => [
            i + 1,
            `RJ-2027-${String(i + 1).padStart(4, '0')}`,
            `河道左岸堆放生活垃圾第${i + 1}处，渗滤液流入河道`,
            '城乡生活垃圾收集处理',
            '一般问题',
            '古州镇',
            '2027-02-01',
            i % 7 === 0 ? '是' : '否',
            null,
          ]),
        },
      },
    ],
    seal: {
      unit: '县综合行政执法局',
      approvedBy: '吴局长（分网格长）',
      approvedAt: '2027-01-13 11:30',
      contentHash: CONTENT_HASH,
      approvalHash: HASH,
      signature: { scheme: 'SM2-SM3', keyId: 'sm2-0123456789abcdef' },
    },
    footer: '榕江县生态环境保护网格化管理 · 县综合行政执法局',
  };
}

describe('renderPdf', () => {
  let pdf: Buffer;
  let check: PdfCheck;

  beforeAll(async () => {
    pdf = await renderPdf(longReport());
    check = await checkPdf(pdf, 'weekly-report');
  }, 120_000);

  it('P3: a sealed weekly report renders to the same bytes every time (dated by its approval)', async () => {
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect((await renderPdf(longReport())).equals(pdf)).toBe(true);
    expect(check.metadata.creationDate).toBe('D:20270113033000Z');
    expect(check.metadata.title).toBe('县综合行政执法局生态环境保护网格化巡查周报');
  });

  it('embeds the Noto Sans SC subsets, regular and bold, and every character of page 1 renders', () => {
    const fonts = check.pages[0].fonts.map((f) => f.name);
    expect(fonts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^[A-Z]{6}\+NotoSansSC-Regular$/),
        expect.stringMatching(/^[A-Z]{6}\+NotoSansSC-Bold$/),
      ]),
    );
    expect(check.render.charactersChecked).toBeGreaterThan(200);
    expect(check.render.glyphCoverage).toBe(1);
    expect(check.render.notdef).toBe(0);
    expect(check.render.inkFraction).toBeGreaterThan(0.01);
  });

  it('the Chinese text reads back through the font mapping: title, meta, paragraph and cells', () => {
    const page1 = compactText(check, 0);
    expect(page1).toContain('县综合行政执法局生态环境保护网格化巡查周报');
    expect(page1).toContain('报送单位：县综合行政执法局');
    expect(page1).toContain('走访群众12户');
    expect(page1).toContain('RJ-2027-0001');
    expect(page1).toContain('城乡生活垃圾收集处理');
  });

  it('a table too long for one page repeats its header row on every page it spans', () => {
    const withRows = check.pages
      .map((_, i) => compactText(check, i))
      .filter((page) => page.includes('RJ-2027-'));
    expect(withRows.length).toBeGreaterThan(2);
    for (const page of withRows) expect(page).toContain(COLUMNS.slice(1, 4).join(''));
    // Every row is printed exactly once, none lost at a page break.
    const all = compactText(check);
    for (let i = 1; i <= 60; i += 1) {
      const code = `RJ-2027-${String(i).padStart(4, '0')}`;
      expect(all.split(code).length - 1).toBe(1);
    }
  });

  it('every page carries the footer and 第 n 页 / 共 m 页; later pages the title as a running head', () => {
    check.pages.forEach((page, i) => {
      expect(page.text).toContain(`第 ${i + 1} 页 / 共 ${check.pageCount} 页`);
      expect(page.text).toContain('榕江县生态环境保护网格化管理');
      if (i > 0) expect(page.text).toContain('县综合行政执法局生态环境保护网格化巡查周报');
    });
  });

  it('P3 and P10: the seal block closes the document, each digest labelled with what it covers and the key named', () => {
    const last = compactText(check, check.pageCount - 1);
    expect(last).toContain('审定单位：县综合行政执法局');
    expect(last).toContain('审定人：吴局长（分网格长）');
    expect(last).toContain('审定时间：2027-01-1311:30');
    expect(last).toContain(`内容摘要（SHA-256，审定稿的内容）：${CONTENT_HASH}`);
    expect(last).toContain(`审定摘要（SHA-256，报告编号、稿次、内容摘要、审定人和时间）：${HASH}`);
    expect(last).toContain('榕江县电子签章密钥sm2-0123456789abcdef：SM2数字签名，SM3摘要');
    expect(last).toContain('POST/api/v1/seal/verify');
    expect(compactText(check, 0)).not.toContain('审定人：');
  });

  it('a narrow document is portrait A4; a wide one landscape', async () => {
    expect(check.pageSize[0]).toBeCloseTo(841.89, 0);
    const narrow = await checkPdf(
      await renderPdf({
        title: '会商纪要',
        sections: [
          { heading: '一、参会人员', table: { columns: ['姓名', '单位'], rows: [['张三', '县水务局']] } },
        ],
      }),
      'narrow',
    );
    expect(narrow.pageSize[0]).toBeCloseTo(595.28, 0);
    expect(narrow.pageSize[1]).toBeCloseTo(841.89, 0);
    expect(narrow.pageCount).toBe(1);
  }, 60_000);

  it('an empty table prints its header and （无）; a cell longer than a page is cut, not spilled', async () => {
    const result = await checkPdf(
      await renderPdf({
        title: '空表和超长单元格',
        sections: [
          { heading: '一、空表', table: { columns: ['问题编号', '问题标题'], rows: [] } },
          { heading: '二、超长', table: { columns: ['说明'], rows: [['很长的说明。'.repeat(2500)]] } },
        ],
      }),
      'edge',
    );
    expect(compactText(result, 0)).toContain('问题编号问题标题（无）');
    // The heading is not left alone at the foot of page 1: it moves with its (cut) row to page 2, the last page.
    expect(result.pageCount).toBe(2);
    expect(compactText(result, 1)).toMatch(/^.*二、超长说明很长的说明。/);
    expect(result.pages[1].text).toContain('…');
  }, 60_000);
});

describe('renderXlsx', () => {
  it('a 说明 sheet with title, meta, paragraphs and seal, then one sheet per table with the Chinese headers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderXlsx(longReport(3))) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['说明', '二、问题台账']);
    const notes = workbook.getWorksheet('说明')!;
    const texts: string[] = [];
    notes.eachRow((row) => row.eachCell((cell) => texts.push(cell.text)));
    expect(texts[0]).toBe('县综合行政执法局生态环境保护网格化巡查周报');
    expect(texts).toEqual(
      expect.arrayContaining([
        '报送单位',
        '县综合行政执法局',
        '一、巡查简报',
        '审定单位',
        '审定摘要（SHA-256，报告编号、稿次、内容摘要、审定人和时间）',
        HASH,
      ]),
    );
    expect(texts.some((t) => t.includes('走访群众12户'))).toBe(true);
    expect(texts.some((t) => t.includes('二、问题台账'))).toBe(true);

    const sheet = workbook.getWorksheet('二、问题台账')!;
    expect(sheet.getCell(1, 1).value).toBe('二、问题台账');
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(COLUMNS);
    expect(sheet.getCell(2, 1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.getCell(3, 1).value).toBe(1);
    expect(sheet.getCell(3, 2).value).toBe('RJ-2027-0001');
    expect(sheet.getCell(3, 9).value).toBeNull();
    expect(sheet.rowCount).toBe(5);
    expect(workbook.created.toISOString()).toBe('2027-01-13T03:30:00.000Z');
  });
});
