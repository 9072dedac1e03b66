import type { EntityManager } from 'typeorm';
import {
  CLUE_STATUS_LABELS,
  type ClueEventRecord,
  type ClueState,
  type ClueStatus,
} from '../../domain/records/violation-clues';
import type { ResponsibleParty } from '../../domain/records/responsible-party';
import type { Db } from './db';

/** A clue as the API answers it, from the read model, with its history. */
export interface ViolationClueView {
  id: string;
  workflowId: string;
  title: string;
  description: string;
  township: string | null;
  village: string | null;
  location: { lat: number; lng: number } | null;
  suspect: ResponsibleParty | null;
  evidence: string[];
  issueCodes: string[];
  status: ClueStatus;
  statusLabel: string;
  receiverUnit: string;
  handedBy: { id: string; name: string };
  handedByUnit: string;
  handedByUnitName: string;
  handedAt: string;
  firstAnswerDue: string;
  firstAnsweredAt: string | null;
  /** The first answer came after its term, or has not come and the term is past. */
  overdue: boolean;
  caseNumber: string | null;
  decisionReason: string | null;
  updatedAt: string;
}

export interface ClueEventRow {
  seq: number;
  type: string;
  actor: string;
  actorName: string;
  at: string;
  payload: Record<string, unknown>;
}

export interface ClueFilter {
  /** A reader outside the bureau and 县环委办 sees the clues its unit handed over. */
  scopeUnit?: string;
  status?: ClueStatus;
  handedByUnit?: string;
  issueCode?: string;
  overdue?: boolean;
}

interface Row {
  id: string;
  workflow_id: string;
  title: string;
  description: string;
  township: string | null;
  village: string | null;
  lat: number | null;
  lng: number | null;
  suspect: ResponsibleParty | null;
  evidence: string[];
  issue_codes: string[];
  status: ClueStatus;
  receiver_unit: string;
  handed_by: string;
  handed_by_name: string;
  handed_by_unit: string;
  handed_by_unit_name: string;
  handed_at: Date;
  first_answer_due: Date;
  first_answered_at: Date | null;
  case_number: string | null;
  decision_reason: string | null;
  overdue: boolean;
  updated_at: Date;
}

const toView = (r: Row): ViolationClueView => ({
  id: r.id,
  workflowId: r.workflow_id,
  title: r.title,
  description: r.description,
  township: r.township,
  village: r.village,
  location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
  suspect: r.suspect,
  evidence: r.evidence,
  issueCodes: r.issue_codes,
  status: r.status,
  statusLabel: CLUE_STATUS_LABELS[r.status],
  receiverUnit: r.receiver_unit,
  handedBy: { id: r.handed_by, name: r.handed_by_name },
  handedByUnit: r.handed_by_unit,
  handedByUnitName: r.handed_by_unit_name,
  handedAt: r.handed_at.toISOString(),
  firstAnswerDue: r.first_answer_due.toISOString(),
  firstAnsweredAt: r.first_answered_at?.toISOString() ?? null,
  overdue: r.overdue,
  caseNumber: r.case_number,
  decisionReason: r.decision_reason,
  updatedAt: r.updated_at.toISOString(),
});

const OVERDUE = `(coalesce(c.first_answered_at, now()) > c.first_answer_due)`;

const SELECT = `
  SELECT c.*, u.name AS handed_by_unit_name, ${OVERDUE} AS overdue
  FROM violation_clues c JOIN units u ON u.code = c.handed_by_unit`;

/** 违法线索 (`violation_clues` and `violation_clue_events`, R2): the projection of the clue workflows. */
export class ViolationClueRepository {
  constructor(private readonly db: Db) {}

  within(manager: EntityManager): ViolationClueRepository {
    return new ViolationClueRepository(manager);
  }

  async nextNumber(): Promise<number> {
    const [row] = await this.db.query<Array<{ n: string }>>(`SELECT nextval('violation_clue_seq') AS n`);
    return Number(row.n);
  }

  /** Appends the events (keyed by id) and moves the read model forward; returns the ids this call wrote. */
  async record(workflowId: string, state: ClueState, events: ClueEventRecord[]): Promise<string[]> {
    await this.db.query(
      `INSERT INTO violation_clues (id, title, description, township, village, lat, lng, suspect, evidence,
         issue_codes, status, receiver_unit, handed_by, handed_by_name, handed_by_unit, handed_at, first_answer_due,
         reminder_at, first_answered_at, overdue_marked_at, case_number, decision_reason, workflow_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
         $23, now())
       ON CONFLICT (id) DO UPDATE SET issue_codes = EXCLUDED.issue_codes, status = EXCLUDED.status,
         first_answered_at = EXCLUDED.first_answered_at, overdue_marked_at = EXCLUDED.overdue_marked_at,
         case_number = EXCLUDED.case_number, decision_reason = EXCLUDED.decision_reason, updated_at = now()`,
      [
        state.id,
        state.title,
        state.description,
        state.township,
        state.village,
        state.location?.lat ?? null,
        state.location?.lng ?? null,
        state.suspect ? JSON.stringify(state.suspect) : null,
        state.evidence,
        state.issueCodes,
        state.status,
        state.receiver,
        state.handedBy.id,
        state.handedBy.name,
        state.handedByUnit,
        state.handedAt,
        state.terms.firstAnswerDue,
        state.terms.reminderAt ?? state.handedAt,
        state.firstAnsweredAt,
        state.overdueMarkedAt,
        state.caseNumber,
        state.decisionReason,
        workflowId,
      ],
    );
    const written: string[] = [];
    for (const e of events) {
      const rows = await this.db.query<Array<{ id: string }>>(
        `INSERT INTO violation_clue_events (id, clue_id, seq, type, actor, actor_name, at, payload)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [e.id, e.clueId, e.seq, e.type, e.actor, e.actorName, e.at, JSON.stringify(e.payload)],
      );
      if (rows.length > 0) written.push(e.id);
    }
    return written;
  }

  async find(id: string): Promise<ViolationClueView | undefined> {
    const [row] = await this.db.query<Row[]>(`${SELECT} WHERE c.id = $1`, [id]);
    return row ? toView(row) : undefined;
  }

  async events(id: string): Promise<ClueEventRow[]> {
    const rows = await this.db.query<
      Array<{
        seq: number;
        type: string;
        actor: string;
        actor_name: string;
        at: Date;
        payload: Record<string, unknown>;
      }>
    >(
      `SELECT seq, type, actor, actor_name, at, payload FROM violation_clue_events WHERE clue_id = $1 ORDER BY seq`,
      [id],
    );
    return rows.map((r) => ({
      seq: r.seq,
      type: r.type,
      actor: r.actor,
      actorName: r.actor_name,
      at: r.at.toISOString(),
      payload: r.payload,
    }));
  }

  /** One page, newest hand-over first. */
  async page(
    filter: ClueFilter,
    page: number,
    pageSize: number,
  ): Promise<{ items: ViolationClueView[]; total: number }> {
    const params: unknown[] = [];
    const clauses: string[] = [];
    for (const [column, value] of [
      ['handed_by_unit', filter.scopeUnit],
      ['handed_by_unit', filter.handedByUnit],
      ['status', filter.status],
    ] as const) {
      if (value === undefined) continue;
      params.push(value);
      clauses.push(`c.${column} = $${params.length}`);
    }
    if (filter.issueCode !== undefined) {
      params.push(filter.issueCode);
      clauses.push(`$${params.length} = ANY(c.issue_codes)`);
    }
    if (filter.overdue !== undefined) clauses.push(filter.overdue ? OVERDUE : `NOT ${OVERDUE}`);
    const sql = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const [{ total }] = await this.db.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM violation_clues c ${sql}`,
      params,
    );
    const rows = await this.db.query<Row[]>(
      `${SELECT} ${sql} ORDER BY c.handed_at DESC, c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map(toView), total };
  }
}
