import type { PrintableDocument, PrintableTable } from '../../domain/documents/printable';
import {
  A4,
  FILING_MARGINS,
  MM,
  NOTES_SHEET,
  chooseOrientation,
  columnWidths,
  displayWidth,
  documentDate,
  metaLines,
  pageGeometry,
  pageLabel,
  paginateRows,
  parseShanghai,
  sheetNames,
  unbreakableWords,
  xlsxColumnWidths,
} from '../../documents/layout';

const table = (columns: number, widths?: number[]): PrintableTable => ({
  columns: Array.from({ length: columns }, (_, i) => `列${i + 1}`),
  rows: [],
  ...(widths ? { widths } : {}),
});

const doc = (...tables: PrintableTable[]): PrintableDocument => ({
  title: '标题',
  sections: tables.map((t, i) => ({ heading: `表${i + 1}`, table: t })),
});

describe('printable document layout', () => {
  it('A4 pages keep a wider binding margin on the left for filing', () => {
    const portrait = pageGeometry('portrait');
    expect([portrait.width, portrait.height]).toEqual([A4.width, A4.height]);
    expect(portrait.margins.left).toBeCloseTo(28 * MM);
    expect(portrait.margins.left).toBeGreaterThan(portrait.margins.right);
    expect(portrait.contentWidth).toBeCloseTo(A4.width - 48 * MM);
    const landscape = pageGeometry('landscape');
    expect([landscape.width, landscape.height]).toEqual([A4.height, A4.width]);
    expect(landscape.contentHeight).toBeCloseTo(A4.width - FILING_MARGINS.top - FILING_MARGINS.bottom);
  });

  it('a document turns landscape only when one of its tables is too wide for portrait', () => {
    expect(chooseOrientation(doc(table(6), table(8)))).toBe('portrait');
    expect(chooseOrientation(doc(table(4), table(16)))).toBe('landscape');
    expect(chooseOrientation({ title: 't', sections: [{ heading: 'h', paragraphs: ['p'] }] })).toBe(
      'portrait',
    );
  });

  it('column widths follow the relative widths and fill the line exactly', () => {
    const widths = columnWidths(table(3, [1, 2, 1]), 400, 0);
    expect(widths).toEqual([100, 200, 100]);
    const equal = columnWidths(table(4), 400, 0);
    expect(equal).toEqual([100, 100, 100, 100]);
    // Relative widths of the wrong length are ignored rather than misapplied.
    expect(columnWidths(table(2, [1, 2, 3]), 300, 0)).toEqual([150, 150]);
  });

  it('a column is never narrower than its floor; the wider columns give up the room', () => {
    const widths = columnWidths(table(3, [1, 50, 49]), 500, [60, 0, 0]);
    expect(widths[0]).toBeCloseTo(60);
    expect(widths[1] / widths[2]).toBeCloseTo(50 / 49);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(500);
    // Floors that do not fit together shrink in proportion instead of overflowing the page.
    const squeezed = columnWidths(table(2), 100, [150, 50]);
    expect(squeezed[0]).toBeCloseTo(75);
    expect(squeezed[1]).toBeCloseTo(25);
  });

  it('dates, times and issue codes are words a cell must not break', () => {
    expect(unbreakableWords('RJ-2027-0001 河道 2027-01-05 10:00')).toEqual([
      'RJ-2027-0001',
      '2027-01-05',
      '10:00',
    ]);
    expect(unbreakableWords('全部中文')).toEqual([]);
  });

  it('rows are never split across pages and every page leaves room for the repeated header', () => {
    // 100 of space, header 20: 80 for rows on each page.
    expect(paginateRows([30, 30, 30, 30], 20, 100, 100)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    // Less room below the text on the first page.
    expect(paginateRows([30, 30, 30], 20, 60, 100)).toEqual([[0], [1, 2]]);
    expect(paginateRows([], 20, 100, 100)).toEqual([[]]);
  });

  it('a table whose header and first row do not fit starts on the next page', () => {
    expect(paginateRows([30, 30], 20, 40, 100)).toEqual([[], [0, 1]]);
  });

  it('a row taller than a page gets a page of its own', () => {
    expect(paginateRows([10, 500, 10], 20, 100, 100)).toEqual([[0], [1], [2]]);
  });

  it('page numbers read 第 n 页 / 共 m 页', () => {
    expect(pageLabel(2, 11)).toBe('第 2 页 / 共 11 页');
  });

  it('short meta pairs share a line, a long one gets its own', () => {
    const lines = metaLines(
      [
        ['报送单位', '县水务局'],
        ['报送时间', '2027-01-13 11:30'],
        ['说明', '本周共巡查网格三个，发现问题两个，其中重大问题零个，均已录入问题台账。'],
        ['审定', '局长'],
      ],
      30,
    );
    expect(lines.map((line) => line.map(([label]) => label))).toEqual([
      ['报送单位', '报送时间'],
      ['说明'],
      ['审定'],
    ]);
    expect(displayWidth('县水务局ab')).toBe(10);
  });

  it('a sealed document is dated by its approval, so the same approval renders the same file', () => {
    expect(parseShanghai('2027-01-13 11:30')?.toISOString()).toBe('2027-01-13T03:30:00.000Z');
    expect(parseShanghai('2027-01-13')?.toISOString()).toBe('2027-01-12T16:00:00.000Z');
    expect(parseShanghai('not a date')).toBeNull();
    expect(
      documentDate({
        title: 't',
        sections: [],
        seal: {
          unit: 'u',
          approvedBy: 'a',
          approvedAt: '2027-01-13 11:30',
          contentHash: 'c',
          approvalHash: 'h',
          signature: { scheme: 'legacy-sha256' },
        },
      })?.toISOString(),
    ).toBe('2027-01-13T03:30:00.000Z');
    expect(documentDate({ title: 't', sections: [] })).toBeNull();
  });

  it('sheet names drop the characters Excel forbids, stay within 31 characters and never repeat', () => {
    const names = sheetNames([
      { heading: '问题台账: 2027/01 [周]', table: table(1) },
      { heading: '只有文字', paragraphs: ['p'] },
      { heading: '问题台账: 2027/01 [周]', table: table(1) },
      { heading: NOTES_SHEET, table: table(1) },
      { heading: '很长'.repeat(20), table: table(1) },
      { heading: '???', table: table(1) },
    ]);
    expect(names[0]).toBe('问题台账  2027 01  周');
    expect(names[1]).toBe('问题台账  2027 01  周(2)');
    expect(names[2]).toBe(`${NOTES_SHEET}(2)`);
    expect([...names[3]].length).toBe(31);
    expect(names[4]).toBe('表6');
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('spreadsheet columns are at least as wide as their heading', () => {
    const widths = xlsxColumnWidths({ columns: ['序号', '问题标题很长很长'], rows: [[1, '短']] });
    expect(widths[0]).toBeGreaterThanOrEqual(6);
    expect(widths[1]).toBeGreaterThanOrEqual(displayWidth('问题标题很长很长') + 2);
    const relative = xlsxColumnWidths({ columns: ['a', 'b'], rows: [], widths: [1, 3] });
    expect(relative[1]).toBeGreaterThan(relative[0]);
  });
});
