import ExcelJS from 'exceljs';
import type { StaffingFinding } from '../../domain/organisation/staffing';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The import's headers, the canonical names domain/organisation/import.ts recognises. */
export const GRID_SHEET_HEADERS = ['单位', '网格编号', '网格名称', '类型', '上级网格', '所在村', '描述'];
export const MEMBER_SHEET_HEADERS = [
  '编号',
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
];

function addSheet(workbook: ExcelJS.Workbook, name: string, headers: string[], rows: unknown[][] = []): void {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column) => (column.width = 16));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** 导入模板: the grid sheet and the member sheet, headers only. */
export async function importTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  addSheet(workbook, '网格', GRID_SHEET_HEADERS);
  addSheet(workbook, '网格员', MEMBER_SHEET_HEADERS);
  return toBuffer(workbook);
}

/** G6 网格体系合规报告 as the county office reads it. */
export async function staffingWorkbook(
  findings: readonly StaffingFinding[],
  unitNames: ReadonlyMap<string, string>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  addSheet(
    workbook,
    '网格体系合规报告',
    ['序号', '规则', '单位代码', '单位名称', '网格编号', '问题类型', '问题说明'],
    findings.map((finding, index) => [
      index + 1,
      finding.rule,
      finding.unitCode,
      unitNames.get(finding.unitCode) ?? '',
      finding.gridCode ?? '',
      finding.code,
      finding.message,
    ]),
  );
  return toBuffer(workbook);
}
