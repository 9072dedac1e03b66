import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_ORGANISATION, type Actor } from '../../domain/issue/actor';
import type { IssueSource, IssueStatus, Severity } from '../../domain/issue/issue.types';
import type {
  IssueListItem,
  IssueSort,
  ListIssuesQueryDto,
  Page,
  PossibleDuplicate,
} from './issues-query.dto';

/** How close an open issue of the same category must be to count as a possible duplicate (L1). */
export const DUPLICATE_RADIUS_METRES = 50;
const EARTH_RADIUS_METRES = 6_371_008.8;
const TIME_ZONE = 'Asia/Shanghai';

/** 县环委办 and the county heads read every issue and every ledger. */
export function isCountyWide(actor: Actor): boolean {
  return (
    actor.unitCode === DEFAULT_ORGANISATION.ecoOffice ||
    actor.roles.includes('chief') ||
    actor.roles.includes('deputy_chief')
  );
}

/** A LIKE pattern that matches `text` literally anywhere (its %, _ and \ escaped). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const SORT_SQL: Record<IssueSort, string> = {
  reportedAt: 'i.reported_at ASC, i.code ASC',
  '-reportedAt': 'i.reported_at DESC, i.code DESC',
  deadline: 'i.deadline ASC NULLS LAST, i.code ASC',
  '-deadline': 'i.deadline DESC NULLS LAST, i.code DESC',
};

interface IssueRow {
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
}

const LIST_COLUMNS = `i.code, i.title, i.category, i.severity, i.source, i.status, i.township, i.finder_unit,
  i.sector_owner, i.territorial_owner, i.owner, i.awaiting, i.deadline, i.overdue, i.escalation_level, i.county_supervision,
  i.accountability_flagged, i.reported_at, i.lat, i.lng`;

function toItem(row: IssueRow): IssueListItem {
  return {
    code: row.code,
    title: row.title,
    category: row.category,
    severity: row.severity,
    source: row.source,
    status: row.status,
    township: row.township,
    finderUnit: row.finder_unit,
    sectorOwner: row.sector_owner,
    territorialOwner: row.territorial_owner,
    owner: row.owner,
    awaiting: row.awaiting,
    deadline: row.deadline ? row.deadline.toISOString() : null,
    overdue: row.overdue,
    escalationLevel: row.escalation_level,
    countySupervision: row.county_supervision,
    accountabilityFlagged: row.accountability_flagged,
    reportedAt: row.reported_at.toISOString(),
    lat: row.lat,
    lng: row.lng,
  };
}

/**
 * Open issues (not archived) of a category within 50 m of a point, nearest first: haversine in SQL after a
 * bounding-box filter, no PostGIS.
 */
export async function findPossibleDuplicates(
  dataSource: DataSource,
  category: string,
  point: { lat: number; lng: number },
): Promise<PossibleDuplicate[]> {
  const latDelta = (DUPLICATE_RADIUS_METRES / EARTH_RADIUS_METRES) * (180 / Math.PI) * 1.1;
  const cosLat = Math.max(Math.cos((point.lat * Math.PI) / 180), 0.01);
  const lngDelta = Math.min(latDelta / cosLat, 180);
  const rows = await dataSource.query<
    Array<{ code: string; title: string; status: IssueStatus; reported_at: Date; distance: number }>
  >(
    `SELECT * FROM (
       SELECT code, title, status, reported_at,
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
    [category, point.lat, point.lng, latDelta, lngDelta, EARTH_RADIUS_METRES, DUPLICATE_RADIUS_METRES],
  );
  return rows.map((row) => ({
    code: row.code,
    title: row.title,
    status: row.status,
    reportedAt: row.reported_at.toISOString(),
    distanceMetres: Math.round(Number(row.distance) * 10) / 10,
  }));
}

/** Lists and searches of issues, from the read model (`issues`, `ledger_entries`). */
@Injectable()
export class IssuesQueryService {
  constructor(private readonly dataSource: DataSource) {}

  /** Scope: county-wide readers see all; any other unit the issues in its ledgers or that it owns or must act on. */
  async list(query: ListIssuesQueryDto, actor: Actor): Promise<Page<IssueListItem>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (!isCountyWide(actor)) {
      const unit = param(actor.unitCode);
      where.push(`(EXISTS (SELECT 1 FROM ledger_entries l WHERE l.issue_code = i.code AND l.unit_code = ${unit})
        OR i.owner = ${unit} OR ${unit} = ANY(i.awaiting))`);
    }
    if (query.status) where.push(`i.status = ${param(query.status)}`);
    if (query.unit) {
      const unit = param(query.unit);
      where.push(
        `(i.finder_unit = ${unit} OR i.sector_owner = ${unit} OR i.territorial_owner = ${unit} OR i.owner = ${unit})`,
      );
    }
    if (query.actionableBy === 'me')
      where.push(`${param(actor.unitCode)} = ANY(i.awaiting) AND i.status <> 'archived'`);
    if (query.township) where.push(`i.township = ${param(query.township)}`);
    if (query.category) where.push(`i.category = ${param(query.category)}`);
    if (query.severity) where.push(`i.severity = ${param(query.severity)}`);
    if (query.overdue !== undefined) where.push(`i.overdue = ${param(query.overdue)}`);
    if (query.escalationLevel !== undefined)
      where.push(`i.escalation_level >= ${param(query.escalationLevel)}`);
    if (query.countySupervision !== undefined)
      where.push(`i.county_supervision = ${param(query.countySupervision)}`);
    if (query.accountability !== undefined)
      where.push(`i.accountability_flagged = ${param(query.accountability)}`);
    if (query.reportedFrom)
      where.push(
        `i.reported_at >= (${param(query.reportedFrom)}::date::timestamp AT TIME ZONE '${TIME_ZONE}')`,
      );
    if (query.reportedTo)
      where.push(
        `i.reported_at < ((${param(query.reportedTo)}::date + 1)::timestamp AT TIME ZONE '${TIME_ZONE}')`,
      );
    if (query.text) {
      const pattern = param(containsPattern(query.text));
      where.push(`(i.title ILIKE ${pattern} ESCAPE '\\' OR i.description ILIKE ${pattern} ESCAPE '\\')`);
    }
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM issues i ${filter}`,
      params,
    );
    const page = query.page;
    const pageSize = query.pageSize;
    const rows = await this.dataSource.query<IssueRow[]>(
      `SELECT ${LIST_COLUMNS} FROM issues i ${filter}
       ORDER BY ${SORT_SQL[query.sort ?? '-reportedAt']}
       LIMIT ${param(pageSize)} OFFSET ${param((page - 1) * pageSize)}`,
      params,
    );
    return { items: rows.map(toItem), page, pageSize, total };
  }

  possibleDuplicates(category: string, point: { lat: number; lng: number }): Promise<PossibleDuplicate[]> {
    return findPossibleDuplicates(this.dataSource, category, point);
  }
}
