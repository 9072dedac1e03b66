import type { ComplianceData } from '../../domain/duties/patrols/compliance';
import { PATROL_METHOD_LABELS, patrolPeriodIds, type PatrolMethod } from '../../domain/duties/patrols/patrol';
import type { Period } from '../../domain/duties/periods';
import type { PatrolPoint } from '../entities/patrol.entity';
import type { Db } from './db';

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

/** A patrol as the report drafting reads it: with the names of its grid and leader. */
export interface PatrolRecordRow {
  id: string;
  unit_code: string;
  grid_code: string;
  grid_name: string;
  led_by_name: string | null;
  led_by: string;
  started_at: Date;
  methods: string[];
  key_point_ids: string[];
  points: Array<{ name?: string }>;
  issue_codes: string[];
  notes: string;
}

/** A patrol as the year's assessment counts it. */
export interface AssessedPatrolRow {
  id: string;
  unit_code: string;
  grid_code: string;
  started_at: Date;
  week_id: string;
  key_point_ids: string[];
  issue_codes: string[];
}

/** 巡查记录 (`patrols`, P2): appended once, read by the API, the compliance clocks, the reports and the assessment. */
export class PatrolRepository {
  constructor(private readonly db: Db) {}

  /**
   * Appends a patrol; its week and month are those of its start in Shanghai. Records are never updated: a retried
   * request (same id) leaves the first record as it was.
   */
  async insert(patrol: NewPatrol): Promise<void> {
    const { weekId, monthId } = patrolPeriodIds(patrol.startedAt);
    await this.db.query(
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

  /** One page of patrols, newest first. */
  async page(
    filter: PatrolFilter,
    page: number,
    pageSize: number,
  ): Promise<{ items: PatrolView[]; total: number }> {
    const { sql, params } = where(filter);
    const [{ total }] = await this.db.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM patrols p ${sql}`,
      params,
    );
    const rows = await this.db.query<PatrolRow[]>(
      `${VIEW_SELECT} ${sql} ORDER BY p.started_at DESC, p.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map(toView), total };
  }

  async find(id: string): Promise<PatrolView | null> {
    const { sql, params } = where({ id });
    const [row] = await this.db.query<PatrolRow[]>(`${VIEW_SELECT} ${sql}`, params);
    return row ? toView(row) : null;
  }

  /** Patrols that started in the period, as the compliance rules read them. */
  async startedIn(period: Period): Promise<ComplianceData['patrols']> {
    const patrols = await this.db.query<
      Array<{ id: string; grid_code: string; led_by: string; started_at: Date; key_point_ids: string[] }>
    >(
      `SELECT id, grid_code, led_by, started_at, key_point_ids FROM patrols
       WHERE started_at >= $1 AND started_at < $2 ORDER BY started_at, id`,
      [period.start.toISOString(), period.end.toISOString()],
    );
    return patrols.map((p) => ({
      id: p.id,
      gridCode: p.grid_code,
      ledBy: p.led_by,
      startedAt: p.started_at.toISOString(),
      keyPointIds: p.key_point_ids,
    }));
  }

  /** Patrols that started in the period, of one unit or of all, with their grid's and leader's names. */
  records(unit: string | null, period: Period): Promise<PatrolRecordRow[]> {
    return this.db.query<PatrolRecordRow[]>(
      `SELECT p.id, p.unit_code, p.grid_code, g.name AS grid_name, m.name AS led_by_name, p.led_by, p.started_at,
         p.methods, p.key_point_ids, p.points, p.issue_codes, p.notes
       FROM patrols p JOIN grids g ON g.code = p.grid_code LEFT JOIN members m ON m.id = p.led_by
       WHERE ($1::text IS NULL OR p.unit_code = $1) AND p.started_at >= $2 AND p.started_at < $3
       ORDER BY p.started_at, p.id`,
      [unit, period.start, period.end],
    );
  }

  /** The patrols a year's assessment counts: started in it, or in one of its weeks; of one unit, or of all. */
  assessed(year: number, from: Date, to: Date, unit: string | null): Promise<AssessedPatrolRow[]> {
    return this.db.query<AssessedPatrolRow[]>(
      `SELECT id, unit_code, grid_code, started_at, week_id, key_point_ids, issue_codes FROM patrols
       WHERE ((started_at >= $1 AND started_at < $2) OR week_id LIKE $4) AND ($3::text IS NULL OR unit_code = $3)`,
      [from, to, unit, `${year}-W%`],
    );
  }
}

/** Appends a patrol through `PatrolRepository.insert`. */
export function insertPatrol(db: Db, patrol: NewPatrol): Promise<void> {
  return new PatrolRepository(db).insert(patrol);
}
