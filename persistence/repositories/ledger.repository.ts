import type { EntityManager } from 'typeorm';
import type { Period } from '../../domain/duties/periods';
import type { IssueRecord } from '../../domain/duties/reports/report-content';
import type { IssueStatus, Severity } from '../../domain/issue/issue.types';
import type { ResponsibleParty } from '../../domain/records/responsible-party';
import type { LedgerRole } from '../entities/ledger-entry.entity';
import type { Db } from './db';
import {
  containsPattern,
  ISSUE_RECORD_COLUMNS,
  ISSUE_RECORD_JOINS,
  toIssueRecord,
  type IssueRecordRow,
} from './issue.repository';

/** One issue of a unit's ledger, with the names of its category, township and units and the unit's roles. */
export interface LedgerLineRow {
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
  /** L9: the deadline or a step of its ladder counts days beyond the calendar data. */
  deadline_provisional: boolean;
  /** L5, L8: the plan's time limit as approved (extensions included); null without a plan. */
  time_limit: string | null;
  overdue: boolean;
  escalation_level: number;
  county_supervision: boolean;
  reported_at: Date;
  opened_at: Date;
  closed_at: Date | null;
  /** L21: the responsible party (业主), when named. */
  responsible_party: ResponsibleParty | null;
}

/** 问题台账 (`ledger_entries`, L2, L6, L14): the lines the issue events open and close, and the units' ledgers. */
/** What a ledger is narrowed to; a field left out matches every line. */
export interface LedgerFilter {
  role?: string;
  /** Lines the unit has closed (销号), or those still open. */
  closed?: boolean;
  overdue?: boolean;
  text?: string;
}

/** The filter as SQL after `WHERE l.unit_code = $1`, its parameters numbered from `first`. */
function ledgerWhere(
  filter: LedgerFilter,
  first: number,
): { sql: string; having: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${first + params.length - 1}`;
  };
  const clauses: string[] = [];
  if (filter.role) clauses.push(`l.role = ${param(filter.role)}`);
  if (filter.overdue !== undefined) clauses.push(`i.overdue = ${param(filter.overdue)}`);
  if (filter.text) {
    const pattern = param(containsPattern(filter.text));
    clauses.push(`(i.code ILIKE ${pattern} OR i.title ILIKE ${pattern} OR i.description ILIKE ${pattern})`);
  }
  const having =
    filter.closed === undefined
      ? ''
      : filter.closed
        ? 'HAVING bool_and(l.closed_at IS NOT NULL)'
        : 'HAVING NOT bool_and(l.closed_at IS NOT NULL)';
  return { sql: clauses.map((c) => `AND ${c}`).join(' '), having, params };
}

export class LedgerRepository {
  constructor(private readonly db: Db) {}

  /** The same repository inside the caller's transaction. */
  within(manager: EntityManager): LedgerRepository {
    return new LedgerRepository(manager);
  }

  /** Opens a line of the unit's ledger, unless it is already there. */
  async openLine(issueCode: string, unit: string, role: string, at: string, eventId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO ledger_entries (issue_code, unit_code, role, opened_at, opened_by_event)
       VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING`,
      [issueCode, unit, role, at, eventId],
    );
  }

  /** Closes an open line at `at` (`close`), or opens a closed one again (`reopen`). */
  async changeLine(
    op: 'close' | 'reopen',
    issueCode: string,
    unit: string,
    role: string,
    at: string,
  ): Promise<void> {
    await this.db.query(
      `UPDATE ledger_entries SET closed_at = ${op === 'close' ? '$4' : 'NULL'}
       WHERE issue_code = $1 AND unit_code = $2 AND role = $3 ${op === 'close' ? 'AND closed_at IS NULL' : 'AND $4::timestamptz IS NOT NULL'}`,
      [issueCode, unit, role, at],
    );
  }

  /** How many issues the unit's ledger holds. */
  async count(unitCode: string, filter: LedgerFilter = {}): Promise<number> {
    const where = ledgerWhere(filter, 2);
    const [{ total }] = await this.db.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM (
         SELECT i.code FROM ledger_entries l JOIN issues i ON i.code = l.issue_code
         WHERE l.unit_code = $1 ${where.sql}
         GROUP BY i.code ${where.having}
       ) lines`,
      [unitCode, ...where.params],
    );
    return total;
  }

  /** The unit's ledger, one line per issue, in the order the lines were opened. */
  lines(
    unitCode: string,
    limit: number,
    offset: number,
    filter: LedgerFilter = {},
  ): Promise<LedgerLineRow[]> {
    const where = ledgerWhere(filter, 4);
    return this.db.query<LedgerLineRow[]>(
      `SELECT i.code, i.title, i.category, c.name AS category_name, i.severity, i.township,
         tw.name AS township_name, i.finder_unit, fu.name AS finder_name, i.sector_owner, so.name AS sector_name,
         i.territorial_owner, tu.name AS territorial_name, i.status, i.deadline, i.overdue, i.escalation_level,
         i.county_supervision, i.reported_at, i.responsible_party, i.state->'plan'->>'timeLimit' AS time_limit,
         COALESCE((i.state->>'provisional')::boolean, false) AS deadline_provisional,
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
       WHERE l.unit_code = $1 ${where.sql}
       GROUP BY i.code, c.name, tw.name, fu.name, so.name, tu.name ${where.having}
       ORDER BY min(l.opened_at), i.code
       LIMIT $2 OFFSET $3`,
      [unitCode, limit, offset, ...where.params],
    );
  }

  /**
   * The unit's ledger (问题台账, L2/L6) restricted to issues open at some time in the period or changed in it;
   * without a period, the issues still open in the unit's ledger.
   */
  async records(unit: string, period: Period | null): Promise<IssueRecord[]> {
    const rows = await this.db.query<IssueRecordRow[]>(
      `SELECT ${ISSUE_RECORD_COLUMNS}, l.roles, l.opened_at, l.closed_at
       FROM (SELECT issue_code, array_agg(role::text ORDER BY role) AS roles, min(opened_at) AS opened_at,
               CASE WHEN bool_or(closed_at IS NULL) THEN NULL ELSE max(closed_at) END AS closed_at
             FROM ledger_entries WHERE unit_code = $1 GROUP BY issue_code) l
       JOIN issues i ON i.code = l.issue_code ${ISSUE_RECORD_JOINS}
       WHERE CASE WHEN $2::timestamptz IS NULL THEN l.closed_at IS NULL
         ELSE l.opened_at < $3 AND (l.closed_at IS NULL OR l.closed_at >= $2 OR (i.updated_at >= $2 AND i.updated_at < $3))
       END
       ORDER BY i.code`,
      [unit, period?.start ?? null, period?.end ?? null],
    );
    return rows.map(toIssueRecord);
  }

  /** The lines closed in the period: which unit closed which issue. */
  closures(period: Period): Promise<Array<{ issueCode: string; unitCode: string }>> {
    return this.db.query(
      `SELECT issue_code AS "issueCode", unit_code AS "unitCode" FROM ledger_entries
       WHERE closed_at >= $1 AND closed_at < $2 ORDER BY issue_code, unit_code`,
      [period.start, period.end],
    );
  }
}
