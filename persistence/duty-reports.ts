import type { DataSource, EntityManager } from 'typeorm';
import type { ReportContent } from '../domain/duties/reports/report-content';
import type { StoredReport } from '../domain/duties/reports/report-document';
import type { DutyReportKind } from '../domain/duties/reports/reports';
import { isoOrNull as iso } from './returning';

/** A row of `duty_reports` with its unit's name, as the API and the workers read it. */
export interface DutyReportRow {
  id: string;
  kind: DutyReportKind;
  unit_code: string;
  unit_name: string | null;
  period: string;
  due_at: Date | null;
  status: 'draft' | 'submitted';
  content: Record<string, unknown>;
  content_hash: string;
  revision: number;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: Date | null;
  seal_hash: string | null;
  submitted_at: Date | null;
  on_time: boolean | null;
  late_marked_at: Date | null;
  chased: number;
  workflow_id: string | null;
}

/** The columns of a `DutyReportRow`, from `duty_reports r LEFT JOIN units u ON u.code = r.unit_code`. */
export const DUTY_REPORT_COLUMNS = `r.id, r.kind, r.unit_code, u.name AS unit_name, r.period, r.due_at, r.status,
  r.content, r.content_hash, r.revision, r.approved_by, r.approved_by_name, r.approved_at, r.seal_hash,
  r.submitted_at, r.on_time, r.late_marked_at, r.chased, r.workflow_id`;

/** The stored report a printable document is made of; `approverTitle` comes from the approval event. */
export function storedReport(row: DutyReportRow, approverTitle: string | null): StoredReport {
  return {
    id: row.id,
    kind: row.kind,
    unitCode: row.unit_code,
    period: row.period,
    dueAt: iso(row.due_at),
    status: row.status,
    content: row.content as unknown as ReportContent,
    revision: row.revision,
    contentHash: row.content_hash,
    approval:
      row.status === 'submitted' && row.approved_at && row.seal_hash
        ? {
            approverId: row.approved_by ?? '',
            approverName: row.approved_by_name ?? '',
            approverTitle,
            approvedAt: row.approved_at.toISOString(),
            sealHash: row.seal_hash,
          }
        : null,
    submittedAt: iso(row.submitted_at),
    onTime: row.on_time,
    lateMarkedAt: iso(row.late_marked_at),
  };
}

/** The approver's title (分网格长, 网格长, 总网格长 …) as the approval event recorded it. */
export function approverTitleOf(approvedPayload: Record<string, unknown> | undefined): string | null {
  const title = approvedPayload?.approverTitle;
  return typeof title === 'string' ? title : null;
}

/** One report as stored, with its seal, or null when there is no such report. */
export async function loadStoredReport(
  db: DataSource | EntityManager,
  id: string,
): Promise<StoredReport | null> {
  const [row] = await db.query<DutyReportRow[]>(
    `SELECT ${DUTY_REPORT_COLUMNS} FROM duty_reports r LEFT JOIN units u ON u.code = r.unit_code WHERE r.id = $1`,
    [id],
  );
  if (!row) return null;
  const [approved] = await db.query<Array<{ payload: Record<string, unknown> }>>(
    `SELECT payload FROM duty_report_events WHERE report_id = $1 AND type = 'approved' ORDER BY at LIMIT 1`,
    [id],
  );
  return storedReport(row, approverTitleOf(approved?.payload));
}
