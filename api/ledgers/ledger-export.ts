import ExcelJS from 'exceljs';
import { printedDate, printedDateTime } from '../../documents/layout';
import type { PrintableDocument } from '../../domain/documents/printable';
import type { LedgerLine } from './ledgers.dto';
import { ROLE_LABELS, SEVERITY_LABELS, STATUS_LABELS, escalationLabel } from '../common/issue-labels';
import { responsiblePartyLine } from '../../domain/records/responsible-party';

/** The columns a county office prints, with their widths in characters. */
export const LEDGER_COLUMNS: ReadonlyArray<{ header: string; width: number }> = [
  { header: '序号', width: 6 },
  { header: '问题编号', width: 14 },
  { header: '问题标题', width: 32 },
  { header: '问题类别', width: 22 },
  { header: '严重程度', width: 10 },
  { header: '所在乡镇', width: 16 },
  { header: '责任主体（统一社会信用代码）', width: 30 },
  { header: '发现单位', width: 18 },
  { header: '行业主管部门', width: 18 },
  { header: '属地乡镇', width: 16 },
  { header: '台账角色', width: 20 },
  { header: '当前状态', width: 14 },
  { header: '整改时限', width: 12 },
  { header: '当前期限', width: 16 },
  { header: '是否逾期', width: 10 },
  { header: '督办级别', width: 12 },
  { header: '上报时间', width: 18 },
  { header: '销号时间', width: 18 },
];

export function ledgerTitle(unitName: string): string {
  return `${unitName}生态环境问题台账`;
}

/** One ledger line as the printed cells, in LEDGER_COLUMNS order. */
export function printedRow(line: LedgerLine, index: number): Array<string | number> {
  return [
    index + 1,
    line.issueCode,
    line.title,
    line.categoryName,
    SEVERITY_LABELS[line.severity] ?? line.severity,
    line.townshipName,
    responsiblePartyLine(line.responsibleParty),
    line.finderUnitName,
    line.sectorOwnerName,
    line.territorialOwnerName,
    line.roles.map((role) => ROLE_LABELS[role] ?? role).join('、'),
    STATUS_LABELS[line.status] ?? line.status,
    line.timeLimit ?? '',
    line.deadline ? `${printedDate(line.deadline)}${line.deadlineProvisional ? '（暂定）' : ''}` : '',
    line.overdue ? '是' : '否',
    escalationLabel(line.escalationLevel),
    printedDateTime(line.reportedAt),
    printedDateTime(line.closedAt),
  ];
}

/** A text cell a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
function inert(value: string | number): string {
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(value: string | number): string {
  const text = inert(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a byte-order mark and CRLF lines, so Excel opens the Chinese text correctly. */
export function ledgerCsv(unitName: string, exportedAt: Date, lines: LedgerLine[]): Buffer {
  const rows: Array<Array<string | number>> = [
    [ledgerTitle(unitName)],
    [`导出日期：${printedDate(exportedAt)}`],
    LEDGER_COLUMNS.map((column) => column.header),
    ...lines.map(printedRow),
  ];
  const text = rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** Title row, export date, a styled and frozen header row, landscape on A4 with the header on every page. */
export async function ledgerXlsx(unitName: string, exportedAt: Date, lines: LedgerLine[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '生态环境保护网格化管理系统';
  workbook.created = exportedAt;
  const sheet = workbook.addWorksheet('问题台账', {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:3',
    },
  });
  sheet.columns = LEDGER_COLUMNS.map((column) => ({ width: column.width }));
  const last = LEDGER_COLUMNS.length;

  sheet.mergeCells(1, 1, 1, last);
  const title = sheet.getCell(1, 1);
  title.value = ledgerTitle(unitName);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 28;

  sheet.mergeCells(2, 1, 2, last);
  const date = sheet.getCell(2, 1);
  date.value = `导出日期：${printedDate(exportedAt)}`;
  date.alignment = { horizontal: 'right' };

  const header = sheet.getRow(3);
  header.values = LEDGER_COLUMNS.map((column) => column.header);
  header.height = 20;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = {
      top: { style: 'thin' },
      left: { style: 'thin' },
      bottom: { style: 'thin' },
      right: { style: 'thin' },
    };
  });

  lines.forEach((line, index) => {
    const row = sheet.addRow(printedRow(line, index));
    row.eachCell((cell) => {
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
    });
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer);
}

/**
 * The ledger as a printable document (for the PDF): the same columns, labels and rows as the spreadsheet, with a
 * summary under the title. Landscape follows from its 17 columns.
 */
export function ledgerDocument(unitName: string, exportedAt: Date, lines: LedgerLine[]): PrintableDocument {
  const open = lines.filter((line) => line.closedAt === null);
  return {
    title: ledgerTitle(unitName),
    subtitle: `导出时间：${printedDateTime(exportedAt.toISOString())}`,
    meta: [
      ['台账单位', unitName],
      ['问题总数', String(lines.length)],
      ['未销号', String(open.length)],
      ['逾期', String(open.filter((line) => line.overdue).length)],
      ['重大问题', String(lines.filter((line) => line.severity === 'major').length)],
      ['县级督办', String(lines.filter((line) => line.countySupervision).length)],
    ],
    sections: [
      {
        heading: '问题台账',
        table: {
          columns: LEDGER_COLUMNS.map((column) => column.header),
          widths: LEDGER_COLUMNS.map((column) => column.width),
          rows: lines.map(printedRow),
        },
      },
    ],
    footer: `${unitName} · 生态环境问题台账（双责任、双台账、双销号）`,
  };
}
