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

/** How a sealed document is signed (P10): by the county's SM2 key, or under the old unkeyed scheme. */
export type PrintableSignature =
  | { scheme: 'SM2-SM3'; keyId: string }
  /** Sealed before the county's key existed: only SHA-256 digests, which prove nothing of who sealed. */
  | { scheme: 'legacy-sha256' };

/** The approval printed at the end: the digital seal (SPEC P3, P10), every digest labelled with what it covers. */
export interface PrintableSeal {
  /** 审定单位 */
  unit: string;
  /** Who approved, and their role. */
  approvedBy: string;
  /** Shanghai time, as written in the document. */
  approvedAt: string;
  /** 内容摘要: SHA-256 of the approved content. */
  contentHash: string;
  /** 审定摘要: SHA-256 over the report id, revision, content digest, approver and approval time. */
  approvalHash: string;
  signature: PrintableSignature;
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
  /** The document's number (a report's id), written into the PDF's properties so a verifier can name it. */
  reference?: string;
  /** Footer line on every page. */
  footer?: string;
}

/** One line of the printed seal: a label, its value, and whether the value is a digest (printed small, one line). */
export type SealLine = [label: string, value: string, digest: boolean];

/** The heading of the seal block. */
export function sealHeading(seal: PrintableSeal): string {
  return seal.signature.scheme === 'SM2-SM3' ? '审定（电子签章）' : '审定（旧方案电子签章，未经密钥签名）';
}

/**
 * The seal block's lines, the same in the PDF and the XLSX: each digest says what it covers, and the signature
 * line says truthfully how the document is sealed (P10).
 */
export function sealLines(seal: PrintableSeal): SealLine[] {
  const lines: SealLine[] = [
    ['审定单位', seal.unit, false],
    ['审定人', seal.approvedBy, false],
    ['审定时间', seal.approvedAt, false],
    ['内容摘要（SHA-256，审定稿的内容）', seal.contentHash, true],
    ['审定摘要（SHA-256，报告编号、稿次、内容摘要、审定人和时间）', seal.approvalHash, true],
  ];
  if (seal.signature.scheme === 'SM2-SM3')
    lines.push(
      [
        '签章',
        `榕江县电子签章密钥 ${seal.signature.keyId}：SM2 数字签名，SM3 摘要（GB/T 32918、GM/T 0003）`,
        false,
      ],
      [
        '核验',
        '本 PDF 文件的 SM3/SHA-256 摘要及县级签名由系统留存（文件不能含有自身的摘要）：上传本文件或提交其摘要至 POST /api/v1/seal/verify 即可核验是否为本县签发、是否被改动；公钥见 GET /api/v1/seal/public-keys。',
        false,
      ],
    );
  else
    lines.push([
      '签章',
      '旧方案：仅有上述 SHA-256 摘要，未经县级密钥签名，不能证明签发者（启用 SM2 签章之前审定的报告）',
      false,
    ]);
  return lines;
}
