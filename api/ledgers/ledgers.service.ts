import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isCountyWide, type Actor } from '../../domain/organisation/roles';
import type { IssueStatus, Severity } from '../../domain/issue/issue.types';
import type { LedgerRole } from '../../persistence/entities/ledger-entry.entity';
import type { Ledger, LedgerLine } from './ledgers.dto';
import { LedgerErrors } from './ledgers.errors';

/** The most lines one export holds; a county's ledger is far smaller. */
const EXPORT_LIMIT = 50_000;

interface LineRow {
  code: string;
  title: string;
  category: string;
  category_name: string | null;
  severity: Severity;
  township: string;
  township_name: string | null;
  finder_unit: string;
  finder_name: string | null;
  sector_owner: string;
  sector_name: string | null;
  territorial_owner: string;
  territorial_name: string | null;
  roles: LedgerRole[];
  status: IssueStatus;
  deadline: Date | null;
  overdue: boolean;
  escalation_level: number;
  county_supervision: boolean;
  reported_at: Date;
  opened_at: Date;
  closed_at: Date | null;
}

function toLine(row: LineRow): LedgerLine {
  return {
    issueCode: row.code,
    title: row.title,
    category: row.category,
    categoryName: row.category_name ?? row.category,
    severity: row.severity,
    township: row.township,
    townshipName: row.township_name ?? row.township,
    finderUnit: row.finder_unit,
    finderUnitName: row.finder_name ?? row.finder_unit,
    sectorOwner: row.sector_owner,
    sectorOwnerName: row.sector_name ?? row.sector_owner,
    territorialOwner: row.territorial_owner,
    territorialOwnerName: row.territorial_name ?? row.territorial_owner,
    roles: row.roles,
    status: row.status,
    deadline: row.deadline ? row.deadline.toISOString() : null,
    overdue: row.overdue,
    escalationLevel: row.escalation_level,
    countySupervision: row.county_supervision,
    reportedAt: row.reported_at.toISOString(),
    openedAt: row.opened_at.toISOString(),
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
  };
}

/** 问题台账: a unit's issues as finder, sector owner or territorial owner (L2, L6), from `ledger_entries`. */
@Injectable()
export class LedgersService {
  constructor(private readonly dataSource: DataSource) {}

  /** A unit reads its own ledger; 县环委办 and the county heads read any. */
  async ledger(unitCode: string, actor: Actor, page: number, pageSize: number): Promise<Ledger> {
    const unitName = await this.checkScope(unitCode, actor);
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT count(DISTINCT issue_code)::int AS total FROM ledger_entries WHERE unit_code = $1`,
      [unitCode],
    );
    const rows = await this.lines(unitCode, pageSize, (page - 1) * pageSize);
    return { unitCode, unitName, items: rows.map(toLine), page, pageSize, total };
  }

  /** Every line of the ledger, for an export. */
  async all(unitCode: string, actor: Actor): Promise<{ unitName: string; lines: LedgerLine[] }> {
    const unitName = await this.checkScope(unitCode, actor);
    const rows = await this.lines(unitCode, EXPORT_LIMIT, 0);
    return { unitName, lines: rows.map(toLine) };
  }

  private async checkScope(unitCode: string, actor: Actor): Promise<string> {
    if (actor.unitCode !== unitCode && !isCountyWide(actor)) throw LedgerErrors.notInScope(unitCode);
    const [unit] = await this.dataSource.query<Array<{ name: string }>>(
      `SELECT name FROM units WHERE code = $1`,
      [unitCode],
    );
    if (!unit) throw LedgerErrors.unknownUnit(unitCode);
    return unit.name;
  }

  private lines(unitCode: string, limit: number, offset: number): Promise<LineRow[]> {
    return this.dataSource.query<LineRow[]>(
      `SELECT i.code, i.title, i.category, c.name AS category_name, i.severity, i.township,
         tw.name AS township_name, i.finder_unit, fu.name AS finder_name, i.sector_owner, so.name AS sector_name,
         i.territorial_owner, tu.name AS territorial_name, i.status, i.deadline, i.overdue, i.escalation_level,
         i.county_supervision, i.reported_at,
         array_agg(l.role ORDER BY l.role) AS roles,
         min(l.opened_at) AS opened_at,
         CASE WHEN bool_and(l.closed_at IS NOT NULL) THEN max(l.closed_at) END AS closed_at
       FROM ledger_entries l
       JOIN issues i ON i.code = l.issue_code
       LEFT JOIN responsibility_categories c ON c.code = i.category
       LEFT JOIN units tw ON tw.code = i.township
       LEFT JOIN units fu ON fu.code = i.finder_unit
       LEFT JOIN units so ON so.code = i.sector_owner
       LEFT JOIN units tu ON tu.code = i.territorial_owner
       WHERE l.unit_code = $1
       GROUP BY i.code, c.name, tw.name, fu.name, so.name, tu.name
       ORDER BY min(l.opened_at), i.code
       LIMIT $2 OFFSET $3`,
      [unitCode, limit, offset],
    );
  }
}
