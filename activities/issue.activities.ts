import type { DataSource } from 'typeorm';
import type { IssueEventRecord, IssueState } from '../domain/issue/issue.types';
import type { LedgerRole } from '../persistence/entities/ledger-entry.entity';

export interface LedgerLine {
  unitCode: string;
  role: LedgerRole;
}

export interface RecordIssueEventInput {
  event: IssueEventRecord;
  /** The issue's state after the event: the read-model row is projected from it. */
  state: IssueState;
  /** Ledger lines this event opens (L2, L6). */
  opensLedgerLines: LedgerLine[];
}

export interface IssueActivityDeps {
  dataSource: DataSource;
}

/**
 * Activities of the issue lifecycle. Each is idempotent: the event id is the key, so a retry after a crash
 * between the write and the acknowledgement writes nothing twice.
 */
export function createIssueActivities({ dataSource }: IssueActivityDeps) {
  return {
    /** Appends one event, moves the read-model row forward and opens ledger lines, in one transaction. */
    async recordIssueEvent({
      event,
      state,
      opensLedgerLines,
    }: RecordIssueEventInput): Promise<{ written: boolean }> {
      return dataSource.transaction(async (manager) => {
        const report = state.report;
        // The row first: events reference it. Only a newer event moves it forward.
        await manager.query(
          `INSERT INTO issues (code, workflow_id, title, description, category, severity, source, township, village,
             lat, lng, finder_unit, reported_by, sector_owner, territorial_owner, status, definition_version,
             deadline, overdue, escalation_level, reported_at, last_event_seq, updated_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23)
           ON CONFLICT (code) DO UPDATE SET
             sector_owner = EXCLUDED.sector_owner, territorial_owner = EXCLUDED.territorial_owner,
             status = EXCLUDED.status, deadline = EXCLUDED.deadline, overdue = EXCLUDED.overdue,
             escalation_level = EXCLUDED.escalation_level, severity = EXCLUDED.severity,
             last_event_seq = EXCLUDED.last_event_seq, updated_at = EXCLUDED.updated_at
           WHERE issues.last_event_seq < EXCLUDED.last_event_seq`,
          [
            state.code,
            `issue-${state.code}`,
            report.title,
            report.description,
            report.category,
            report.severity,
            report.source,
            report.township,
            report.village ?? null,
            report.location?.lat ?? null,
            report.location?.lng ?? null,
            report.finderUnit,
            report.reportedBy,
            state.sectorOwner,
            state.territorialOwner,
            state.status,
            state.definitionVersion,
            state.deadline,
            state.overdue,
            state.escalationLevel,
            state.reportedAt,
            event.seq,
            event.at,
          ],
        );
        const inserted: unknown[] = await manager.query(
          `INSERT INTO issue_events (id, issue_code, seq, type, actor, actor_unit, at, payload)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [
            event.id,
            event.issueCode,
            event.seq,
            event.type,
            event.actor,
            event.actorUnit,
            event.at,
            event.payload,
          ],
        );
        for (const line of opensLedgerLines) {
          await manager.query(
            `INSERT INTO ledger_entries (issue_code, unit_code, role, opened_at, opened_by_event)
             VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING`,
            [event.issueCode, line.unitCode, line.role, event.at, event.id],
          );
        }
        return { written: inserted.length > 0 };
      });
    },
  };
}

export type IssueActivities = ReturnType<typeof createIssueActivities>;
