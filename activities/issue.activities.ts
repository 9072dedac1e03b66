import type { DataSource, EntityManager } from 'typeorm';
import type { IssueEventRecord, IssueState } from '../domain/issue/issue.types';
import type { Audience, EventDraft } from '../domain/issue/lifecycle';
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

/** An event with its id and sequence, ready to append. */
export type NumberedEvent = EventDraft & Pick<IssueEventRecord, 'id' | 'issueCode' | 'seq' | 'at'>;

export interface AppendIssueEventsInput {
  /** The issue's state after the events: the read-model row is projected from it. */
  state: IssueState;
  events: NumberedEvent[];
}

interface Recipient {
  memberId: string | null;
  name: string | null;
  unitCode: string | null;
}

/** Finds the people an audience means, from the organisation (SPEC §1). */
async function resolveAudience(manager: EntityManager, audience: Audience): Promise<Recipient[]> {
  const byRoles = async (roles: string[], unit?: string): Promise<Recipient[]> => {
    const rows = await manager.query<Array<{ id: string; name: string; unit_code: string }>>(
      `SELECT id, name, unit_code FROM members WHERE active AND roles && $1::text[] AND ($2::text IS NULL OR unit_code = $2)
       ORDER BY id`,
      [roles, unit ?? null],
    );
    return rows.map((r) => ({ memberId: r.id, name: r.name, unitCode: r.unit_code }));
  };
  switch (audience.role) {
    case 'responsible_person': {
      if (audience.name) {
        const named = await manager.query<Array<{ id: string; name: string; unit_code: string }>>(
          `SELECT id, name, unit_code FROM members WHERE active AND name = $1 AND unit_code = $2 ORDER BY id`,
          [audience.name, audience.unit],
        );
        if (named.length > 0)
          return named.map((r) => ({ memberId: r.id, name: r.name, unitCode: r.unit_code }));
      }
      return byRoles(['direct_leader'], audience.unit);
    }
    case 'direct_leader':
      return byRoles(['direct_leader'], audience.unit);
    case 'unit_head':
    case 'unit':
      return byRoles(['sector_head', 'grid_head'], audience.unit);
    case 'deputy_chief':
      return byRoles(['deputy_chief']);
    case 'chief':
      return byRoles(['chief']);
    case 'eco_office': {
      const rows = await manager.query<Array<{ id: string; name: string; unit_code: string }>>(
        `SELECT id, name, unit_code FROM members WHERE active AND unit_code = $1 ORDER BY id`,
        [audience.unit],
      );
      return rows.map((r) => ({ memberId: r.id, name: r.name, unitCode: r.unit_code }));
    }
    case 'prefecture_counterpart': {
      const [unit] = await manager.query<Array<{ prefecture_counterpart: string | null }>>(
        `SELECT prefecture_counterpart FROM units WHERE code = $1`,
        [audience.unit],
      );
      return unit?.prefecture_counterpart
        ? [{ memberId: null, name: unit.prefecture_counterpart, unitCode: null }]
        : [];
    }
  }
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
    /**
     * Appends events (L15) and, in the same transaction, moves the read-model row forward, applies the ledger
     * changes (L2, L6, L14) and puts the notices in the outbox with their recipients resolved from the organisation.
     */
    async appendIssueEvents({ state, events }: AppendIssueEventsInput): Promise<{ written: number }> {
      return dataSource.transaction(async (manager) => {
        const last = events[events.length - 1];
        if (!last) return { written: 0 };
        await upsertIssueRow(manager, state, last.seq, last.at);
        let written = 0;
        for (const event of events) {
          // Already appended by an earlier attempt that committed: nothing of it is written twice.
          if (!(await appendEvent(manager, event))) continue;
          written += 1;
          for (const change of event.ledger) {
            if (change.op === 'open') {
              await manager.query(
                `INSERT INTO ledger_entries (issue_code, unit_code, role, opened_at, opened_by_event)
                 VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING`,
                [event.issueCode, change.unit, change.role, event.at, event.id],
              );
            } else {
              await manager.query(
                `UPDATE ledger_entries SET closed_at = ${change.op === 'close' ? '$4' : 'NULL'}
                 WHERE issue_code = $1 AND unit_code = $2 AND role = $3 ${change.op === 'close' ? 'AND closed_at IS NULL' : 'AND $4::timestamptz IS NOT NULL'}`,
                [event.issueCode, change.unit, change.role, event.at],
              );
            }
          }
          for (const [n, notice] of event.notices.entries()) {
            for (const audience of notice.audiences) {
              const recipients = await resolveAudience(manager, audience);
              const key = `${audience.role}:${audience.unit ?? '*'}`;
              const rows =
                recipients.length > 0
                  ? recipients
                  : [{ memberId: null, name: audience.name ?? null, unitCode: audience.unit ?? null }];
              for (const recipient of rows) {
                await manager.query(
                  `INSERT INTO notification_outbox (id, issue_code, event_id, kind, audience, unit_code, member_id,
                     recipient_name, subject, body, status)
                   VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (id) DO NOTHING`,
                  [
                    `${event.id}/${n}/${key}/${recipient.memberId ?? recipient.name ?? 'none'}`,
                    event.issueCode,
                    event.id,
                    notice.kind,
                    audience.role,
                    recipient.unitCode ?? audience.unit ?? null,
                    recipient.memberId,
                    recipient.name,
                    notice.subject,
                    notice.body,
                    // Nobody found is not silence: the office sees unresolved notices and fixes the organisation.
                    recipient.memberId || (audience.role === 'prefecture_counterpart' && recipient.name)
                      ? 'pending'
                      : 'unresolved',
                  ],
                );
              }
            }
          }
        }
        return { written };
      });
    },

    /** Appends one event, moves the read-model row forward and opens ledger lines, in one transaction. */
    async recordIssueEvent({
      event,
      state,
      opensLedgerLines,
    }: RecordIssueEventInput): Promise<{ written: boolean }> {
      return dataSource.transaction(async (manager) => {
        // The row first: events reference it. Only a newer event moves it forward.
        await upsertIssueRow(manager, state, event.seq, event.at);
        const written = await appendEvent(manager, event);
        for (const line of opensLedgerLines) {
          await manager.query(
            `INSERT INTO ledger_entries (issue_code, unit_code, role, opened_at, opened_by_event)
             VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING`,
            [event.issueCode, line.unitCode, line.role, event.at, event.id],
          );
        }
        return { written };
      });
    },
  };
}

export type IssueActivities = ReturnType<typeof createIssueActivities>;

/** Appends one event (L15) unless an earlier attempt did; true when this call wrote it. */
async function appendEvent(
  manager: EntityManager,
  event: Pick<
    IssueEventRecord,
    'id' | 'issueCode' | 'seq' | 'type' | 'actor' | 'actorUnit' | 'at' | 'payload'
  >,
): Promise<boolean> {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO issue_events (id, issue_code, seq, type, actor, actor_unit, at, payload)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [event.id, event.issueCode, event.seq, event.type, event.actor, event.actorUnit, event.at, event.payload],
  );
  return inserted.length > 0;
}

/** Inserts the issue's read-model row, or moves it forward when this event is newer than the last projected one. */
async function upsertIssueRow(
  manager: EntityManager,
  state: IssueState,
  seq: number,
  at: string,
): Promise<void> {
  const report = state.report;
  await manager.query(
    `INSERT INTO issues (code, workflow_id, title, description, category, severity, source, township, village,
       lat, lng, finder_unit, reported_by, sector_owner, territorial_owner, status, definition_version,
       deadline, overdue, escalation_level, reported_at, last_event_seq, updated_at,
       owner, county_supervision, accountability_flagged, awaiting, state)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28)
     ON CONFLICT (code) DO UPDATE SET
       sector_owner = EXCLUDED.sector_owner, territorial_owner = EXCLUDED.territorial_owner,
       status = EXCLUDED.status, deadline = EXCLUDED.deadline, overdue = EXCLUDED.overdue,
       escalation_level = EXCLUDED.escalation_level, severity = EXCLUDED.severity,
       last_event_seq = EXCLUDED.last_event_seq, updated_at = EXCLUDED.updated_at, owner = EXCLUDED.owner,
       county_supervision = EXCLUDED.county_supervision, accountability_flagged = EXCLUDED.accountability_flagged,
       awaiting = EXCLUDED.awaiting, state = EXCLUDED.state
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
      seq,
      at,
      state.owner ?? null,
      state.countySupervision ?? false,
      state.accountability?.flagged ?? false,
      state.awaiting ?? [],
      JSON.stringify(state),
    ],
  );
}
