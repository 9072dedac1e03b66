import type { DataSource } from 'typeorm';
import type { IssueEventRecord, IssueState } from '../domain/issue/issue.types';
import type { Audience, EventDraft } from '../domain/issue/lifecycle';
import type { LedgerRole } from '../persistence/entities/ledger-entry.entity';
import { IssueRepository } from '../persistence/repositories/issue.repository';
import { LedgerRepository } from '../persistence/repositories/ledger.repository';
import { OrganisationRepository } from '../persistence/repositories/organisation.repository';
import { OutboxRepository } from '../persistence/repositories/outbox.repository';
import { UNIT_PRINCIPAL_ROLES } from '../domain/organisation/roles';
import { activityLog } from './activity-log';

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
  /** The X-Request-Id of the HTTP request behind these events, for the log; none for a timer's events. */
  requestId?: string;
}

interface Recipient {
  memberId: string | null;
  name: string | null;
  unitCode: string | null;
}

/** Whether an audience names a unit: an audience without one reaches nobody that only a unit identifies. */
const hasUnit = (unit: string | null | undefined): unit is string => unit !== undefined && unit !== null;

/** Finds the people an audience means, from the organisation (SPEC §1). */
async function resolveAudience(
  organisation: OrganisationRepository,
  audience: Audience,
): Promise<Recipient[]> {
  const byRoles = async (roles: string[], unit?: string): Promise<Recipient[]> => {
    const rows = await organisation.activeMembers({ roles, ...(hasUnit(unit) ? { unit } : {}) });
    return rows.map((r) => ({ memberId: r.id, name: r.name, unitCode: r.unit_code }));
  };
  switch (audience.role) {
    case 'responsible_person': {
      if (audience.name && hasUnit(audience.unit)) {
        const people = await organisation.activeMembers({ name: audience.name, unit: audience.unit });
        if (people.length > 0)
          return people.map((r) => ({ memberId: r.id, name: r.name, unitCode: r.unit_code }));
      }
      return byRoles(['direct_leader'], audience.unit);
    }
    case 'direct_leader':
      return byRoles(['direct_leader'], audience.unit);
    case 'unit_head':
    case 'unit':
      return byRoles([...UNIT_PRINCIPAL_ROLES], audience.unit);
    case 'deputy_chief':
      return byRoles(['deputy_chief']);
    case 'chief':
      return byRoles(['chief']);
    case 'eco_office': {
      const rows = hasUnit(audience.unit) ? await organisation.activeMembers({ unit: audience.unit }) : [];
      return rows.map((r) => ({ memberId: r.id, name: r.name, unitCode: r.unit_code }));
    }
    case 'prefecture_counterpart': {
      const unit = hasUnit(audience.unit) ? await organisation.unit(audience.unit) : undefined;
      return unit?.prefectureCounterpart
        ? [{ memberId: null, name: unit.prefectureCounterpart, unitCode: null }]
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
  const issues = new IssueRepository(dataSource);
  const ledgers = new LedgerRepository(dataSource);
  const organisation = new OrganisationRepository(dataSource);
  const outbox = new OutboxRepository(dataSource);
  return {
    /**
     * Appends events (L15) and, in the same transaction, moves the read-model row forward, applies the ledger
     * changes (L2, L6, L14) and puts the notices in the outbox with their recipients resolved from the organisation.
     */
    async appendIssueEvents({
      state,
      events,
      requestId,
    }: AppendIssueEventsInput): Promise<{ written: number }> {
      const result = await dataSource.transaction(async (manager) => {
        const last = events[events.length - 1];
        if (!last) return { written: 0 };
        const tx = {
          issues: issues.within(manager),
          ledgers: ledgers.within(manager),
          organisation: organisation.within(manager),
          outbox: outbox.within(manager),
        };
        await tx.issues.upsertRow(state, last.seq, last.at);
        let written = 0;
        for (const event of events) {
          // Already appended by an earlier attempt that committed: nothing of it is written twice.
          if (!(await tx.issues.appendEvent(event))) continue;
          written += 1;
          for (const change of event.ledger) {
            if (change.op === 'open') {
              await tx.ledgers.openLine(event.issueCode, change.unit, change.role, event.at, event.id);
            } else {
              await tx.ledgers.changeLine(change.op, event.issueCode, change.unit, change.role, event.at);
            }
          }
          for (const [n, notice] of event.notices.entries()) {
            for (const audience of notice.audiences) {
              const recipients = await resolveAudience(tx.organisation, audience);
              const key = `${audience.role}:${audience.unit ?? '*'}`;
              const rows =
                recipients.length > 0
                  ? recipients
                  : [{ memberId: null, name: audience.name ?? null, unitCode: audience.unit ?? null }];
              for (const recipient of rows) {
                await tx.outbox.enqueue({
                  id: `${event.id}/${n}/${key}/${recipient.memberId ?? recipient.name ?? 'none'}`,
                  issueCode: event.issueCode,
                  ref: null,
                  eventId: event.id,
                  kind: notice.kind,
                  audience: audience.role,
                  unitCode: recipient.unitCode ?? audience.unit ?? null,
                  memberId: recipient.memberId,
                  recipientName: recipient.name,
                  subject: notice.subject,
                  body: notice.body,
                  // Nobody found is not silence: the office sees unresolved notices and fixes the organisation.
                  status:
                    recipient.memberId || (audience.role === 'prefecture_counterpart' && recipient.name)
                      ? 'pending'
                      : 'unresolved',
                });
              }
            }
          }
        }
        return { written };
      });
      activityLog('info', 'issue events appended 事件已写入台账', {
        ...(requestId ? { requestId } : {}),
        issueCode: state.code,
        status: state.status,
        events: events.map((e) => `${e.seq}:${e.type}`),
        written: result.written,
      });
      return result;
    },

    /** Appends one event, moves the read-model row forward and opens ledger lines, in one transaction. */
    async recordIssueEvent({
      event,
      state,
      opensLedgerLines,
    }: RecordIssueEventInput): Promise<{ written: boolean }> {
      return dataSource.transaction(async (manager) => {
        const tx = { issues: issues.within(manager), ledgers: ledgers.within(manager) };
        // The row first: events reference it. Only a newer event moves it forward.
        await tx.issues.upsertRow(state, event.seq, event.at);
        const written = await tx.issues.appendEvent(event);
        for (const line of opensLedgerLines) {
          await tx.ledgers.openLine(event.issueCode, line.unitCode, line.role, event.at, event.id);
        }
        return { written };
      });
    },
  };
}

export type IssueActivities = ReturnType<typeof createIssueActivities>;
