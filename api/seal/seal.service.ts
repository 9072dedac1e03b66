import { Injectable } from '@nestjs/common';
import {
  documentDigests,
  SM2_USER_ID,
  verifyStatement,
  type DocumentDigests,
} from '../../documents/seal/seal';
import { publicKeyPem } from '../../documents/seal/seal-keys';
import { pdfReference, renderPdf } from '../../documents/render';
import { parsePeriod, periodLabel } from '../../domain/duties/periods';
import { dutyReportDocument } from '../../domain/duties/reports/report-document';
import { REPORT_KIND_LABELS } from '../../domain/duties/reports/reports';
import {
  approverTitleOf,
  DutyReportRepository,
  storedReport,
  type DutyReportRow,
} from '../../persistence/repositories/duty-report.repository';
import {
  SealRepository,
  type ReportSealRow,
  type SealKeyRow,
} from '../../persistence/repositories/seal.repository';
import type { SealPublicKey, SealPublicKeys, SealVerification } from './seal.dto';

function publicKey(row: SealKeyRow): SealPublicKey {
  return {
    id: row.id,
    algorithm: 'SM2',
    publicKey: row.public_key,
    publicKeyPem: publicKeyPem(row.public_key),
    validFrom: row.valid_from.toISOString(),
    validUntil: row.valid_until ? row.valid_until.toISOString() : null,
    active: row.valid_until === null,
  };
}

function label(periodId: string): string {
  try {
    return periodLabel(parsePeriod(periodId));
  } catch {
    return periodId;
  }
}

const MESSAGES: Record<SealVerification['verdict'], (title: string) => string> = {
  sealed: (title) =>
    `验证通过：该文件是榕江县加盖电子签章（SM2/SM3 签名）的${title}，签章后未被改动。Verified: sealed by the county's key, and unchanged since.`,
  altered: (title) =>
    `验证未通过：该文件自称是${title}，但与县里签章的文件不一致，签章后已被改动（或不是签章的那一份）。Not verified: the file names a report the county sealed, but it is not the file the county signed; it has been changed.`,
  legacy: (title) =>
    `无法证明签发者：${title}按旧方案审定，只有 SHA-256 摘要，未经县级密钥签名。Cannot be verified: this report was sealed under the old scheme, with unkeyed SHA-256 digests only.`,
  unknown: () =>
    '验证未通过：未找到与该文件对应的本县电子签章记录，该文件不是本县签发的，或签发后已被改动。Not verified: no seal of the county matches this file; it was not issued by the county, or it has been changed.',
};

/** P10: the county's public seal keys, and the verification of a PDF or its digest against the seals it made. */
@Injectable()
export class SealService {
  constructor(
    private readonly seals: SealRepository,
    private readonly reports: DutyReportRepository,
  ) {}

  async publicKeys(): Promise<SealPublicKeys> {
    return {
      signature: 'SM2-SM3',
      standards: 'GB/T 32918.2（SM2 数字签名）、GB/T 32905（SM3）、GM/T 0003、GM/T 0009',
      userId: SM2_USER_ID,
      signs:
        '签名对象为签章声明（规范化 JSON，UTF-8），其中含报告编号、稿次、内容摘要、审定摘要、审定人、时间、密钥编号及 PDF 文件的 SM3/SHA-256 摘要。The signature is over the seal statement (canonical JSON, UTF-8), which holds the PDF’s SM3 and SHA-256 digests.',
      keys: (await this.seals.keys()).map(publicKey),
    };
  }

  /** Checks an uploaded PDF: its digests against every seal, then (when none matches) the report it names. */
  async verifyFile(pdf: Buffer): Promise<SealVerification> {
    const digests = documentDigests(pdf);
    const checked = { sm3: digests.sm3, sha256: digests.sha256, bytes: digests.bytes };
    const matched = await this.matching(digests.sm3, digests);
    if (matched) return { ...matched, checked };
    const reference = pdfReference(pdf);
    const row = reference ? await this.reports.row(reference) : undefined;
    if (row?.status === 'submitted') {
      const seal = await this.seals.ofReport(row.id);
      if (seal) return this.answer('altered', checked, row, seal);
      // Sealed under the old scheme: the same rendering tells whether the file is that report, but proves no sender.
      return this.answer('legacy', checked, row, null, await this.isLegacyRendering(row, digests));
    }
    return this.answer('unknown', checked, null, null);
  }

  /** Checks a digest (SM3 or SHA-256 of the PDF) against every seal. */
  async verifyDigest(digest: string): Promise<SealVerification> {
    const hex = digest.toLowerCase();
    return (await this.matching(hex, null)) ?? this.answer('unknown', { digest: hex }, null, null);
  }

  /** The first seal with this digest whose signature holds and whose statement names these digests. */
  private async matching(digest: string, file: DocumentDigests | null): Promise<SealVerification | null> {
    for (const seal of await this.seals.byDigest(digest)) {
      const key = await this.seals.key(seal.key_id);
      if (!key || !verifyStatement(seal.statement_text, seal.signature, key.public_key)) continue;
      const signed = (JSON.parse(seal.statement_text) as { document?: DocumentDigests }).document;
      if (!signed || (signed.sm3 !== digest && signed.sha256 !== digest)) continue;
      if (file && (signed.sm3 !== file.sm3 || signed.sha256 !== file.sha256 || signed.bytes !== file.bytes))
        continue;
      const row = await this.reports.row(seal.report_id);
      if (!row) continue;
      return this.answer('sealed', file ? {} : { digest }, row, seal);
    }
    return null;
  }

  private async isLegacyRendering(row: DutyReportRow, digests: DocumentDigests): Promise<boolean> {
    const events = await this.reports.events(row.id);
    const stored = storedReport(row, approverTitleOf(events.find((e) => e.type === 'approved')?.payload));
    return documentDigests(await renderPdf(dutyReportDocument(stored))).sha256 === digests.sha256;
  }

  private async answer(
    verdict: SealVerification['verdict'],
    checked: SealVerification['checked'],
    row: DutyReportRow | null | undefined,
    seal: ReportSealRow | null,
    legacyMatches?: boolean,
  ): Promise<SealVerification> {
    const report = row
      ? {
          id: row.id,
          kind: row.kind,
          kindLabel: REPORT_KIND_LABELS[row.kind],
          unitCode: row.unit_code,
          unitName: row.unit_name ?? row.unit_code,
          period: row.period,
          periodLabel: label(row.period),
          revision: row.revision,
          approvedByName: row.approved_by_name,
          approvedAt: row.approved_at ? row.approved_at.toISOString() : null,
        }
      : null;
    const title = report ? `${report.unitName}${report.periodLabel}${report.kindLabel}（${report.id}）` : '';
    let message = MESSAGES[verdict](title);
    if (verdict === 'legacy')
      message += legacyMatches
        ? ' 文件内容与系统按旧方案留存的报告一致。The file matches the report as the system renders it.'
        : ' 文件与系统按旧方案生成的报告不一致。The file does not match the report as the system renders it.';
    const key = seal ? await this.seals.key(seal.key_id) : undefined;
    return {
      valid: verdict === 'sealed',
      verdict,
      message,
      checked,
      report,
      seal: seal
        ? {
            keyId: seal.key_id,
            key: key ? publicKey(key) : null,
            signedAt: seal.signed_at.toISOString(),
            document: { sm3: seal.pdf_sm3, sha256: seal.pdf_sha256 },
            statement: seal.statement_text,
            signature: seal.signature,
          }
        : null,
    };
  }
}
