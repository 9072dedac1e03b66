import { ApplicationFailure } from '@temporalio/common';
import { renderPdf } from '../../documents/render';
import {
  documentDigests,
  SEAL_SCHEME,
  signStatement,
  statementText,
  type SealStatement,
} from '../../documents/seal/seal';
import type { SealPrivateKey } from '../../documents/seal/seal-keys';
import { dutyReportDocument } from '../../domain/duties/reports/report-document';
import type { SealedDocument } from '../../domain/duties/reports/reports';
import type { DutyReportRepository } from '../../persistence/repositories/duty-report.repository';
import type { SealRepository } from '../../persistence/repositories/seal.repository';

/**
 * P10: seals an approved report with the county's key, in the transaction that records the approval (`tx`): the
 * PDF is rendered once, its SM3 and SHA-256 digests and the statement signed, and the PDF kept exactly as signed,
 * so what the API serves and the e-mail carries is the signed file. A retried step finds the seal it wrote.
 */
export async function sealApprovedReport(
  tx: { reports: DutyReportRepository; seals: SealRepository },
  reportId: string,
  key: SealPrivateKey | undefined,
): Promise<SealedDocument> {
  const existing = await tx.seals.ofReport(reportId);
  if (existing) return { keyId: existing.key_id, sm3: existing.pdf_sm3, sha256: existing.pdf_sha256 };
  // The worker always has a key; an activity built without one is a set-up fault no retry mends.
  if (!key) throw ApplicationFailure.nonRetryable('no seal key is configured for this worker', 'NoSealKey');
  const stored = await tx.reports.stored(reportId);
  if (!stored?.approval) throw new Error(`report ${reportId} is not approved`);
  const approval = { ...stored.approval, signedWith: { keyId: key.id } };
  const document = dutyReportDocument({ ...stored, approval });
  const pdf = await renderPdf(document);
  const digests = documentDigests(pdf);
  const statement: SealStatement = {
    scheme: SEAL_SCHEME,
    reportId,
    revision: stored.revision,
    contentHash: stored.contentHash,
    sealHash: approval.sealHash,
    unit: document.seal?.unit ?? stored.content.unit.name,
    approverName: approval.approverName,
    approvedAt: approval.approvedAt,
    keyId: key.id,
    signedAt: new Date().toISOString(),
    document: digests,
  };
  await tx.seals.insert({
    report_id: reportId,
    key_id: key.id,
    statement,
    statement_text: statementText(statement),
    signature: signStatement(statement, key),
    pdf,
    pdf_sm3: digests.sm3,
    pdf_sha256: digests.sha256,
    signed_at: new Date(statement.signedAt),
  });
  return { keyId: key.id, sm3: digests.sm3, sha256: digests.sha256 };
}
