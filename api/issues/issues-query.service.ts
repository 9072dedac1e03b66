import { Injectable } from '@nestjs/common';
import { DEFAULT_ORGANISATION, type Actor } from '../../domain/organisation/roles';
import { IssueRepository, type IssueListRow } from '../../persistence/repositories/issue.repository';
import type { IssueListItem, ListIssuesQueryDto, PossibleDuplicate } from './issues-query.dto';
import { type Page } from '../../domain/common/page';
import { decodeCursor, encodeCursor } from './issue-cursor';

/** One page of issues, with where the next one starts (Q2). */
export interface IssuePage extends Page<IssueListItem> {
  /** The `cursor` of the next page, or null on the last. */
  nextCursor: string | null;
  /** `total` is PostgreSQL's estimate: counting would have taken too long (Q2). */
  totalEstimated: boolean;
}

/** How close an open issue of the same category must be to count as a possible duplicate (L1). */
export const DUPLICATE_RADIUS_METRES = 50;

/** 县环委办 and the county heads read every issue and every ledger. */
export function isCountyWide(actor: Actor): boolean {
  return (
    actor.unitCode === DEFAULT_ORGANISATION.ecoOffice ||
    actor.roles.includes('chief') ||
    actor.roles.includes('deputy_chief')
  );
}

function toItem(row: IssueListRow): IssueListItem {
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
    responsibleParty: row.responsible_party,
  };
}

/** Open issues (not archived) of a category within 50 m of a point, nearest first. */
export async function findPossibleDuplicates(
  issues: IssueRepository,
  category: string,
  point: { lat: number; lng: number },
): Promise<PossibleDuplicate[]> {
  const rows = await issues.nearbyOpen(category, point, DUPLICATE_RADIUS_METRES);
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
  constructor(private readonly issues: IssueRepository) {}

  /** Scope: county-wide readers see all; any other unit the issues in its ledgers or that it owns or must act on. */
  async list(query: ListIssuesQueryDto, actor: Actor): Promise<IssuePage> {
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.sort);
    const sort = cursor?.sort ?? query.sort ?? '-reportedAt';
    const page = cursor?.page ?? query.page;
    const { rows, total, next } = await this.issues.list(
      {
        ...(isCountyWide(actor) ? {} : { scopeUnit: actor.unitCode }),
        ...(query.actionableBy === 'me' ? { actionableByUnit: actor.unitCode } : {}),
        status: query.status,
        unit: query.unit,
        township: query.township,
        category: query.category,
        severity: query.severity,
        overdue: query.overdue,
        escalationLevel: query.escalationLevel,
        countySupervision: query.countySupervision,
        accountability: query.accountability,
        reportedFrom: query.reportedFrom,
        reportedTo: query.reportedTo,
        text: query.text,
        party: query.party,
      },
      sort,
      { page, pageSize: query.pageSize, ...(cursor ? { after: cursor.key } : {}), count: !cursor },
    );
    const counted = total?.value ?? cursor?.total ?? 0;
    return {
      items: rows.map(toItem),
      page,
      pageSize: query.pageSize,
      total: counted,
      totalEstimated: total?.estimated ?? cursor?.estimated ?? false,
      nextCursor: next
        ? encodeCursor({
            sort,
            key: next,
            page: page + 1,
            total: counted,
            estimated: total?.estimated ?? cursor?.estimated ?? false,
          })
        : null,
    };
  }

  possibleDuplicates(category: string, point: { lat: number; lng: number }): Promise<PossibleDuplicate[]> {
    return findPossibleDuplicates(this.issues, category, point);
  }
}
