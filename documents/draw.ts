/**
 * Draws a printable document (reports, ledgers, bulletins, the 作战图) as the county files it: an A4 PDF in
 * Chinese with the Noto Sans SC font embedded (subset), or an XLSX workbook. Layout decisions live in
 * `layout.ts`; this file only draws, on whichever thread calls it (`render.ts` sends the work to a thread pool).
 */
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type {
  PrintableDocument,
  PrintableSeal,
  PrintableSection,
  PrintableTable,
} from '../domain/documents/printable';
import { sealHeading, sealLines } from '../domain/documents/printable';
import { loadFonts, type DocumentFonts } from './fonts';
import {
  MM,
  NOTES_SHEET,
  UNDATED,
  cellText,
  chooseOrientation,
  columnWidths,
  displayWidth,
  documentDate,
  metaLines,
  pageGeometry,
  pageLabel,
  paginateRows,
  sheetNames,
  tableFontSize,
  unbreakableWords,
  xlsxColumnWidths,
  type PageGeometry,
} from './layout';

export const PDF_TYPE = 'application/pdf';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Who made the file, as the document properties say. */
const PRODUCER = '生态环境保护网格化管理系统';

export interface RenderOptions {
  /** The creation date written into the file; by default the seal's approval time, else a fixed date. */
  createdAt?: Date;
}

const TEXT = '#000000';
const MUTED = '#555555';
const RULE = '#333333';
const GRID = '#808080';
const HEADER_FILL = '#e6e6e6';
const SEAL_RED = '#c00000';

const SIZE = {
  title: 18,
  subtitle: 11.5,
  meta: 10.5,
  heading: 13,
  body: 11,
  footer: 8.5,
  running: 8,
  hash: 8,
};
const CELL_PAD = { x: 3, y: 2 };
const LINE_GAP = 0;

type Pdf = PDFKit.PDFDocument;

/** The document number a PDF of `renderPdf` names in its properties (`/Keywords`), if it has one. */
export function pdfReference(pdf: Buffer): string | null {
  const text = pdf.toString('latin1');
  // pdfkit writes each property as an object of its own: `/Keywords 12 0 R` … `12 0 obj\n(…)\nendobj`.
  const ref = /\/Keywords (\d{1,9}) 0 R/.exec(text);
  const direct = ref ? null : /\/Keywords \(([A-Za-z0-9_/.-]{1,120})\)/.exec(text);
  if (direct) return direct[1];
  if (!ref) return null;
  const object = new RegExp(`(?:^|\\n)${ref[1]} 0 obj\\s*\\(([A-Za-z0-9_/.-]{1,120})\\)`).exec(text);
  return object ? object[1] : null;
}

/** Renders a printable document as an A4 PDF in Chinese. */
export async function renderPdf(doc: PrintableDocument, options: RenderOptions = {}): Promise<Buffer> {
  const font = await loadFonts();
  // Two passes: the first only counts the pages (for 第 n 页 / 共 m 页), the second draws each page's footer as
  // the page starts. Keeping every page in memory to number them at the end cost about 60 MB per 1,000 table
  // rows (scripts/bench-documents.mjs); this way memory stays flat however long the ledger.
  const layouts = new Map<PrintableTable, LaidOutTable>();
  const { pages } = await drawPdf(doc, options, font, layouts, null);
  return (await drawPdf(doc, options, font, layouts, pages)).bytes;
}

/** Lets other requests run between pages: a long ledger takes seconds to draw. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

async function drawPdf(
  doc: PrintableDocument,
  options: RenderOptions,
  font: DocumentFonts,
  /** Tables measured by the first pass, drawn by the second (measuring is most of the work). */
  layouts: Map<PrintableTable, LaidOutTable>,
  totalPages: number | null,
): Promise<{ bytes: Buffer; pages: number }> {
  const page = pageGeometry(chooseOrientation(doc));
  const createdAt = options.createdAt ?? documentDate(doc) ?? UNDATED;
  const pdf = new PDFDocument({
    size: 'A4',
    layout: page.orientation,
    margins: page.margins,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: doc.title,
      ...(doc.subtitle ? { Subject: doc.subtitle } : {}),
      ...(doc.reference ? { Keywords: doc.reference } : {}),
      Creator: PRODUCER,
      Producer: PRODUCER,
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    // The counting pass keeps nothing it writes.
    pdf.on('data', (chunk: Buffer) => (totalPages === null ? undefined : chunks.push(chunk)));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('regular', font.regular);
  pdf.registerFont('bold', font.bold);
  let pageNumber = 1;
  const furniture = () => {
    if (totalPages !== null) drawPageFurniture(pdf, doc, page, pageNumber, totalPages);
  };
  pdf.on('pageAdded', () => {
    pageNumber += 1;
    furniture();
  });
  pdf.font('regular').fillColor(TEXT);
  furniture();

  drawTitle(pdf, doc, page);
  // The counting pass only needs where the pages break: it lays tables out without drawing their cells.
  const counting = totalPages === null;
  for (const section of doc.sections) await drawSection(pdf, section, page, layouts, counting);
  if (doc.seal) drawSeal(pdf, doc.seal, page);
  pdf.end();
  return { bytes: await done, pages: pageNumber };
}

/** Space left on the current page below the cursor. */
function spaceLeft(pdf: Pdf, page: PageGeometry): number {
  return page.height - page.margins.bottom - pdf.y;
}

function newPage(pdf: Pdf, page: PageGeometry): void {
  pdf.addPage({ size: 'A4', layout: page.orientation, margins: page.margins });
  pdf.x = page.margins.left;
}

function ensureSpace(pdf: Pdf, page: PageGeometry, needed: number): void {
  if (spaceLeft(pdf, page) < needed) newPage(pdf, page);
}

function drawTitle(pdf: Pdf, doc: PrintableDocument, page: PageGeometry): void {
  const x = page.margins.left;
  pdf.font('bold').fontSize(SIZE.title).fillColor(TEXT);
  pdf.text(doc.title, x, page.margins.top, { width: page.contentWidth, align: 'center', lineGap: 4 });
  if (doc.subtitle) {
    pdf.moveDown(0.3);
    pdf.font('regular').fontSize(SIZE.subtitle).fillColor(MUTED);
    pdf.text(doc.subtitle, x, pdf.y, { width: page.contentWidth, align: 'center' });
  }
  pdf.moveDown(0.5);
  // A double rule under the title block, as county documents carry.
  const y = pdf.y;
  pdf
    .save()
    .strokeColor(RULE)
    .lineWidth(1.2)
    .moveTo(x, y)
    .lineTo(x + page.contentWidth, y)
    .stroke();
  pdf
    .lineWidth(0.4)
    .moveTo(x, y + 2.5)
    .lineTo(x + page.contentWidth, y + 2.5)
    .stroke()
    .restore();
  pdf.y = y + 10;
  if (doc.meta && doc.meta.length > 0) drawMeta(pdf, doc.meta, page);
  pdf.fillColor(TEXT);
}

function drawMeta(pdf: Pdf, meta: ReadonlyArray<readonly [string, string]>, page: PageGeometry): void {
  pdf.fontSize(SIZE.meta);
  const half = page.contentWidth / 2;
  const cells = Math.floor(half / (SIZE.meta / 2)) - 2;
  for (const line of metaLines(meta, cells)) {
    const widths = line.length === 2 ? [half - 6, half] : [page.contentWidth];
    const heights = line.map((pair, i) => metaHeight(pdf, pair, widths[i]));
    const height = Math.max(...heights);
    ensureSpace(pdf, page, height);
    const y = pdf.y;
    line.forEach((pair, i) => {
      const x = page.margins.left + (i === 0 ? 0 : half);
      pdf.font('bold').fillColor(MUTED).text(`${pair[0]}：`, x, y, { width: widths[i], continued: true });
      pdf.font('regular').fillColor(TEXT).text(pair[1], { width: widths[i] });
    });
    pdf.x = page.margins.left;
    pdf.y = y + height + 2;
  }
  pdf.moveDown(0.4);
}

function metaHeight(pdf: Pdf, pair: readonly [string, string], width: number): number {
  pdf.font('regular').fontSize(SIZE.meta);
  return pdf.heightOfString(`${pair[0]}：${pair[1]}`, { width });
}

async function drawSection(
  pdf: Pdf,
  section: PrintableSection,
  page: PageGeometry,
  layouts: Map<PrintableTable, LaidOutTable>,
  counting: boolean,
): Promise<void> {
  const x = page.margins.left;
  let table: LaidOutTable | null = null;
  if (section.table) {
    table = layouts.get(section.table) ?? layoutTable(pdf, section.table, page);
    layouts.set(section.table, table);
  }
  pdf.font('bold').fontSize(SIZE.heading).fillColor(TEXT);
  const headingHeight = pdf.heightOfString(section.heading, { width: page.contentWidth }) + SIZE.heading;
  // A heading never ends a page: keep room for it and about three lines of text, or the table's first row.
  const next =
    section.paragraphs && section.paragraphs.length > 0
      ? 3 * (SIZE.body + 6)
      : table
        ? table.headerHeight + table.heights[0] + 4
        : 0;
  ensureSpace(pdf, page, Math.min(headingHeight + next, page.contentHeight));
  pdf.moveDown(0.4);
  pdf.text(section.heading, x, pdf.y, { width: page.contentWidth });
  pdf.moveDown(0.3);
  pdf.font('regular').fontSize(SIZE.body);
  for (const paragraph of section.paragraphs ?? []) {
    pdf.text(paragraph, x, pdf.y, {
      width: page.contentWidth,
      indent: SIZE.body * 2,
      lineGap: 4,
      align: 'left',
    });
    pdf.moveDown(0.3);
  }
  if (table) await drawTable(pdf, table, page, counting);
}

function measure(pdf: Pdf, texts: string[], widths: number[], fontName: string, fontSize: number): number {
  pdf.font(fontName).fontSize(fontSize);
  const heights = texts.map((text, i) =>
    text === ''
      ? fontSize
      : pdf.heightOfString(text, { width: widths[i] - 2 * CELL_PAD.x, lineGap: LINE_GAP }),
  );
  return Math.max(fontSize, ...heights) + 2 * CELL_PAD.y;
}

/**
 * What each column needs at least: its longest word that must not break (a date, an issue code) or two Chinese
 * characters, whichever is wider, but never more than 30% of the line.
 */
function columnFloors(
  pdf: Pdf,
  table: PrintableTable,
  rows: string[][],
  fontSize: number,
  page: PageGeometry,
): number[] {
  const cap = page.contentWidth * 0.3;
  pdf.font('regular').fontSize(fontSize);
  return table.columns.map((heading, i) => {
    const words = new Set([heading, ...rows.map((row) => row[i])].flatMap(unbreakableWords));
    const longest = Math.max(2 * fontSize, ...[...words].map((word) => pdf.widthOfString(word)));
    return Math.min(cap, longest + 2 * CELL_PAD.x + 1);
  });
}

/** A table measured for the page: column widths, text size, the printed cells and each row's height. */
interface LaidOutTable {
  columns: string[];
  empty: boolean;
  rows: string[][];
  numeric: boolean[];
  widths: number[];
  /** The cell widths of the body rows: the columns, or one cell across them all for an empty table. */
  rowWidths: number[];
  fontSize: number;
  headerHeight: number;
  heights: number[];
}

/** An empty table prints its header and one row across all columns saying so. */
const EMPTY_ROW = '（无）';

function layoutTable(pdf: Pdf, table: PrintableTable, page: PageGeometry): LaidOutTable {
  const fontSize = tableFontSize(table.columns.length);
  const empty = table.rows.length === 0;
  const rows = empty
    ? [[EMPTY_ROW]]
    : table.rows.map((row) => table.columns.map((_, i) => cellText(row[i] ?? null)));
  const numeric = table.columns.map(
    (_, i) =>
      table.rows.length > 0 && table.rows.every((row) => typeof row[i] === 'number' || row[i] === null),
  );
  const widths = columnWidths(
    table,
    page.contentWidth,
    columnFloors(pdf, table, empty ? [] : rows, fontSize, page),
  );
  const headerHeight = measure(pdf, table.columns, widths, 'bold', fontSize);
  const rowWidths = empty ? [widths.reduce((a, b) => a + b, 0)] : widths;
  // Only a row taller than a page is cut (drawn with an ellipsis): it leaves room for the header and a
  // section heading above it, so even such a table starts under its heading.
  const tallest = page.contentHeight - headerHeight - 3 * SIZE.heading;
  const heights = rows.map((row) => Math.min(measure(pdf, row, rowWidths, 'regular', fontSize), tallest));
  return { columns: table.columns, empty, rows, numeric, widths, rowWidths, fontSize, headerHeight, heights };
}

/** A table with its header row repeated on every page it spans; cells wrap, rows are never split. */
async function drawTable(
  pdf: Pdf,
  table: LaidOutTable,
  page: PageGeometry,
  counting: boolean,
): Promise<void> {
  const x = page.margins.left;
  const { rows, numeric, widths, rowWidths, fontSize, headerHeight, heights } = table;
  const fullSpace = page.contentHeight;
  pdf.moveDown(0.2);
  const pages = paginateRows(heights, headerHeight, spaceLeft(pdf, page), fullSpace);
  for (const [pageIndex, indexes] of pages.entries()) {
    if (pageIndex > 0) {
      await breathe();
      newPage(pdf, page);
    }
    if (indexes.length === 0) continue;
    let y = pdf.y;
    if (counting) {
      pdf.x = x;
      pdf.y = y + headerHeight + indexes.reduce((sum, index) => sum + heights[index], 0);
      continue;
    }
    drawRow(pdf, table.columns, widths, x, y, headerHeight, {
      font: 'bold',
      fontSize,
      fill: HEADER_FILL,
      align: () => 'center',
    });
    y += headerHeight;
    for (const index of indexes) {
      drawRow(pdf, rows[index], rowWidths, x, y, heights[index], {
        font: 'regular',
        fontSize,
        align: (i) => (table.empty ? 'center' : numeric[i] ? 'right' : 'left'),
      });
      y += heights[index];
    }
    pdf.x = x;
    pdf.y = y;
  }
  pdf.moveDown(0.6);
}

function drawRow(
  pdf: Pdf,
  cells: string[],
  widths: number[],
  x: number,
  y: number,
  height: number,
  style: { font: string; fontSize: number; fill?: string; align: (i: number) => 'left' | 'center' | 'right' },
): void {
  let cx = x;
  cells.forEach((text, i) => {
    const width = widths[i];
    pdf.save();
    if (style.fill) pdf.rect(cx, y, width, height).fill(style.fill);
    pdf.lineWidth(0.5).strokeColor(GRID).rect(cx, y, width, height).stroke();
    pdf.restore();
    if (text !== '') {
      pdf.font(style.font).fontSize(style.fontSize).fillColor(TEXT);
      pdf.text(text, cx + CELL_PAD.x, y + CELL_PAD.y, {
        width: width - 2 * CELL_PAD.x,
        align: style.align(i),
        lineGap: LINE_GAP,
        // Only a row taller than a page is cut; it ends with an ellipsis rather than spilling over.
        height: height - 2 * CELL_PAD.y,
        ellipsis: true,
      });
    }
    cx += width;
  });
}

/** The digital seal printed at the end, every digest labelled, kept on one page. */
function drawSeal(pdf: Pdf, seal: PrintableSeal, page: PageGeometry): void {
  // Digests are printed smaller so their 64 hex digits stay on one line.
  const rows: Array<[string, string, number]> = sealLines(seal).map(([label, value, digest]) => [
    label,
    value,
    digest ? SIZE.hash : SIZE.meta,
  ]);
  const labelWidth = 150;
  const boxWidth = Math.min(page.contentWidth, 480);
  const x = page.margins.left + page.contentWidth - boxWidth;
  const valueWidth = boxWidth - labelWidth - 16;
  const heights = rows.map(([label, value, size]) =>
    Math.max(
      pdf.font('bold').fontSize(SIZE.meta).heightOfString(`${label}：`, { width: labelWidth }) + 4,
      pdf.font('regular').fontSize(size).heightOfString(value, { width: valueWidth }) + 6,
    ),
  );
  const titleHeight = SIZE.heading + 12;
  const boxHeight = titleHeight + heights.reduce((a, b) => a + b, 0) + 8;
  pdf.moveDown(1);
  ensureSpace(pdf, page, boxHeight + 4);
  const top = pdf.y;
  pdf.save().lineWidth(1.2).strokeColor(SEAL_RED).rect(x, top, boxWidth, boxHeight).stroke().restore();
  pdf.font('bold').fontSize(SIZE.heading).fillColor(SEAL_RED);
  pdf.text(sealHeading(seal), x + 8, top + 6, { width: boxWidth - 16 });
  let y = top + titleHeight;
  rows.forEach(([label, value, size], i) => {
    pdf
      .font('bold')
      .fontSize(SIZE.meta)
      .fillColor(MUTED)
      .text(`${label}：`, x + 8, y, { width: labelWidth });
    const baseline = size < SIZE.meta ? (SIZE.meta - size) / 2 : 0;
    pdf.font('regular').fontSize(size).fillColor(TEXT);
    pdf.text(value, x + 8 + labelWidth, y + baseline, { width: valueWidth });
    y += heights[i];
  });
  pdf.fillColor(TEXT);
  pdf.x = page.margins.left;
  pdf.y = top + boxHeight + 6;
}

/** pdfkit's text state, which drawing the furniture in the middle of a flowing text must leave as it found it. */
interface TextState {
  _font: unknown;
  _fontSize: number;
  _fillColor: [string, number | undefined] | undefined;
}

/**
 * At the start of every page: the footer line and 第 n 页 / 共 m 页 under a thin rule, and the title as a running
 * head after page 1. Pages can start in the middle of a paragraph or table, so the cursor, font and colour are
 * put back exactly as they were.
 */
function drawPageFurniture(
  pdf: Pdf,
  doc: PrintableDocument,
  page: PageGeometry,
  pageNumber: number,
  totalPages: number,
): void {
  const text = pdf as unknown as TextState;
  const saved = { x: pdf.x, y: pdf.y, font: text._font, size: text._fontSize, fill: text._fillColor };
  const x = page.margins.left;
  const footerY = page.height - page.margins.bottom + 6 * MM;
  const label = pageLabel(pageNumber, totalPages);
  // Writing inside the margins must not start a new page.
  const bottom = pdf.page.margins.bottom;
  pdf.page.margins.bottom = 0;
  pdf.save().lineWidth(0.4).strokeColor(GRID);
  pdf
    .moveTo(x, footerY - 3)
    .lineTo(x + page.contentWidth, footerY - 3)
    .stroke()
    .restore();
  pdf.font('regular').fontSize(SIZE.footer).fillColor(MUTED);
  const labelWidth = displayWidth(pageLabel(totalPages, totalPages)) * SIZE.footer * 0.55 + 10;
  if (doc.footer) {
    pdf.text(doc.footer, x, footerY, {
      width: page.contentWidth - labelWidth - 10,
      height: SIZE.footer * 2 + 4,
      ellipsis: true,
    });
  }
  pdf.text(label, x + page.contentWidth - labelWidth, footerY, {
    width: labelWidth,
    align: 'right',
  });
  if (pageNumber > 1) {
    pdf.fontSize(SIZE.running).text(doc.title, x, page.margins.top - 8 * MM, {
      width: page.contentWidth,
      align: 'right',
      height: SIZE.running + 4,
      ellipsis: true,
    });
  }
  pdf.page.margins.bottom = bottom;
  text._font = saved.font;
  text._fontSize = saved.size;
  pdf.fillColor(...(saved.fill ?? [TEXT, undefined]));
  pdf.x = saved.x;
  pdf.y = saved.y;
}

// ---------------------------------------------------------------------------------------------------------------

const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Renders a printable document as an XLSX workbook: a 说明 sheet, then one sheet per table section. */
export async function renderXlsx(doc: PrintableDocument, options: RenderOptions = {}): Promise<Buffer> {
  const createdAt = options.createdAt ?? documentDate(doc) ?? UNDATED;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = PRODUCER;
  workbook.lastModifiedBy = PRODUCER;
  workbook.title = doc.title;
  workbook.created = createdAt;
  workbook.modified = createdAt;
  const names = sheetNames(doc.sections);
  addNotesSheet(workbook, doc, names);
  let n = 0;
  for (const section of doc.sections) {
    if (section.table) addTableSheet(workbook, names[n++], section.heading, section.table, doc.footer);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addNotesSheet(workbook: ExcelJS.Workbook, doc: PrintableDocument, names: string[]): void {
  const sheet = workbook.addWorksheet(NOTES_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = [{ width: 18 }, { width: 90 }];
  const wide = (text: string, style: Partial<ExcelJS.Style> = {}) => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, 2);
    const cell = row.getCell(1);
    Object.assign(cell, style);
    cell.alignment = { wrapText: true, vertical: 'top', ...(style.alignment ?? {}) };
    // Merged cells do not grow on their own: give long paragraphs room (about 45 characters a line).
    row.height = Math.max(18, Math.ceil(displayWidth(text) / 90) * 16);
    return row;
  };
  const pair = (label: string, value: string) => {
    const row = sheet.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    return row;
  };
  wide(doc.title, { font: { bold: true, size: 16 }, alignment: { horizontal: 'center' } }).height = 28;
  if (doc.subtitle) wide(doc.subtitle, { alignment: { horizontal: 'center' } });
  for (const [label, value] of doc.meta ?? []) pair(label, value);
  let n = 0;
  for (const section of doc.sections) {
    sheet.addRow([]);
    wide(section.heading, { font: { bold: true, size: 12 } });
    for (const paragraph of section.paragraphs ?? []) wide(paragraph);
    if (section.table) wide(`（表格见工作表“${names[n++]}”，共 ${section.table.rows.length} 行）`);
  }
  if (doc.seal) {
    sheet.addRow([]);
    wide(sealHeading(doc.seal), { font: { bold: true, size: 12 } });
    for (const [label, value] of sealLines(doc.seal)) pair(label, value);
  }
  if (doc.footer) {
    sheet.addRow([]);
    wide(doc.footer, { font: { color: { argb: 'FF555555' } } });
  }
}

function addTableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  heading: string,
  table: PrintableTable,
  footer: string | undefined,
): void {
  const count = Math.max(1, table.columns.length);
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: {
      paperSize: 9,
      orientation: table.columns.length > 8 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '2:2',
    },
    ...(footer
      ? { headerFooter: { oddFooter: `&L${footer.replace(/&/g, '&&')}&R第 &P 页 / 共 &N 页` } }
      : {}),
  });
  sheet.columns = xlsxColumnWidths(table).map((width) => ({ width }));
  sheet.mergeCells(1, 1, 1, count);
  const title = sheet.getCell(1, 1);
  title.value = heading;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 24;
  const header = sheet.getRow(2);
  header.values = table.columns;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6E6E6' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  });
  for (const values of table.rows) {
    const row = sheet.addRow(table.columns.map((_, i) => values[i] ?? null));
    for (let i = 1; i <= table.columns.length; i += 1) {
      const cell = row.getCell(i);
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = BORDER;
    }
  }
}
