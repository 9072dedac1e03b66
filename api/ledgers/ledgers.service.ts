import { Injectable } from '@nestjs/common';
import type { Actor } from '../../domain/organisation/roles';
import {
  LedgerRepository,
  type LedgerFilter,
  type LedgerLineRow,
} from '../../persistence/repositories/ledger.repository';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import { isCountyWide } from '../issues/issues-query.service';
import type { Ledger, LedgerLine } from './ledgers.dto';
import { LedgerErrors } from './ledgers.errors';

/** The most lines one export holds; a county's ledger is far smaller. */
const EXPORT_LIMIT = 50_000;

function toLine(row: LedgerLineRow): LedgerLine {
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
    timeLimit: row.time_limit,
    deadline: row.deadline ? row.deadline.toISOString() : null,
    deadlineProvisional: row.deadline_provisional,
    overdue: row.overdue,
    escalationLevel: row.escalation_level,
    countySupervision: row.county_supervision,
    reportedAt: row.reported_at.toISOString(),
    openedAt: row.opened_at.toISOString(),
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    responsibleParty: row.responsible_party,
  };
}

/** 问题台账: a unit's issues as finder, sector owner or territorial owner (L2, L6), from `ledger_entries`. */
@Injectable()
export class LedgersService {
  constructor(
    private readonly ledgers: LedgerRepository,
    private readonly organisation: OrganisationRepository,
  ) {}

  /** A unit reads its own ledger; 县环委办 and the county heads read any. */
  async ledger(
    unitCode: string,
    actor: Actor,
    page: number,
    pageSize: number,
    filter: LedgerFilter = {},
  ): Promise<Ledger> {
    const unitName = await this.checkScope(unitCode, actor);
    const total = await this.ledgers.count(unitCode, filter);
    const rows = await this.ledgers.lines(unitCode, pageSize, (page - 1) * pageSize, filter);
    return { unitCode, unitName, items: rows.map(toLine), page, pageSize, total };
  }

  /** Every line of the ledger, for an export. */
  async all(
    unitCode: string,
    actor: Actor,
    filter: LedgerFilter = {},
  ): Promise<{ unitName: string; lines: LedgerLine[] }> {
    const unitName = await this.checkScope(unitCode, actor);
    const rows = await this.ledgers.lines(unitCode, EXPORT_LIMIT, 0, filter);
    return { unitName, lines: rows.map(toLine) };
  }

  private async checkScope(unitCode: string, actor: Actor): Promise<string> {
    if (actor.unitCode !== unitCode && !isCountyWide(actor)) throw LedgerErrors.notInScope(unitCode);
    const unit = await this.organisation.unit(unitCode);
    if (!unit) throw LedgerErrors.unknownUnit(unitCode);
    return unit.name;
  }
}
