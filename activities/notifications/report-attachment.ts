import { PDF_TYPE, renderPdf } from '../../documents/render';
import { dutyReportDocument } from '../../domain/duties/reports/report-document';
import { REPORT_KIND_LABELS } from '../../domain/duties/reports/reports';
import type { DutyReportRepository } from '../../persistence/repositories/duty-report.repository';
import type { SealRepository } from '../../persistence/repositories/seal.repository';
import { SendError } from './email.channel';

/**
 * The PDF of a sealed report to go with the e-mail that submits it (P4, P6 to the prefecture, P8 to the county
 * leadership): the file exactly as the county's key signed it (P10), byte for byte what the API serves; a report
 * sealed under the old scheme is rendered as the API renders it.
 */
export async function sealedReportPdf(
  reports: DutyReportRepository,
  seals: SealRepository,
  reportId: string,
): Promise<{ filename: string; content: Buffer; contentType: string }> {
  const report = await reports.stored(reportId);
  // A report is never deleted; a missing or unsealed one is a fault no retry mends.
  if (!report || !report.approval) throw new SendError(`report ${reportId} is not sealed`, true);
  const content = (await seals.pdf(reportId)) ?? (await renderPdf(dutyReportDocument(report)));
  return {
    filename: `${REPORT_KIND_LABELS[report.kind]}-${report.unitCode}-${report.period}.pdf`,
    content,
    contentType: PDF_TYPE,
  };
}
