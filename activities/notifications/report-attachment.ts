import type { DataSource } from 'typeorm';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the renderer moves to the top-level documents/ (issue #10, part 3)
import { PDF_TYPE, renderPdf } from '../../api/documents/render';
import { dutyReportDocument } from '../../domain/duties/report-document';
import { REPORT_KIND_LABELS } from '../../domain/duties/reports';
import { loadStoredReport } from '../../persistence/duty-reports';
import { SendError } from './email.channel';

/**
 * The printable PDF of a sealed report, exactly as the API serves it (`GET /api/v1/reports/…?format=pdf`), to go
 * with the e-mail that submits it to the prefecture.
 */
export async function sealedReportPdf(
  dataSource: DataSource,
  reportId: string,
): Promise<{ filename: string; content: Buffer; contentType: string }> {
  const report = await loadStoredReport(dataSource, reportId);
  // A report is never deleted; a missing or unsealed one is a fault no retry mends.
  if (!report || !report.approval) throw new SendError(`report ${reportId} is not sealed`, true);
  const content = await renderPdf(dutyReportDocument(report));
  return {
    filename: `${REPORT_KIND_LABELS[report.kind]}-${report.unitCode}-${report.period}.pdf`,
    content,
    contentType: PDF_TYPE,
  };
}
