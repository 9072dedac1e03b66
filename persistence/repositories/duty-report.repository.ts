import type { EntityManager } from 'typeorm';
import type { ReportContent, ReportRecord } from '../../domain/duties/reports/report-content';
import type { StoredReport } from '../../domain/duties/reports/report-document';
import type { DutyReportKind, ReportApproval, ReportContentBase } from '../../domain/duties/reports/reports';
import { isoOrNull as iso } from '../returning';
import type { Db } from './db';

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
  /** P10: the county key that signed its PDF; null while unsealed, and for reports sealed under the old scheme. */
  seal_key_id: string | null;
  submitted_at: Date | null;
  on_time: boolean | null;
  late_marked_at: Date | null;
  chased: number;
  workflow_id: string | null;
}

/** The columns of a `DutyReportRow`, from `duty_reports r LEFT JOIN units u ON u.code = r.unit_code`. */
export const DUTY_REPORT_COLUMNS = `r.id, r.kind, r.unit_code, u.name AS unit_name, r.period, r.due_at, r.status,
  r.content, r.content_hash, r.revision, r.approved_by, r.approved_by_name, r.approved_at, r.seal_hash,
  r.submitted_at, r.on_time, r.late_marked_at, r.chased, r.workflow_id,
  (SELECT s.key_id FROM report_seals s WHERE s.report_id = r.id) AS seal_key_id`;

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
            signedWith: row.seal_key_id ? { keyId: row.seal_key_id } : null,
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

/** What the report list is narrowed to; every field left out matches all. */
export interface DutyReportFilter {
  /** Set for actors who read their own unit's reports and the submitted bulletins only. */
  scopeUnit?: string;
  kind?: string;
  unit?: string;
  period?: string;
  status?: string;
  late?: boolean;
}

/** A report's event (`duty_report_events`). */
export interface DutyReportEventRow {
  id: string;
  type: string;
  actor: string | null;
  at: Date;
  payload: Record<string, unknown>;
}

/** A report's row as a step of its workflow creates it. */
export interface DutyReportDraft {
  id: string;
  kind: DutyReportKind;
  unit: string;
  period: string;
  periodStart: Date;
  periodEnd: Date;
  dueAt: string | null;
  workflowId: string;
}

/** A report's due and submission times, as the year's assessment counts them. */
export interface AssessedReportRow {
  id: string;
  kind: string;
  unit_code: string;
  due_at: Date | null;
  submitted_at: Date | null;
  on_time: boolean | null;
}

const FROM = `FROM duty_reports r LEFT JOIN units u ON u.code = r.unit_code`;

/**
 * The units' reports and 县环委办's bulletins (`duty_reports` with their `duty_report_events`, P3, P4, P6, P8): the
 * report workflows' steps move a row forward; the API, the drafting of other reports and the assessment read them.
 */
export class DutyReportRepository {
  constructor(private readonly db: Db) {}

  /** The same repository inside the caller's transaction. */
  within(manager: EntityManager): DutyReportRepository {
    return new DutyReportRepository(manager);
  }

  /** Creates the draft, or takes a newer revision of its content while it is still a draft. */
  async saveDraft(
    report: DutyReportDraft,
    content: ReportContentBase,
    contentHash: string,
    revision: number,
    at: string,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO duty_reports (id, kind, unit_code, period, period_start, period_end, due_at, status, content,
         content_hash, revision, workflow_id, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,'draft',$8,$9,$10,$11,$12,$12)
       ON CONFLICT (id) DO UPDATE SET content = EXCLUDED.content, content_hash = EXCLUDED.content_hash,
         revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at
       WHERE duty_reports.status = 'draft' AND duty_reports.revision < EXCLUDED.revision`,
      [
        report.id,
        report.kind,
        report.unit,
        report.period,
        report.periodStart,
        report.periodEnd,
        report.dueAt,
        JSON.stringify(content),
        contentHash,
        revision,
        report.workflowId,
        at,
      ],
    );
  }

  /** Seals a draft with its approval: it is submitted, on time or not. */
  async approve(
    id: string,
    content: ReportContentBase,
    contentHash: string,
    revision: number,
    a: ReportApproval,
    onTime: boolean,
  ): Promise<void> {
    await this.db.query(
      `UPDATE duty_reports SET status = 'submitted', content = $2, content_hash = $3, revision = $4,
         approved_by = $5, approved_by_name = $6, approved_at = $7, seal_hash = $8, submitted_at = $7,
         on_time = $9, updated_at = $7
       WHERE id = $1 AND status = 'draft'`,
      [
        id,
        JSON.stringify(content),
        contentHash,
        revision,
        a.approverId,
        a.approverName,
        a.approvedAt,
        a.sealHash,
        onTime,
      ],
    );
  }

  /** Marks the report late the first time its deadline passes. */
  async markLate(id: string, at: string): Promise<void> {
    await this.db.query(
      `UPDATE duty_reports SET late_marked_at = coalesce(late_marked_at, $2),
         updated_at = greatest(updated_at, $2) WHERE id = $1`,
      [id, at],
    );
  }

  /** Counts a chase (催报), never backwards. */
  async markChased(id: string, chased: number, at: string): Promise<void> {
    await this.db.query(
      `UPDATE duty_reports SET chased = greatest(chased, $2), updated_at = greatest(updated_at, $3)
       WHERE id = $1`,
      [id, chased, at],
    );
  }

  /** Appends an event unless an earlier attempt did; true when this call wrote it. */
  async appendEvent(event: {
    id: string;
    reportId: string;
    type: string;
    actor: string | null;
    at: string;
    payload: Record<string, unknown>;
  }): Promise<boolean> {
    const inserted: unknown[] = await this.db.query(
      `INSERT INTO duty_report_events (id, report_id, type, actor, at, payload)
       VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [event.id, event.reportId, event.type, event.actor, event.at, event.payload],
    );
    return inserted.length > 0;
  }

  /** One page of reports, newest period first, and how many match. */
  async page(
    filter: DutyReportFilter,
    page: number,
    pageSize: number,
  ): Promise<{ rows: DutyReportRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.scopeUnit !== undefined)
      where.push(
        `(r.unit_code = ${param(filter.scopeUnit)} OR (r.kind = 'bulletin' AND r.status = 'submitted'))`,
      );
    if (filter.kind) where.push(`r.kind = ${param(filter.kind)}`);
    if (filter.unit) where.push(`r.unit_code = ${param(filter.unit)}`);
    if (filter.period) where.push(`r.period = ${param(filter.period)}`);
    if (filter.status) where.push(`r.status = ${param(filter.status)}`);
    if (filter.late !== undefined)
      where.push(
        `${filter.late ? '' : 'NOT '}(r.on_time IS FALSE OR (r.status = 'draft' AND r.late_marked_at IS NOT NULL))`,
      );
    const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM duty_reports r ${condition}`,
      params,
    );
    const rows = await this.db.query<DutyReportRow[]>(
      `SELECT ${DUTY_REPORT_COLUMNS} ${FROM} ${condition}
       ORDER BY r.period_start DESC, r.kind, r.unit_code
       LIMIT ${param(pageSize)} OFFSET ${param((page - 1) * pageSize)}`,
      params,
    );
    return { rows, total };
  }

  /** One report's row, or undefined. */
  async row(id: string): Promise<DutyReportRow | undefined> {
    const [row] = await this.db.query<DutyReportRow[]>(
      `SELECT ${DUTY_REPORT_COLUMNS} ${FROM} WHERE r.id = $1`,
      [id],
    );
    return row;
  }

  /** The rows of one kind's reports of a period, whichever units have one. */
  ofPeriod(kind: DutyReportKind, period: string): Promise<DutyReportRow[]> {
    return this.db.query<DutyReportRow[]>(
      `SELECT ${DUTY_REPORT_COLUMNS} ${FROM}
       WHERE r.kind = $1 AND r.period = $2`,
      [kind, period],
    );
  }

  /** A report's history, oldest first. */
  events(id: string): Promise<DutyReportEventRow[]> {
    return this.db.query<DutyReportEventRow[]>(
      `SELECT id, type, actor, at, payload FROM duty_report_events WHERE report_id = $1 ORDER BY at, id`,
      [id],
    );
  }

  /** One report as stored, with its seal, or null when there is no such report. */
  async stored(id: string): Promise<StoredReport | null> {
    const row = await this.row(id);
    if (!row) return null;
    const [approved] = await this.db.query<Array<{ payload: Record<string, unknown> }>>(
      `SELECT payload FROM duty_report_events WHERE report_id = $1 AND type = 'approved' ORDER BY at LIMIT 1`,
      [id],
    );
    return storedReport(row, approverTitleOf(approved?.payload));
  }

  /** Reports of these kinds and periods, of one unit or of all, as other reports list them. */
  async records(kinds: DutyReportKind[], periods: string[], unit: string | null): Promise<ReportRecord[]> {
    const rows = await this.db.query<
      Array<{
        kind: DutyReportKind;
        unit_code: string;
        period: string;
        status: 'draft' | 'submitted';
        on_time: boolean | null;
        due_at: Date | null;
        submitted_at: Date | null;
      }>
    >(
      `SELECT kind, unit_code, period, status, on_time, due_at, submitted_at FROM duty_reports
       WHERE kind = ANY($1) AND period = ANY($2) AND ($3::text IS NULL OR unit_code = $3) ORDER BY id`,
      [kinds, periods, unit],
    );
    return rows.map((r) => ({
      kind: r.kind,
      unitCode: r.unit_code,
      period: r.period,
      status: r.status,
      onTime: r.on_time,
      dueAt: iso(r.due_at),
      submittedAt: iso(r.submitted_at),
    }));
  }

  /** The reports a year's assessment counts: due in it; of one unit, or of all. */
  assessed(from: Date, to: Date, unit: string | null): Promise<AssessedReportRow[]> {
    return this.db.query<AssessedReportRow[]>(
      `SELECT id, kind, unit_code, due_at, submitted_at, on_time FROM duty_reports
       WHERE due_at >= $1 AND due_at < $2 AND ($3::text IS NULL OR unit_code = $3)`,
      [from, to, unit],
    );
  }
}
