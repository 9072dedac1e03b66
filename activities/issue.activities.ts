import type { DataSource } from 'typeorm';
import type { IssueEventRecord, IssueState } from '../domain/issue/issue.types';
import type { Audience, EventDraft } from '../domain/issue/lifecycle';
import type { LedgerRole } from '../persistence/entities/ledger-entry.entity';
import { IssueRepository } from '../persistence/repositories/issue.repository';
import { LedgerRepository } from '../persistence/repositories/ledger.repository';
import { OrganisationRepository } from '../persistence/repositories/organisation.repository';
import { OutboxRepository } from '../persistence/repositories/outbox.repository';
import {
  ConsultationRepository,
  type NewConsultation,
} from '../persistence/repositories/consultation.repository';
import type { ActionData } from '../domain/issue/actions';
import { UNIT_PRINCIPAL_ROLES } from '../domain/organisation/roles';
import { attentionNotice, NEEDS_ATTENTION_KIND, OPERATORS_AUDIENCE } from '../domain/issue/attention';
import type { IssueAttention } from '../domain/issue/issue.types';
import { applyStateDelta, type StateDelta } from '../domain/issue/state-delta';
import { ApplicationFailure } from '@temporalio/common';
import { failingFastOnDataErrors } from './data-errors';
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

/** What a ledger write wrote, event by event, as `seq:type`: its log line and its answer (a local activity's marker). */
export const writtenLabels = (events: ReadonlyArray<Pick<NumberedEvent, 'seq' | 'type'>>): string[] =>
  events.map((e) => `${e.seq}:${e.type}`);

/**
 * How the read-model row moves with the events (lean histories): the whole state on a run's first write, else the
 * change since the previous write, whose last event the row must already hold.
 */
export type RowWrite = { whole: IssueState } | { baseSeq: number; changes: StateDelta };

export interface AppendIssueEventsInput {
  /** Issues started before the lean histories: the whole state after the events, projected into the row. */
  state?: IssueState;
  /** Lean histories: the issue's code and how its row moves. */
  issueCode?: string;
  row?: RowWrite;
  events: NumberedEvent[];
  /** The X-Request-Id of the HTTP request behind these events, for the log; none for a timer's events. */
  requestId?: string;
}

interface Recipient {
  memberId: string | null;
  name: string | null;
  unitCode: string | null;
  /** A mailbox outside the roster that the dispatcher delivers to (the prefecture counterpart's, L12). */
  mailbox?: string | null;
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
  const toRecipients = (rows: Array<{ id: string; name: string; unit_code: string }>): Recipient[] =>
    rows.map((r) => ({ memberId: r.id, name: r.name, unitCode: r.unit_code }));
  /** G7: a grid's 直接负责人; a unit's own grids where the issue is; else, as before areas, the unit's. */
  const directLeaders = async (): Promise<Recipient[]> => {
    if (audience.grid)
      return toRecipients(
        await organisation.activeMembers({ grid: audience.grid, roles: ['direct_leader'] }),
      );
    if (audience.at && hasUnit(audience.unit)) {
      const grids = await organisation.unitGridsAt(audience.unit, audience.at);
      const found: Recipient[] = [];
      for (const grid of grids)
        found.push(...toRecipients(await organisation.activeMembers({ grid, roles: ['direct_leader'] })));
      if (found.length > 0) return found;
    }
    return byRoles(['direct_leader'], audience.unit);
  };
  switch (audience.role) {
    case 'responsible_person': {
      if (audience.memberId) {
        const member = await organisation.activeMembers({ id: audience.memberId });
        if (member.length > 0) return toRecipients(member);
      }
      if (audience.name && hasUnit(audience.unit)) {
        const people = await organisation.activeMembers({ name: audience.name, unit: audience.unit });
        if (people.length > 0) return toRecipients(people);
      }
      return directLeaders();
    }
    case 'direct_leader':
      return directLeaders();
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
      // L12: the copy goes to the counterpart's mailbox; the notice keeps the county unit it is the counterpart of.
      const unit = hasUnit(audience.unit) ? await organisation.unit(audience.unit) : undefined;
      return unit?.prefectureCounterpart
        ? [
            {
              memberId: null,
              name: unit.prefectureCounterpart,
              unitCode: unit.code,
              mailbox: unit.prefectureEmail,
            },
          ]
        : [];
    }
  }
}

/** L12, P5 (v3): the consultation an issue's event recorded, as the convener's unit's P5 consultation. */
function consultationOf(event: NumberedEvent, state: IssueState): NewConsultation {
  const data = event.payload as unknown as ActionData['recordConsultation'] & { convenedBy: string };
  return {
    // Recorded from a P5 consultation, it is that one (already stored); otherwise this event's own.
    id: data.consultationId ?? `consultation-${event.id}`,
    unitCode: event.actorUnit,
    convenedBy: data.convenedBy,
    heldAt: new Date(`${data.date}T12:00:00+08:00`),
    topic: `问题会商：${state.report.title}`,
    attendees: data.attendees.map((name) => ({ name })),
    minutes: data.minutes,
    decisions: data.decisions.map((text) => ({ text })),
    issueCodes: [event.issueCode],
    recordedBy: data.convenedBy,
    recordedAt: new Date(event.at),
  };
}

/** S4: what the operators' notice of an issue that needs attention is about. */
export interface AlertOperatorsInput {
  /** Deterministic, so a retried alert writes nothing twice. */
  id: string;
  issueCode: string;
  title: string;
  ecoOffice: string;
  attention: IssueAttention;
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
  /** The transaction of `appendIssueEvents`; answers the state the row holds after it. */
  const appendEvents = (
    code: string,
    row: RowWrite,
    events: NumberedEvent[],
  ): Promise<{ written: number; state?: IssueState }> =>
    dataSource.transaction(async (manager) => {
      const last = events[events.length - 1];
      if (!last) return { written: 0 };
      const tx = {
        issues: issues.within(manager),
        ledgers: ledgers.within(manager),
        organisation: organisation.within(manager),
        outbox: outbox.within(manager),
        consultations: new ConsultationRepository(manager),
      };
      let state: IssueState;
      if ('whole' in row) {
        state = row.whole;
        await tx.issues.upsertRow(state, last.seq, last.at);
      } else {
        const projected = await tx.issues.projectedState(code);
        // The previous write (its base) has not landed yet: a retry finds it there.
        if (!projected || projected.lastEventSeq < row.baseSeq)
          throw ApplicationFailure.retryable(
            `issue ${code}: the read model holds event ${projected?.lastEventSeq ?? 'none'}, this write follows event ${row.baseSeq}`,
            'IssueRowBehind',
          );
        if (projected.lastEventSeq >= last.seq) state = projected.state;
        else {
          state = applyStateDelta(projected.state, row.changes);
          await tx.issues.upsertRow(state, last.seq, last.at);
        }
      }
      let written = 0;
      for (const event of events) {
        // Already appended by an earlier attempt that committed: nothing of it is written twice.
        if (!(await tx.issues.appendEvent(event))) continue;
        written += 1;
        if (event.type === 'recordConsultation' && event.payload.countsForP5 === true)
          await tx.consultations.insertFromIssue(consultationOf(event, state));
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
            const key = `${audience.role}:${audience.unit ?? audience.grid ?? '*'}`;
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
                status: recipient.memberId || recipient.mailbox ? 'pending' : 'unresolved',
              });
            }
          }
        }
      }
      return { written, state };
    });

  /** The outbox rows of `alertOperators`. */
  const alert = async ({
    id,
    issueCode,
    title,
    ecoOffice,
    attention,
  }: AlertOperatorsInput): Promise<{
    written: number;
  }> => {
    const text = attentionNotice(issueCode, title, attention);
    const office = await organisation.activeMembers({ unit: ecoOffice });
    const recipients = [
      {
        audience: OPERATORS_AUDIENCE,
        memberId: null,
        name: null,
        unitCode: null,
        status: 'pending' as const,
      },
      ...office.map((m) => ({
        audience: 'eco_office',
        memberId: m.id,
        name: m.name,
        unitCode: m.unit_code,
        status: 'pending' as const,
      })),
    ];
    let written = 0;
    for (const r of recipients) {
      const wrote = await outbox.enqueue({
        id: `${id}/${r.audience}/${r.memberId ?? '*'}`,
        issueCode,
        // About no stored event (the refused one is not): the attention round is what it refers to.
        ref: id,
        eventId: null,
        kind: NEEDS_ATTENTION_KIND,
        audience: r.audience,
        unitCode: r.unitCode,
        memberId: r.memberId,
        recipientName: r.name,
        subject: text.subject,
        body: text.body,
        status: r.status,
      });
      if (wrote) written += 1;
    }
    return { written };
  };
  return {
    /**
     * Appends events (L15) and, in the same transaction, moves the read-model row forward, applies the ledger
     * changes (L2, L6, L14) and puts the notices in the outbox with their recipients resolved from the organisation.
     */
    async appendIssueEvents({
      state,
      issueCode,
      row,
      events,
      requestId,
    }: AppendIssueEventsInput): Promise<{ written: number; events: string[] }> {
      const code = issueCode ?? state?.code ?? events[0]?.issueCode ?? '';
      const write: RowWrite = row ?? { whole: state! };
      // A refused row is refused on every retry: the workflow hears of it at once (S4).
      const result = await failingFastOnDataErrors(() => appendEvents(code, write, events));
      const labels = writtenLabels(events);
      activityLog('info', 'issue events appended 事件已写入台账', {
        ...(requestId ? { requestId } : {}),
        issueCode: code,
        ...(result.state ? { status: result.state.status } : {}),
        events: labels,
        written: result.written,
      });
      // What was written, by number and type: a local activity's marker holds this answer, not its input.
      return { written: result.written, events: labels };
    },

    /**
     * S4: tells the system operators (their mailbox, OPERATOR_EMAILS) and 县环委办's members (their inboxes) that an
     * issue's write was refused for its data and the issue waits for them.
     */
    async alertOperators(input: AlertOperatorsInput): Promise<{ written: number }> {
      return failingFastOnDataErrors(() => alert(input));
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
