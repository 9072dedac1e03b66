import type { ComplianceData } from '../../domain/duties/patrols/compliance';
import { monthOf, type Period } from '../../domain/duties/periods';
import {
  ConsultationEntity,
  type ConsultationAttendee,
  type ConsultationDecision,
} from '../entities/consultation.entity';
import type { Db } from './db';

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

/** 会商 (`consultations`, P5): appended once, read by the API, the compliance clocks, the reports and the assessment. */
export class ConsultationRepository {
  constructor(private readonly db: Db) {}

  /** Appends a consultation; it counts in the month (Shanghai) it was held. */
  async insert(consultation: NewConsultation): Promise<void> {
    // A retried request (same id) leaves the first record as it was.
    await this.db
      .createQueryBuilder()
      .insert()
      .into(ConsultationEntity)
      .values({ ...consultation, monthId: monthOf(consultation.heldAt).id })
      .orIgnore()
      .execute();
  }

  /**
   * L12, P5 (v3): a consultation recorded on an issue counts for its convener's unit like any other. Kept once per
   * id; skipped (false) when the convener or the unit is not in the roster, so a ledger write never fails on it.
   */
  async insertFromIssue(consultation: NewConsultation): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO consultations (id, unit_code, convened_by, held_at, topic, attendees, minutes, decisions,
         issue_codes, month_id, recorded_by, recorded_at)
       SELECT $1::varchar, $2::varchar, $3::varchar, $4::timestamptz, $5::text, $6::jsonb, $7::text, $8::jsonb,
         $9::text[], $10::varchar, $11::varchar, $12::timestamptz
       WHERE EXISTS (SELECT 1 FROM members WHERE id = $3::varchar)
         AND EXISTS (SELECT 1 FROM units WHERE code = $2::varchar)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        consultation.id,
        consultation.unitCode,
        consultation.convenedBy,
        consultation.heldAt,
        consultation.topic,
        JSON.stringify(consultation.attendees),
        consultation.minutes,
        JSON.stringify(consultation.decisions),
        consultation.issueCodes,
        monthOf(consultation.heldAt).id,
        consultation.recordedBy,
        consultation.recordedAt,
      ],
    );
    return rows.length > 0;
  }

  /** One page of consultations, newest first. */
  async page(
    filter: ConsultationFilter,
    page: number,
    pageSize: number,
  ): Promise<{ items: ConsultationView[]; total: number }> {
    const { sql, params } = where(filter);
    const [{ total }] = await this.db.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM consultations c ${sql}`,
      params,
    );
    const rows = await this.db.query<ConsultationRow[]>(
      `${VIEW_SELECT} ${sql} ORDER BY c.held_at DESC, c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map(toView), total };
  }

  async find(id: string): Promise<ConsultationView | null> {
    const { sql, params } = where({ id });
    const [row] = await this.db.query<ConsultationRow[]>(`${VIEW_SELECT} ${sql}`, params);
    return row ? toView(row) : null;
  }

  /** Consultations held in the period, as the compliance rules read them. */
  async heldIn(period: Period): Promise<ComplianceData['consultations']> {
    const consultations = await this.db.query<Array<{ id: string; unit_code: string; held_at: Date }>>(
      `SELECT id, unit_code, held_at FROM consultations WHERE held_at >= $1 AND held_at < $2 ORDER BY held_at, id`,
      [period.start.toISOString(), period.end.toISOString()],
    );
    return consultations.map((c) => ({
      id: c.id,
      unitCode: c.unit_code,
      heldAt: c.held_at.toISOString(),
    }));
  }

  /** A unit's consultations held in the period (its year, for the annual reports). */
  ofUnit(unit: string, period: Period): Promise<Array<{ unitCode: string; heldAt: Date }>> {
    return this.db.query<Array<{ unitCode: string; heldAt: Date }>>(
      `SELECT unit_code AS "unitCode", held_at AS "heldAt" FROM consultations
       WHERE unit_code = $1 AND held_at >= $2 AND held_at < $3`,
      [unit, period.start, period.end],
    );
  }

  /** The consultations a year's assessment counts: of one unit, or of all. */
  assessed(
    from: Date,
    to: Date,
    unit: string | null,
  ): Promise<Array<{ id: string; unit_code: string; held_at: Date }>> {
    return this.db.query<Array<{ id: string; unit_code: string; held_at: Date }>>(
      `SELECT id, unit_code, held_at FROM consultations
       WHERE held_at >= $1 AND held_at < $2 AND ($3::text IS NULL OR unit_code = $3)`,
      [from, to, unit],
    );
  }
}

/** Appends a consultation through `ConsultationRepository.insert`. */
export function insertConsultation(db: Db, consultation: NewConsultation): Promise<void> {
  return new ConsultationRepository(db).insert(consultation);
}
