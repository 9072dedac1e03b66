import type { DataSource, EntityManager } from 'typeorm';
import { monthOf } from '../../domain/duties/periods';
import {
  ConsultationEntity,
  type ConsultationAttendee,
  type ConsultationDecision,
} from '../../persistence/entities/consultation.entity';

type Db = DataSource | EntityManager;

/** A consultation as it is appended. */
export interface NewConsultation {
  id: string;
  unitCode: string;
  convenedBy: string;
  heldAt: Date;
  topic: string;
  attendees: ConsultationAttendee[];
  minutes: string;
  decisions: ConsultationDecision[];
  issueCodes: string[];
  recordedBy: string;
  recordedAt: Date;
}

export interface ConsultationView {
  id: string;
  unitCode: string;
  unitName: string;
  convenedBy: { id: string; name: string };
  heldAt: string;
  topic: string;
  attendees: ConsultationAttendee[];
  minutes: string;
  decisions: ConsultationDecision[];
  issueCodes: string[];
  monthId: string;
  recordedBy: string;
  recordedAt: string;
}

/** Appends a consultation; it counts in the month (Shanghai) it was held. */
export async function insertConsultation(db: Db, consultation: NewConsultation): Promise<void> {
  // A retried request (same id) leaves the first record as it was.
  await db
    .createQueryBuilder()
    .insert()
    .into(ConsultationEntity)
    .values({ ...consultation, monthId: monthOf(consultation.heldAt).id })
    .orIgnore()
    .execute();
}

export interface ConsultationFilter {
  scopeUnit?: string;
  unit?: string;
  month?: string;
  id?: string;
}

interface ConsultationRow {
  id: string;
  unit_code: string;
  unit_name: string;
  convened_by: string;
  convener_name: string | null;
  held_at: Date;
  topic: string;
  attendees: ConsultationAttendee[];
  minutes: string;
  decisions: ConsultationDecision[];
  issue_codes: string[];
  month_id: string;
  recorded_by: string;
  recorded_at: Date;
}

function toView(row: ConsultationRow): ConsultationView {
  return {
    id: row.id,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    convenedBy: { id: row.convened_by, name: row.convener_name ?? row.convened_by },
    heldAt: row.held_at.toISOString(),
    topic: row.topic,
    attendees: row.attendees,
    minutes: row.minutes,
    decisions: row.decisions,
    issueCodes: row.issue_codes,
    monthId: row.month_id,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at.toISOString(),
  };
}

function where(filter: ConsultationFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const clauses: string[] = [];
  for (const [column, value] of [
    ['unit_code', filter.scopeUnit],
    ['unit_code', filter.unit],
    ['month_id', filter.month],
    ['id', filter.id],
  ] as const) {
    if (value === undefined) continue;
    params.push(value);
    clauses.push(`c.${column} = $${params.length}`);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const VIEW_SELECT = `
  SELECT c.id, c.unit_code, u.name AS unit_name, c.convened_by, m.name AS convener_name, c.held_at, c.topic,
    c.attendees, c.minutes, c.decisions, c.issue_codes, c.month_id, c.recorded_by, c.recorded_at
  FROM consultations c
  JOIN units u ON u.code = c.unit_code
  LEFT JOIN members m ON m.id = c.convened_by`;

/** One page of consultations, newest first. */
export async function findConsultations(
  db: Db,
  filter: ConsultationFilter,
  page: number,
  pageSize: number,
): Promise<{ items: ConsultationView[]; total: number }> {
  const { sql, params } = where(filter);
  const [{ total }] = await db.query<Array<{ total: number }>>(
    `SELECT count(*)::int AS total FROM consultations c ${sql}`,
    params,
  );
  const rows = await db.query<ConsultationRow[]>(
    `${VIEW_SELECT} ${sql} ORDER BY c.held_at DESC, c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, pageSize, (page - 1) * pageSize],
  );
  return { items: rows.map(toView), total };
}

export async function findConsultation(db: Db, id: string): Promise<ConsultationView | null> {
  const { sql, params } = where({ id });
  const [row] = await db.query<ConsultationRow[]>(`${VIEW_SELECT} ${sql}`, params);
  return row ? toView(row) : null;
}
