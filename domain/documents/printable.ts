/**
 * A document as the county prints and files it (reports, ledgers, bulletins, the 作战图): plain data that
 * `documents/` renders as a printable PDF in Chinese or as an XLSX workbook. Pure: no rendering here.
 */

export interface PrintableTable {
  /** Column headings, in Chinese. */
  columns: string[];
  /** Cell values; `null` prints as empty. */
  rows: Array<Array<string | number | null>>;
  /** Relative column widths (same length as `columns`); equal when absent. */
  widths?: number[];
}

export interface PrintableSection {
  heading: string;
  paragraphs?: string[];
  table?: PrintableTable;
}

/** The approval printed at the end: the digital seal (SPEC P3). */
export interface PrintableSeal {
  /** 审定单位 */
  unit: string;
  /** Who approved, and their role. */
  approvedBy: string;
  /** Shanghai time, as written in the document. */
  approvedAt: string;
  /** sha256 of exactly what was approved. */
  hash: string;
}

export interface PrintableDocument {
  /** Title, e.g. 榕江县综合行政执法局生态环境保护网格化巡查周报. */
  title: string;
  /** Line under the title: period, document number. */
  subtitle?: string;
  /** Key facts printed as a two-column block under the title (报送单位, 报送时间 …). */
  meta?: Array<[string, string]>;
  sections: PrintableSection[];
  seal?: PrintableSeal;
  /** Footer line on every page. */
  footer?: string;
}
