import { PDF_TYPE, renderPdf } from '../../documents/render';
import { dutyReportDocument } from '../../domain/duties/reports/report-document';
import { REPORT_KIND_LABELS } from '../../domain/duties/reports/reports';
import type { DutyReportRepository } from '../../persistence/repositories/duty-report.repository';
import { SendError } from './email.channel';

/**
 * The printable PDF of a sealed report, exactly as the API serves it (`GET /api/v1/reports/…?format=pdf`), to go
 * with the e-mail that submits it to the prefecture.
 */
export async function sealedReportPdf(
  reports: DutyReportRepository,
  reportId: string,
): Promise<{ filename: string; content: Buffer; contentType: string }> {
  const report = await reports.stored(reportId);
  // A report is never deleted; a missing or unsealed one is a fault no retry mends.
  if (!report || !report.approval) throw new SendError(`report ${reportId} is not sealed`, true);
  const content = await renderPdf(dutyReportDocument(report));
  return {
    filename: `${REPORT_KIND_LABELS[report.kind]}-${report.unitCode}-${report.period}.pdf`,
    content,
    contentType: PDF_TYPE,
  };
}
