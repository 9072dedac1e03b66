import type { EntityManager } from 'typeorm';
import { monthOf, type Period } from '../../domain/duties/periods';
import type { OpinionKind, ResidentOpinionView } from '../../domain/records/resident-opinions';
import { returnedRows } from '../returning';
import type { Db } from './db';

/** An opinion as it is appended. */
export interface NewResidentOpinion {
  id: string;
  unitCode: string;
  gridCode: string;
  kind: OpinionKind;
  content: string;
  collectedAt: Date;
  collectedBy: { id: string; name: string };
  resident: { name?: string; contact?: string } | null;
  patrolId: string | null;
}

export interface OpinionFilter {
  scopeUnit?: string;
  unit?: string;
  grid?: string;
  month?: string;
  answered?: boolean;
  id?: string;
}

interface OpinionRow {
  id: string;
  unit_code: string;
  unit_name: string;
  grid_code: string;
  grid_name: string;
  kind: OpinionKind;
  content: string;
  collected_at: Date;
  collected_by: string;
  collected_by_name: string;
  resident_name: string | null;
  resident_contact: string | null;
  patrol_id: string | null;
  month_id: string;
  answer: string | null;
  answered_by: string | null;
  answered_by_name: string | null;
  answered_at: Date | null;
  recorded_at: Date;
}

function toView(row: OpinionRow): ResidentOpinionView {
  const kept = row.resident_name !== null || row.resident_contact !== null;
  return {
    id: row.id,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    gridCode: row.grid_code,
    gridName: row.grid_name,
    kind: row.kind,
    content: row.content,
    collectedAt: row.collected_at.toISOString(),
    collectedBy: { id: row.collected_by, name: row.collected_by_name },
    residentContactKept: kept,
    resident: kept
      ? {
          ...(row.resident_name !== null ? { name: row.resident_name } : {}),
          ...(row.resident_contact !== null ? { contact: row.resident_contact } : {}),
        }
      : null,
    patrolId: row.patrol_id,
    answer:
      row.answer !== null && row.answered_at !== null
        ? {
            text: row.answer,
            by: { id: row.answered_by ?? '', name: row.answered_by_name ?? '' },
            at: row.answered_at.toISOString(),
          }
        : null,
    monthId: row.month_id,
    recordedAt: row.recorded_at.toISOString(),
  };
}

function where(filter: OpinionFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const clauses: string[] = [];
  for (const [column, value] of [
    ['unit_code', filter.scopeUnit],
    ['unit_code', filter.unit],
    ['grid_code', filter.grid],
    ['month_id', filter.month],
    ['id', filter.id],
  ] as const) {
    if (value === undefined) continue;
    params.push(value);
    clauses.push(`o.${column} = $${params.length}`);
  }
  if (filter.answered !== undefined) clauses.push(`o.answered_at IS ${filter.answered ? 'NOT ' : ''}NULL`);
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const VIEW_SELECT = `
  SELECT o.*, u.name AS unit_name, g.name AS grid_name
  FROM resident_opinions o
  JOIN units u ON u.code = o.unit_code
  JOIN grids g ON g.code = o.grid_code`;

/** 群众意见建议 (`resident_opinions`, R1): appended by a grid member, answered once by the unit. */
export class ResidentOpinionRepository {
  constructor(private readonly db: Db) {}

  within(manager: EntityManager): ResidentOpinionRepository {
    return new ResidentOpinionRepository(manager);
  }

  /** Appends an opinion; a retried request (same id) leaves the first as it was. */
  async insert(opinion: NewResidentOpinion): Promise<void> {
    await this.db.query(
      `INSERT INTO resident_opinions (id, unit_code, grid_code, kind, content, collected_at, collected_by,
         collected_by_name, resident_name, resident_contact, patrol_id, month_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING`,
      [
        opinion.id,
        opinion.unitCode,
        opinion.gridCode,
        opinion.kind,
        opinion.content,
        opinion.collectedAt,
        opinion.collectedBy.id,
        opinion.collectedBy.name,
        opinion.resident?.name ?? null,
        opinion.resident?.contact ?? null,
        opinion.patrolId,
        monthOf(opinion.collectedAt).id,
      ],
    );
  }

  /** Records the unit's answer unless one is there; true when this call recorded it. */
  async answer(id: string, text: string, by: { id: string; name: string }, at: Date): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(
      await this.db.query<unknown>(
        `UPDATE resident_opinions SET answer = $2, answered_by = $3, answered_by_name = $4, answered_at = $5
         WHERE id = $1 AND answered_at IS NULL RETURNING id`,
        [id, text, by.id, by.name, at],
      ),
    );
    return rows.length > 0;
  }

  async find(id: string): Promise<ResidentOpinionView | null> {
    const { sql, params } = where({ id });
    const [row] = await this.db.query<OpinionRow[]>(`${VIEW_SELECT} ${sql}`, params);
    return row ? toView(row) : null;
  }

  /** One page, newest collection first. */
  async page(
    filter: OpinionFilter,
    page: number,
    pageSize: number,
  ): Promise<{ items: ResidentOpinionView[]; total: number }> {
    const { sql, params } = where(filter);
    const [{ total }] = await this.db.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM resident_opinions o ${sql}`,
      params,
    );
    const rows = await this.db.query<OpinionRow[]>(
      `${VIEW_SELECT} ${sql} ORDER BY o.collected_at DESC, o.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map(toView), total };
  }

  /** A unit's opinions collected in the period, oldest first: what its monthly materials list. */
  async collectedIn(unit: string, period: Period): Promise<ResidentOpinionView[]> {
    const rows = await this.db.query<OpinionRow[]>(
      `${VIEW_SELECT} WHERE o.unit_code = $1 AND o.collected_at >= $2 AND o.collected_at < $3
       ORDER BY o.collected_at, o.id`,
      [unit, period.start, period.end],
    );
    return rows.map(toView);
  }
}
