import type { DataSource, EntityManager } from 'typeorm';
import { PATROL_METHOD_LABELS, patrolPeriodIds, type PatrolMethod } from '../../domain/duties/patrols/patrol';
import type { PatrolPoint } from '../../persistence/entities/patrol.entity';

type Db = DataSource | EntityManager;

/** A patrol as it is appended. */
export interface NewPatrol {
  id: string;
  unitCode: string;
  gridCode: string;
  ledBy: string;
  memberIds: string[];
  startedAt: Date;
  endedAt: Date;
  methods: string[];
  keyPointIds: string[];
  points: PatrolPoint[];
  track: unknown;
  notes: string;
  issueCodes: string[];
  recordedBy: string;
  recordedAt: Date;
}

/** A patrol as the API shows it: the record with the names of its unit, grid, people and key points. */
export interface PatrolView {
  id: string;
  unitCode: string;
  unitName: string;
  gridCode: string;
  gridName: string;
  ledBy: { id: string; name: string };
  members: Array<{ id: string; name: string }>;
  startedAt: string;
  endedAt: string;
  methods: Array<{ code: string; label: string }>;
  keyPoints: Array<{ id: string; name: string }>;
  points: PatrolPoint[];
  track: unknown;
  notes: string;
  issueCodes: string[];
  weekId: string;
  monthId: string;
  recordedBy: string;
  recordedAt: string;
}

/**
 * Appends a patrol; its week and month are those of its start in Shanghai. Records are never updated: a retried
 * request (same id) leaves the first record as it was.
 */
export async function insertPatrol(db: Db, patrol: NewPatrol): Promise<void> {
  const { weekId, monthId } = patrolPeriodIds(patrol.startedAt);
  await db.query(
    `INSERT INTO patrols (id, unit_code, grid_code, led_by, member_ids, started_at, ended_at, methods, key_point_ids,
       points, track, notes, issue_codes, week_id, month_id, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (id) DO NOTHING`,
    [
      patrol.id,
      patrol.unitCode,
      patrol.gridCode,
      patrol.ledBy,
      patrol.memberIds,
      patrol.startedAt,
      patrol.endedAt,
      patrol.methods,
      patrol.keyPointIds,
      JSON.stringify(patrol.points),
      patrol.track === null || patrol.track === undefined ? null : JSON.stringify(patrol.track),
      patrol.notes,
      patrol.issueCodes,
      weekId,
      monthId,
      patrol.recordedBy,
      patrol.recordedAt,
    ],
  );
}

export interface PatrolFilter {
  /** Set for actors who may read one unit only. */
  scopeUnit?: string;
  unit?: string;
  grid?: string;
  week?: string;
  month?: string;
  id?: string;
}

interface PatrolRow {
  id: string;
  unit_code: string;
  unit_name: string;
  grid_code: string;
  grid_name: string;
  led_by: string;
  leader_name: string | null;
  members: Array<{ id: string; name: string }>;
  started_at: Date;
  ended_at: Date;
  methods: string[];
  key_points: Array<{ id: string; name: string }>;
  points: PatrolPoint[];
  track: unknown;
  notes: string;
  issue_codes: string[];
  week_id: string;
  month_id: string;
  recorded_by: string;
  recorded_at: Date;
}

function toView(row: PatrolRow): PatrolView {
  return {
    id: row.id,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    gridCode: row.grid_code,
    gridName: row.grid_name,
    ledBy: { id: row.led_by, name: row.leader_name ?? row.led_by },
    members: row.members,
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at.toISOString(),
    methods: row.methods.map((code) => ({
      code,
      label: PATROL_METHOD_LABELS[code as PatrolMethod] ?? code,
    })),
    keyPoints: row.key_points,
    points: row.points,
    track: row.track,
    notes: row.notes,
    issueCodes: row.issue_codes,
    weekId: row.week_id,
    monthId: row.month_id,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at.toISOString(),
  };
}

function where(filter: PatrolFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const clauses: string[] = [];
  const add = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    params.push(value);
    clauses.push(`p.${column} = $${params.length}`);
  };
  add('unit_code', filter.scopeUnit);
  add('unit_code', filter.unit);
  add('grid_code', filter.grid);
  add('week_id', filter.week);
  add('month_id', filter.month);
  add('id', filter.id);
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const VIEW_SELECT = `
  SELECT p.id, p.unit_code, u.name AS unit_name, p.grid_code, g.name AS grid_name, p.led_by,
    l.name AS leader_name,
    (SELECT coalesce(json_agg(json_build_object('id', m.id, 'name', m.name)
       ORDER BY array_position(p.member_ids, m.id::text)), '[]')
     FROM members m WHERE m.id = ANY(p.member_ids)) AS members,
    p.started_at, p.ended_at, p.methods,
    (SELECT coalesce(json_agg(json_build_object('id', k.id, 'name', k.name)
       ORDER BY array_position(p.key_point_ids, k.id::text)), '[]')
     FROM key_points k WHERE k.id = ANY(p.key_point_ids)) AS key_points,
    p.points, p.track, p.notes, p.issue_codes, p.week_id, p.month_id, p.recorded_by, p.recorded_at
  FROM patrols p
  JOIN units u ON u.code = p.unit_code
  JOIN grids g ON g.code = p.grid_code
  LEFT JOIN members l ON l.id = p.led_by`;

/** One page of patrols, newest first. */
export async function findPatrols(
  db: Db,
  filter: PatrolFilter,
  page: number,
  pageSize: number,
): Promise<{ items: PatrolView[]; total: number }> {
  const { sql, params } = where(filter);
  const [{ total }] = await db.query<Array<{ total: number }>>(
    `SELECT count(*)::int AS total FROM patrols p ${sql}`,
    params,
  );
  const rows = await db.query<PatrolRow[]>(
    `${VIEW_SELECT} ${sql} ORDER BY p.started_at DESC, p.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, pageSize, (page - 1) * pageSize],
  );
  return { items: rows.map(toView), total };
}

export async function findPatrol(db: Db, id: string): Promise<PatrolView | null> {
  const { sql, params } = where({ id });
  const [row] = await db.query<PatrolRow[]>(`${VIEW_SELECT} ${sql}`, params);
  return row ? toView(row) : null;
}
