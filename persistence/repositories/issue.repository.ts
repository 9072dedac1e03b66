import type { EntityManager } from 'typeorm';
import type { Period } from '../../domain/duties/periods';
import type { IssueRecord } from '../../domain/duties/reports/report-content';
import type {
  IssueEventRecord,
  IssueSource,
  IssueState,
  IssueStatus,
  RectificationPlan,
  Severity,
} from '../../domain/issue/issue.types';
import type { ResponsibleParty } from '../../domain/records/responsible-party';
import { IssueEventEntity } from '../entities/issue-event.entity';
import { isoOrNull as iso } from '../returning';
import type { Db } from './db';

const EARTH_RADIUS_METRES = 6_371_008.8;
const TIME_ZONE = 'Asia/Shanghai';

export type IssueListSort = 'reportedAt' | '-reportedAt' | 'deadline' | '-deadline';

/** Deadlines with the undated last, as one value an index orders (`issues_deadline_*_idx`). */
const DEADLINE_LAST = `coalesce(i.deadline, 'infinity'::timestamptz)`;
const DEADLINE_LAST_DESC = `coalesce(i.deadline, '-infinity'::timestamptz)`;

const SORT_SQL: Record<IssueListSort, string> = {
  reportedAt: 'i.reported_at ASC, i.code ASC',
  '-reportedAt': 'i.reported_at DESC, i.code DESC',
  deadline: `${DEADLINE_LAST} ASC, i.code ASC`,
  '-deadline': `${DEADLINE_LAST_DESC} DESC, i.code DESC`,
};

/** How long the first page of a list may spend counting its rows before it answers an estimate (Q2). */
const COUNT_BUDGET_MS = 25;
/** SQLSTATE of a statement cancelled by its timeout. */
const QUERY_CANCELED = '57014';

/** The column a sort orders by first; the code breaks ties. */
const SORT_COLUMN: Record<IssueListSort, string> = {
  reportedAt: 'i.reported_at',
  '-reportedAt': 'i.reported_at',
  deadline: DEADLINE_LAST,
  '-deadline': DEADLINE_LAST_DESC,
};

/** Where a keyset page starts: the sort value (PostgreSQL's text of it, exact to the microsecond) and code. */
export interface IssueListKey {
  value: string;
  code: string;
}

/** The rows after `key` in `sort`'s order, as a row comparison that the sort's index serves. */
function afterKey(sort: IssueListSort, key: IssueListKey, param: (value: unknown) => string): string {
  const cmp = sort.startsWith('-') ? '<' : '>';
  return `(${SORT_COLUMN[sort]}, i.code) ${cmp} (${param(key.value)}::timestamptz, ${param(key.code)})`;
}

/** The units an issue is in scope for (Q2): its ledgers', its owner, those it awaits; `issues_scope_units_idx`. */
const SCOPE_UNITS = `(i.ledger_units || i.awaiting || ARRAY[coalesce(i.owner, '')::text])`;

/** A LIKE pattern that matches `text` literally anywhere (its %, _ and \ escaped). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** What a list of issues is narrowed to; every field left out matches all. */
export interface IssueListFilter {
  /** Set for actors who read their own unit's issues only: in its ledgers, owned by it or awaiting it. */
  scopeUnit?: string;
  /** Open issues awaiting this unit's action (its to-do list). */
  actionableByUnit?: string;
  status?: string;
  /** Finder, sector owner, territorial owner or owner. */
  unit?: string;
  township?: string;
  category?: string;
  severity?: string;
  overdue?: boolean;
  /** At least this step of the escalation ladder. */
  escalationLevel?: number;
  countySupervision?: boolean;
  accountability?: boolean;
  /** A date (Shanghai) the issue was reported on or after. */
  reportedFrom?: string;
  /** A date (Shanghai) the issue was reported on or before. */
  reportedTo?: string;
  text?: string;
  /** L21: the responsible party: a 统一社会信用代码 exactly, or text in its name. */
  party?: string;
}

/** An issue of a list, as the read model holds it. */
export interface IssueListRow {
  code: string;
  title: string;
  category: string;
  severity: Severity;
  source: IssueSource;
  status: IssueStatus;
  township: string;
  finder_unit: string;
  sector_owner: string;
  territorial_owner: string;
  owner: string | null;
  awaiting: string[];
  deadline: Date | null;
  overdue: boolean;
  escalation_level: number;
  county_supervision: boolean;
  accountability_flagged: boolean;
  reported_at: Date;
  lat: number | null;
  lng: number | null;
  responsible_party: ResponsibleParty | null;
}

const LIST_COLUMNS = `i.code, i.title, i.category, i.severity, i.source, i.status, i.township, i.finder_unit,
  i.sector_owner, i.territorial_owner, i.owner, i.awaiting, i.deadline, i.overdue, i.escalation_level, i.county_supervision,
  i.accountability_flagged, i.reported_at, i.lat, i.lng, i.responsible_party`;

/** An open issue near a point, with its distance in metres. */
export interface NearbyIssueRow {
  code: string;
  title: string;
  status: IssueStatus;
  source: IssueSource;
  reported_at: Date;
  distance: number;
}

/** An issue reported by the public, as Open311 shows it. */
export interface PublicRequestRow {
  code: string;
  status: IssueStatus;
  category: string;
  category_name: string | null;
  description: string;
  agency: string | null;
  reported_at: Date;
  updated_at: Date;
  deadline: Date | null;
  township_name: string | null;
  lat: number | null;
  lng: number | null;
}

export interface PublicRequestFilter {
  categories?: string[];
  from?: Date;
  to?: Date;
  closed?: boolean;
}

const REQUEST_SELECT = `SELECT i.code, i.status, i.category, c.name AS category_name, i.description,
    so.name AS agency, i.reported_at, i.updated_at, i.deadline, tw.name AS township_name, i.lat, i.lng
  FROM issues i
  LEFT JOIN responsibility_categories c ON c.code = i.category
  LEFT JOIN units so ON so.code = i.sector_owner
  LEFT JOIN units tw ON tw.code = i.township`;

/** An issue under public notice (公示, L14), with what the notice shows. */
export interface PublicNoticeRow {
  code: string;
  title: string;
  category: string;
  category_name: string | null;
  township: string;
  township_name: string | null;
  village: string | null;
  lat: number | null;
  lng: number | null;
  reported_at: Date;
  owner_name: string | null;
  closure: {
    application: { summary: string } | null;
    acceptance: { opinion: string } | null;
    publicNotice: { startedAt: string; endsAt: string; objections: unknown[] } | null;
  } | null;
  plan: { measures?: string; target?: string } | null;
}

/** One unit's issues on the county's overview: open, overdue, escalated and closed. */
export interface UnitCountRow {
  unit: string;
  unit_name: string | null;
  open: number;
  overdue: number;
  escalated: number;
  closed: number;
}

/** Issues reported and closed in one week (ISO week, Beijing time). */
export interface WeekCountRow {
  week: string;
  reported: number;
  closed: number;
}

/** An issue on the county's map. */
export interface MapPointRow {
  code: string;
  title: string;
  status: IssueStatus;
  category: string;
  township: string;
  lat: number;
  lng: number;
  overdue: boolean;
  escalation_level: number;
}

/** An open issue on a unit's 作战图 (P9). */
export interface BattleMapIssueDbRow {
  code: string;
  title: string;
  category: string;
  category_name: string | null;
  severity: Severity;
  status: IssueStatus;
  township: string;
  township_name: string | null;
  village: string | null;
  finder_unit: string;
  owner: string | null;
  sector_owner: string;
  territorial_owner: string;
  deadline: Date | null;
  overdue: boolean;
  escalation_level: number;
  county_supervision: boolean;
  plan: RectificationPlan | null;
}

/** An issue as the year's assessment (P7) counts it. */
export interface AssessedIssueRow {
  code: string;
  source: IssueSource;
  severity: Severity;
  finder_unit: string;
  sector_owner: string;
  territorial_owner: string;
  owner: string | null;
  reported_at: Date;
  accountability_flagged: boolean;
  /** L16: the grid's own earlier issue of the same problem. */
  known_as: string | null;
  county_supervision: boolean;
  overdue: boolean;
  plan_time_limit: string | null;
  closed_at: Date | null;
}

/** An issue as the reports list it: with the names of its category, township and units. */
export interface IssueRecordRow {
  code: string;
  title: string;
  category_name: string;
  severity: Severity;
  source: string;
  township_name: string;
  status: string;
  finder_unit: string;
  finder_unit_name: string;
  sector_owner: string;
  sector_owner_name: string;
  territorial_owner: string;
  reported_at: Date;
  updated_at: Date;
  deadline: Date | null;
  overdue: boolean;
  escalation_level: number;
  county_supervision: boolean;
  accountability_flagged: boolean;
  major_since: string | null;
  roles: string[] | null;
  opened_at: Date | null;
  closed_at: Date | null;
  responsible_party: ResponsibleParty | null;
}

export function toIssueRecord(row: IssueRecordRow): IssueRecord {
  return {
    code: row.code,
    title: row.title,
    categoryName: row.category_name,
    severity: row.severity,
    source: row.source,
    townshipName: row.township_name,
    status: row.status,
    finderUnit: row.finder_unit,
    finderUnitName: row.finder_unit_name,
    sectorOwner: row.sector_owner,
    sectorOwnerName: row.sector_owner_name,
    territorialOwner: row.territorial_owner,
    reportedAt: row.reported_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    deadline: iso(row.deadline),
    overdue: row.overdue,
    escalationLevel: row.escalation_level,
    countySupervision: row.county_supervision,
    accountabilityFlagged: row.accountability_flagged,
    majorSince: row.major_since,
    roles: row.roles ?? [],
    openedAt: iso(row.opened_at),
    closedAt: iso(row.closed_at),
    responsibleParty: row.responsible_party ?? null,
  };
}

/** The columns of an `IssueRecordRow` but its ledger ones, from `issues i` with `ISSUE_RECORD_JOINS`. */
export const ISSUE_RECORD_COLUMNS = `i.code, i.title, coalesce(c.name, i.category) AS category_name, i.severity, i.source,
  coalesce(t.name, i.township) AS township_name, i.status, i.finder_unit, coalesce(f.name, i.finder_unit) AS finder_unit_name,
  i.sector_owner, coalesce(s.name, i.sector_owner) AS sector_owner_name, i.territorial_owner, i.reported_at, i.updated_at,
    i.deadline, i.overdue, i.escalation_level, i.county_supervision, i.accountability_flagged, i.responsible_party,
  i.state->>'majorSince' AS major_since`;
/** When an issue became major (L12, v3: a later change of severity), else when it was reported. */
const MAJOR_SINCE = `COALESCE((i.state->>'majorSince')::timestamptz, i.reported_at)`;
export const ISSUE_RECORD_JOINS = `LEFT JOIN responsibility_categories c ON c.code = i.category
  LEFT JOIN units t ON t.code = i.township LEFT JOIN units f ON f.code = i.finder_unit
  LEFT JOIN units s ON s.code = i.sector_owner`;
const CLOSED_STATES = `('closed','archived')`;

/**
 * The issues' read model (`issues`, projected from the workflows) and their histories (`issue_events`, L15): what
 * the lifecycle's activities write and what lists, maps, reports and the assessment read.
 */
export class IssueRepository {
  constructor(private readonly db: Db) {}

  /** The same repository inside the caller's transaction. */
  within(manager: EntityManager): IssueRepository {
    return new IssueRepository(manager);
  }

  /** Inserts the issue's read-model row, or moves it forward when this event is newer than the last projected one. */
  async upsertRow(state: IssueState, seq: number, at: string): Promise<void> {
    const report = state.report;
    await this.db.query(
      `INSERT INTO issues (code, workflow_id, title, description, category, severity, source, township, village,
         lat, lng, finder_unit, reported_by, sector_owner, territorial_owner, status, definition_version,
         deadline, overdue, escalation_level, reported_at, last_event_seq, updated_at,
         owner, county_supervision, accountability_flagged, awaiting, state, grid_code, responsible_party)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29,$30)
       ON CONFLICT (code) DO UPDATE SET
         sector_owner = EXCLUDED.sector_owner, territorial_owner = EXCLUDED.territorial_owner,
         status = EXCLUDED.status, deadline = EXCLUDED.deadline, overdue = EXCLUDED.overdue,
         escalation_level = EXCLUDED.escalation_level, severity = EXCLUDED.severity, source = EXCLUDED.source,
         last_event_seq = EXCLUDED.last_event_seq, updated_at = EXCLUDED.updated_at, owner = EXCLUDED.owner,
         county_supervision = EXCLUDED.county_supervision, accountability_flagged = EXCLUDED.accountability_flagged,
         awaiting = EXCLUDED.awaiting, state = EXCLUDED.state, responsible_party = EXCLUDED.responsible_party
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
        report.grid ?? null,
        state.responsibleParty ? JSON.stringify(state.responsibleParty) : null,
      ],
    );
  }

  /**
   * Q1: the state an archived issue's workflow closed with, as its last event projected it; undefined while the
   * issue is open (its live state is the workflow's).
   */
  async archivedState(code: string): Promise<IssueState | undefined> {
    const [row] = await this.db.query<Array<{ state: IssueState }>>(
      `SELECT state FROM issues WHERE code = $1 AND status = 'archived' AND state IS NOT NULL`,
      [code],
    );
    return row?.state;
  }

  /**
   * The state as the issue's last ledger write projected it, open or archived: what an action is most likely to
   * find. It may trail the workflow by a write under way, so callers check it against the workflow's answer.
   */
  async projectedStateOf(code: string): Promise<IssueState | undefined> {
    const [row] = await this.db.query<Array<{ state: IssueState }>>(
      `SELECT state FROM issues WHERE code = $1 AND state IS NOT NULL`,
      [code],
    );
    return row?.state;
  }

  /** The projected state and the last event in it, locked to the caller's transaction (a lean write's base). */
  async projectedState(code: string): Promise<{ state: IssueState; lastEventSeq: number } | undefined> {
    const rows = await this.db.query<Array<{ state: IssueState | null; last_event_seq: number }>>(
      `SELECT state, last_event_seq FROM issues WHERE code = $1 FOR UPDATE`,
      [code],
    );
    const row = rows[0];
    return row?.state ? { state: row.state, lastEventSeq: Number(row.last_event_seq) } : undefined;
  }

  /** Appends one event (L15) unless an earlier attempt did; true when this call wrote it. */
  async appendEvent(
    event: Pick<
      IssueEventRecord,
      'id' | 'issueCode' | 'seq' | 'type' | 'actor' | 'actorUnit' | 'at' | 'payload'
    >,
  ): Promise<boolean> {
    const inserted: unknown[] = await this.db.query(
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
    return inserted.length > 0;
  }

  /** An issue's history, oldest first. */
  events(code: string): Promise<IssueEventEntity[]> {
    return this.db
      .getRepository(IssueEventEntity)
      .find({ where: { issueCode: code }, order: { seq: 'ASC' } });
  }

  /** The next number of the issue code sequence. */
  async nextCodeNumber(): Promise<number> {
    const [{ seq }] = await this.db.query<Array<{ seq: number }>>(
      `SELECT nextval('issue_code_seq')::int AS seq`,
    );
    return seq;
  }

  /** Which of these codes the read model holds. */
  async knownCodes(codes: readonly string[]): Promise<Set<string>> {
    const rows = await this.db.query<Array<{ code: string }>>(
      `SELECT code FROM issues WHERE code = ANY($1::text[])`,
      [codes],
    );
    return new Set(rows.map((r) => r.code));
  }

  /**
   * One page of issues, ordered by `sort`: after `after` (keyset, Q2) when given, else at `page` (offset, as first
   * published). `total` is counted only when `count` is set (the caller's first page); a keyset page never counts.
   * `next` is where the following page starts, or null on the last page.
   */
  async list(
    filter: IssueListFilter,
    sort: IssueListSort,
    window: { page: number; pageSize: number; after?: IssueListKey; count: boolean },
  ): Promise<{
    rows: IssueListRow[];
    total: { value: number; estimated: boolean } | null;
    next: IssueListKey | null;
  }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.scopeUnit !== undefined)
      where.push(`${SCOPE_UNITS} @> ARRAY[${param(filter.scopeUnit)}::text]`);
    if (filter.status) where.push(`i.status = ${param(filter.status)}`);
    if (filter.unit) {
      const unit = param(filter.unit);
      where.push(
        `(i.finder_unit = ${unit} OR i.sector_owner = ${unit} OR i.territorial_owner = ${unit} OR i.owner = ${unit})`,
      );
    }
    if (filter.actionableByUnit !== undefined)
      where.push(`i.awaiting @> ARRAY[${param(filter.actionableByUnit)}::text] AND i.status <> 'archived'`);
    if (filter.township) where.push(`i.township = ${param(filter.township)}`);
    if (filter.category) where.push(`i.category = ${param(filter.category)}`);
    if (filter.severity) where.push(`i.severity = ${param(filter.severity)}`);
    if (filter.overdue !== undefined) where.push(`i.overdue = ${param(filter.overdue)}`);
    if (filter.escalationLevel !== undefined)
      where.push(`i.escalation_level >= ${param(filter.escalationLevel)}`);
    if (filter.countySupervision !== undefined)
      where.push(`i.county_supervision = ${param(filter.countySupervision)}`);
    if (filter.accountability !== undefined)
      where.push(`i.accountability_flagged = ${param(filter.accountability)}`);
    if (filter.reportedFrom)
      where.push(
        `i.reported_at >= (${param(filter.reportedFrom)}::date::timestamp AT TIME ZONE '${TIME_ZONE}')`,
      );
    if (filter.reportedTo)
      where.push(
        `i.reported_at < ((${param(filter.reportedTo)}::date + 1)::timestamp AT TIME ZONE '${TIME_ZONE}')`,
      );
    if (filter.text) {
      const pattern = param(containsPattern(filter.text));
      where.push(`(i.title ILIKE ${pattern} ESCAPE '\\' OR i.description ILIKE ${pattern} ESCAPE '\\')`);
    }
    if (filter.party) {
      const code = param(filter.party.trim().toUpperCase());
      const pattern = param(containsPattern(filter.party.trim()));
      where.push(
        `(i.responsible_party->>'creditCode' = ${code} OR i.responsible_party->>'name' ILIKE ${pattern} ESCAPE '\\')`,
      );
    }
    // The count (first pages only) runs beside the page's own query, on a connection of its own.
    const counted = window.count
      ? this.boundedCount(`FROM issues i ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`, [
          ...params,
        ])
      : Promise.resolve(null);
    if (window.after) where.push(afterKey(sort, window.after, param));
    const condition = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const offset = window.after ? 0 : (window.page - 1) * window.pageSize;
    const [total, found] = await Promise.all([
      counted,
      this.db.query<Array<IssueListRow & { key_value: string | null }>>(
        `SELECT ${LIST_COLUMNS}, ${SORT_COLUMN[sort]}::text AS key_value FROM issues i ${condition}
       ORDER BY ${SORT_SQL[sort]}
       LIMIT ${param(window.pageSize + 1)} OFFSET ${param(offset)}`,
        params,
      ),
    ]);
    const rows = found.slice(0, window.pageSize);
    const last = rows[rows.length - 1];
    const next =
      found.length > window.pageSize && last && last.key_value !== null
        ? { value: last.key_value, code: last.code }
        : null;
    // An estimate is never below what this very page shows.
    if (total?.estimated) total.value = Math.max(total.value, offset + rows.length + (next ? 1 : 0));
    for (const row of rows) delete (row as { key_value?: unknown }).key_value;
    return { rows, total, next };
  }

  /**
   * How many rows `from` (a FROM … WHERE) holds: counted when that takes at most COUNT_BUDGET_MS, else PostgreSQL's
   * estimate (a text of one or two characters, which no trigram serves, or one that matches many thousands of rows).
   */
  private async boundedCount(
    from: string,
    params: unknown[],
  ): Promise<{ value: number; estimated: boolean }> {
    try {
      const value = await this.db.transaction(async (tx) => {
        await tx.query(`SET LOCAL statement_timeout = ${COUNT_BUDGET_MS}`);
        const [row] = await tx.query<Array<{ total: number }>>(
          `SELECT count(*)::int AS total ${from}`,
          params,
        );
        return row.total;
      });
      return { value, estimated: false };
    } catch (error) {
      if ((error as { code?: string }).code !== QUERY_CANCELED) throw error;
    }
    const [row] = await this.db.query<Array<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>>(
      `EXPLAIN (FORMAT JSON) SELECT 1 ${from}`,
      params,
    );
    return { value: Math.round(row['QUERY PLAN'][0].Plan['Plan Rows']), estimated: true };
  }

  /**
   * Open issues (not archived) of a category within `radiusMetres` of a point, nearest first: haversine in SQL
   * after a bounding-box filter, no PostGIS.
   */
  nearbyOpen(
    category: string,
    point: { lat: number; lng: number },
    radiusMetres: number,
  ): Promise<NearbyIssueRow[]> {
    const latDelta = (radiusMetres / EARTH_RADIUS_METRES) * (180 / Math.PI) * 1.1;
    const cosLat = Math.max(Math.cos((point.lat * Math.PI) / 180), 0.01);
    const lngDelta = Math.min(latDelta / cosLat, 180);
    return this.db.query<NearbyIssueRow[]>(
      `SELECT * FROM (
         SELECT code, title, status, source, reported_at,
           2 * $6::float8 * asin(sqrt(LEAST(1,
             power(sin(radians(lat - $2) / 2), 2) +
             cos(radians($2)) * cos(radians(lat)) * power(sin(radians(lng - $3) / 2), 2)))) AS distance
         FROM issues
         WHERE category = $1 AND status <> 'archived' AND lat IS NOT NULL AND lng IS NOT NULL
           AND lat BETWEEN $2 - $4 AND $2 + $4 AND lng BETWEEN $3 - $5 AND $3 + $5
       ) nearby
       WHERE distance <= $7
       ORDER BY distance, code
       LIMIT 50`,
      [category, point.lat, point.lng, latDelta, lngDelta, EARTH_RADIUS_METRES, radiusMetres],
    );
  }

  /** Issues reported by the public (L1), newest first, at most `limit`. */
  publicRequests(
    filter: PublicRequestFilter,
    closedStates: readonly string[],
    limit: number,
  ): Promise<PublicRequestRow[]> {
    const where = [`i.source = 'public_report'`];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.categories) where.push(`i.category = ANY(${param(filter.categories)}::varchar[])`);
    if (filter.from) where.push(`i.reported_at >= ${param(filter.from)}`);
    if (filter.to) where.push(`i.reported_at <= ${param(filter.to)}`);
    if (filter.closed === true) where.push(`i.status = ANY(${param(closedStates)}::varchar[])`);
    if (filter.closed === false) where.push(`NOT (i.status = ANY(${param(closedStates)}::varchar[]))`);
    return this.db.query<PublicRequestRow[]>(
      `${REQUEST_SELECT} WHERE ${where.join(' AND ')} ORDER BY i.reported_at DESC, i.code DESC LIMIT ${limit}`,
      params,
    );
  }

  /** One issue reported by the public, or undefined. */
  async publicRequest(code: string): Promise<PublicRequestRow | undefined> {
    const [row] = await this.db.query<PublicRequestRow[]>(
      `${REQUEST_SELECT} WHERE i.code = $1 AND i.source = 'public_report'`,
      [code],
    );
    return row;
  }

  /** How many issues are in each state, county-wide. */
  countsByStatus(): Promise<Array<{ status: IssueStatus; count: number }>> {
    return this.db.query(`SELECT status, count(*)::int AS count FROM issues GROUP BY status ORDER BY status`);
  }

  /**
   * Per unit in `column` (owner or township): open, overdue, escalated and closed issues. Issues not yet owned
   * count for their sector owner.
   */
  countsByUnit(column: 'owner' | 'township'): Promise<UnitCountRow[]> {
    const unit = column === 'owner' ? 'COALESCE(i.owner, i.sector_owner)' : 'i.township';
    return this.db.query<UnitCountRow[]>(
      `SELECT ${unit} AS unit, u.name AS unit_name,
         count(*) FILTER (WHERE i.status NOT IN ${CLOSED_STATES})::int AS open,
         count(*) FILTER (WHERE i.status NOT IN ${CLOSED_STATES} AND i.overdue)::int AS overdue,
         count(*) FILTER (WHERE i.status NOT IN ${CLOSED_STATES} AND i.escalation_level > 0)::int AS escalated,
         count(*) FILTER (WHERE i.status IN ${CLOSED_STATES})::int AS closed
       FROM issues i LEFT JOIN units u ON u.code = ${unit}
       GROUP BY 1, 2 ORDER BY open DESC, 1`,
    );
  }

  /** Issues reported and closed per ISO week (Beijing time) since `from`. */
  weeklyTrend(from: Date): Promise<WeekCountRow[]> {
    return this.db.query<WeekCountRow[]>(
      `WITH closed AS (
         SELECT COALESCE((state->'closure'->'signOffs'->'territorial'->>'at')::timestamptz,
                         (state->'closure'->>'archivedAt')::timestamptz, updated_at) AS at
         FROM issues WHERE status IN ${CLOSED_STATES}
       ), weeks AS (
         SELECT to_char(reported_at AT TIME ZONE '${TIME_ZONE}', 'IYYY-"W"IW') AS week, 1 AS reported, 0 AS closed
         FROM issues WHERE reported_at >= $1
         UNION ALL
         SELECT to_char(at AT TIME ZONE '${TIME_ZONE}', 'IYYY-"W"IW'), 0, 1 FROM closed WHERE at >= $1
       )
       SELECT week, sum(reported)::int AS reported, sum(closed)::int AS closed FROM weeks GROUP BY week ORDER BY week`,
      [from],
    );
  }

  /** Open issues with a location, for the county's map (the newest 2000). */
  mapPoints(): Promise<MapPointRow[]> {
    return this.db.query<MapPointRow[]>(
      `SELECT code, title, status, category, township, lat, lng, overdue, escalation_level
       FROM issues
       WHERE status NOT IN ${CLOSED_STATES} AND lat IS NOT NULL AND lng IS NOT NULL
       ORDER BY reported_at DESC LIMIT 2000`,
    );
  }

  /** Issues under public notice now (公示, L14), the notice ending soonest first; one issue when `code` is given. */
  publicNotices(code?: string): Promise<PublicNoticeRow[]> {
    return this.db.query<PublicNoticeRow[]>(
      `SELECT i.code, i.title, i.category, c.name AS category_name, i.township, tw.name AS township_name,
         i.village, i.lat, i.lng, i.reported_at, ow.name AS owner_name, i.state->'closure' AS closure,
         i.state->'plan' AS plan
       FROM issues i
       LEFT JOIN responsibility_categories c ON c.code = i.category
       LEFT JOIN units tw ON tw.code = i.township
       LEFT JOIN units ow ON ow.code = i.owner
       WHERE i.status = 'public_notice' AND ($1::text IS NULL OR i.code = $1)
       ORDER BY i.state->'closure'->'publicNotice'->>'endsAt', i.code
       LIMIT 200`,
      [code ?? null],
    );
  }

  /** The open issues a unit owns, as sector owner, territorial owner or rectifying unit. */
  openIssuesOf(unit: string): Promise<BattleMapIssueDbRow[]> {
    return this.db.query<BattleMapIssueDbRow[]>(
      `SELECT i.code, i.title, i.category, c.name AS category_name, i.severity, i.status, i.township,
         tw.name AS township_name, i.village, i.finder_unit, i.owner, i.sector_owner, i.territorial_owner,
         i.deadline, i.overdue, i.escalation_level, i.county_supervision, i.state->'plan' AS plan
       FROM issues i
       LEFT JOIN responsibility_categories c ON c.code = i.category
       LEFT JOIN units tw ON tw.code = i.township
       WHERE i.status NOT IN ('closed', 'archived') AND $1 IN (i.owner, i.sector_owner, i.territorial_owner)`,
      [unit],
    );
  }

  /**
   * The issues a year's assessment counts: reported before its end and open at some time in it; of one unit (and
   * the issues it is related to) when `unit` is given.
   */
  assessed(from: Date, to: Date, unit: string | null): Promise<AssessedIssueRow[]> {
    return this.db.query<AssessedIssueRow[]>(
      `SELECT code, source, severity, finder_unit, sector_owner, territorial_owner, owner, reported_at,
         accountability_flagged, state->'accountability'->>'knownAs' AS known_as, county_supervision, overdue,
         state->'plan'->>'timeLimit' AS plan_time_limit,
         CASE WHEN status IN ('closed', 'archived')
           THEN COALESCE((state->'closure'->>'archivedAt')::timestamptz, updated_at) END AS closed_at
       FROM issues
       WHERE reported_at < $2
         AND (status NOT IN ('closed', 'archived') OR reported_at >= $1
              OR COALESCE((state->'closure'->>'archivedAt')::timestamptz, updated_at) >= $1)
         AND ($3::text IS NULL OR $3 IN (finder_unit, sector_owner, territorial_owner, owner))`,
      [from, to, unit],
    );
  }

  /** County-wide issues reported in the period. */
  async reportedIn(period: Period): Promise<IssueRecord[]> {
    const rows = await this.db.query<IssueRecordRow[]>(
      `SELECT ${ISSUE_RECORD_COLUMNS}, NULL AS roles, NULL AS opened_at, NULL AS closed_at FROM issues i ${ISSUE_RECORD_JOINS}
       WHERE i.reported_at >= $1 AND i.reported_at < $2 ORDER BY i.code`,
      [period.start, period.end],
    );
    return rows.map(toIssueRecord);
  }

  /** L12, P4: county-wide major issues that became major in the period: reported so, or raised to it since. */
  async becameMajorIn(period: Period): Promise<IssueRecord[]> {
    const rows = await this.db.query<IssueRecordRow[]>(
      `SELECT ${ISSUE_RECORD_COLUMNS}, NULL AS roles, NULL AS opened_at, NULL AS closed_at FROM issues i ${ISSUE_RECORD_JOINS}
       WHERE i.severity = 'major' AND ${MAJOR_SINCE} >= $1 AND ${MAJOR_SINCE} < $2 ORDER BY i.code`,
      [period.start, period.end],
    );
    return rows.map(toIssueRecord);
  }

  /** County-wide open issues that are overdue or on the escalation ladder (L10). */
  async escalated(): Promise<IssueRecord[]> {
    const rows = await this.db.query<IssueRecordRow[]>(
      `SELECT ${ISSUE_RECORD_COLUMNS}, NULL AS roles, NULL AS opened_at, NULL AS closed_at FROM issues i ${ISSUE_RECORD_JOINS}
       WHERE i.status NOT IN ${CLOSED_STATES} AND (i.overdue OR i.escalation_level > 0 OR i.county_supervision)
       ORDER BY i.code`,
    );
    return rows.map(toIssueRecord);
  }
}
