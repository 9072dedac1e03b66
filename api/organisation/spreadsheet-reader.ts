import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { ImportIssue, RawSheet, SheetRow } from '../../domain/organisation/import';

/** An uploaded file as the HTTP layer hands it over. */
export interface UploadedSpreadsheet {
  filename: string;
  buffer: Buffer;
}

export type SpreadsheetReadResult = { sheets: RawSheet[]; issues: ImportIssue[] };

/** Row 0 in an issue means the file as a whole (it could not be read at all). */
const fileIssue = (sheet: string, message: string, messageEn: string): ImportIssue => ({
  sheet,
  row: 0,
  field: '文件',
  message,
  messageEn,
});

/**
 * Reads an XLSX workbook (every worksheet) or a CSV file (one sheet named after the file) into plain strings.
 * CSV may be UTF-8 with or without BOM, or GBK/GB18030 as Excel on a Chinese Windows saves it.
 */
export async function readSpreadsheet(file: UploadedSpreadsheet): Promise<SpreadsheetReadResult> {
  const lower = file.filename.toLowerCase();
  const isZip = file.buffer.length >= 4 && file.buffer.readUInt32LE(0) === 0x04034b50;
  if (lower.endsWith('.xls'))
    return {
      sheets: [],
      issues: [
        fileIssue(
          file.filename,
          '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV',
          'legacy .xls is not supported: save as .xlsx or CSV',
        ),
      ],
    };
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm') || isZip) return readXlsx(file);
  return readCsv(file);
}

async function readXlsx(file: UploadedSpreadsheet): Promise<SpreadsheetReadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types an older Buffer; the bytes are the same.
    await workbook.xlsx.load(file.buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return {
      sheets: [],
      issues: [fileIssue(file.filename, '无法读取该 Excel 文件', 'the Excel file cannot be read')],
    };
  }
  const sheets: RawSheet[] = [];
  workbook.eachSheet((worksheet) => {
    const rows: SheetRow[] = [];
    const width = worksheet.columnCount;
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let column = 1; column <= width; column++) cells.push(cellText(row.getCell(column).value));
      rows.push({ rowNumber, cells });
    });
    sheets.push({ name: worksheet.name, rows });
  });
  return { sheets, issues: [] };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  // Phone numbers typed into Excel are numbers; never let them turn into 1.38e+10.
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date))
      ? ''
      : cellText(result);
  }
  return ''; // #N/A and the other error values read as empty
}

function decode(bytes: Buffer): string {
  try {
    // The default (ignoreBOM: false) drops a UTF-8 BOM.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function readCsv(file: UploadedSpreadsheet): SpreadsheetReadResult {
  const name = file.filename.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || file.filename;
  let records: string[][];
  try {
    records = parse(decode(file.buffer), {
      bom: true,
      delimiter: [',', '\t'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return {
      sheets: [],
      issues: [
        {
          sheet: name,
          row: line,
          field: '文件',
          message: 'CSV 格式错误（引号不成对等）',
          messageEn: `malformed CSV: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
  // A spreadsheet shows a multi-line cell as one row, so the record index is the row number.
  return { sheets: [{ name, rows: records.map((cells, i) => ({ rowNumber: i + 1, cells })) }], issues: [] };
}
