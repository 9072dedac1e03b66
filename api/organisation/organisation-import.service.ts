import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MEMBER_ROLES } from '../../domain/organisation/roles';
import {
  parseOrganisationSheets,
  type GridImportRow,
  type ImportIssue,
  type MemberImportRow,
  type RawSheet,
} from '../../domain/organisation/import';
import { GridEntity, MemberEntity } from '../../persistence/entities';
import { loadOrganisation } from './organisation.queries';
import { readSpreadsheet, type UploadedSpreadsheet } from './spreadsheet-reader';

export interface ImportCounts {
  inserted: number;
  updated: number;
}

/** Either everything was written, or nothing was and every bad row is named. */
export type OrganisationImportOutcome =
  | { ok: true; dryRun: boolean; grids: ImportCounts; members: ImportCounts }
  | { ok: false; issues: ImportIssue[] };

export interface OrganisationImportOptions {
  /** Validate and count, then roll back. */
  dryRun?: boolean;
}

/** Serialises imports: two at once would race on the same natural keys. */
const IMPORT_LOCK = 0x6f7267; // 'org'

/** A member's stable id when the sheet has no 编号: the natural key unit + name + phone. */
export function naturalMemberId(unitCode: string, name: string, phone: string | null): string {
  const digest = createHash('sha256')
    .update(`${unitCode}\u0000${name}\u0000${phone ?? ''}`)
    .digest('hex');
  return `m-${digest.slice(0, 24)}`;
}

/**
 * Bulk import of grids and members (网格、网格员名单) from the county office's spreadsheets, in one transaction.
 * Upserts by natural key (grid: 网格编号; member: 编号 if the sheet has it, else unit + name + phone), so importing
 * the same file again changes nothing. Rows and columns not in the file are left as they are.
 */
@Injectable()
export class OrganisationImportService {
  constructor(private readonly dataSource: DataSource) {}

  async importFiles(
    files: readonly UploadedSpreadsheet[],
    options: OrganisationImportOptions = {},
  ): Promise<OrganisationImportOutcome> {
    const sheets: RawSheet[] = [];
    const issues: ImportIssue[] = [];
    for (const file of files) {
      const read = await readSpreadsheet(file);
      sheets.push(...read.sheets);
      issues.push(...read.issues);
    }
    if (issues.length > 0) return { ok: false, issues };
    return this.importSheets(sheets, options);
  }

  async importSheets(
    sheets: readonly RawSheet[],
    options: OrganisationImportOptions = {},
  ): Promise<OrganisationImportOutcome> {
    const rollback = Symbol('dry run');
    try {
      return await this.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT pg_advisory_xact_lock($1)`, [IMPORT_LOCK]);
        const organisation = await loadOrganisation(manager);
        const parsed = parseOrganisationSheets(sheets, organisation);
        if (parsed.issues.length > 0) return { ok: false, issues: parsed.issues };
        const resolved = await resolveMembers(manager, parsed.members);
        if (resolved.issues.length > 0) return { ok: false, issues: resolved.issues };
        const grids = await writeGrids(manager, parsed.grids);
        const members = await writeMembers(manager, resolved.members);
        const outcome: OrganisationImportOutcome = { ok: true, dryRun: !!options.dryRun, grids, members };
        if (options.dryRun) throw Object.assign(new Error('dry run'), { [rollback]: outcome });
        return outcome;
      });
    } catch (error) {
      const outcome = (error as Record<symbol, OrganisationImportOutcome | undefined>)[rollback];
      if (outcome) return outcome;
      throw error;
    }
  }
}

interface ResolvedMember {
  row: MemberImportRow;
  id: string;
  exists: boolean;
}

/** Finds each row's member in the database (by 编号, else by unit + name + phone) before anything is written. */
async function resolveMembers(
  manager: EntityManager,
  rows: readonly MemberImportRow[],
): Promise<{ members: ResolvedMember[]; issues: ImportIssue[] }> {
  const members: ResolvedMember[] = [];
  const issues: ImportIssue[] = [];
  const claimed = new Map<string, number>();
  for (const row of rows) {
    let match: { id: string } | undefined;
    if (row.externalId) {
      [match] = await manager.query<Array<{ id: string }>>(`SELECT id FROM members WHERE id = $1`, [
        row.externalId,
      ]);
    } else {
      // Without a 联系电话 column the phone is not part of the key: unit + name must then be unique.
      const byPhone = row.present.includes('phone');
      const found = await manager.query<Array<{ id: string }>>(
        `SELECT id FROM members WHERE unit_code = $1 AND name = $2 AND ($3::boolean IS FALSE OR phone IS NOT DISTINCT FROM $4)
         ORDER BY id`,
        [row.unitCode, row.name, byPhone, row.phone],
      );
      if (found.length > 1) {
        issues.push({
          sheet: row.sheet,
          row: row.row,
          field: '姓名',
          message: `${row.unitCode}已有${found.length}名“${row.name}”，请增加“编号”或“联系电话”列区分`,
          messageEn: `${row.unitCode} has ${found.length} members named "${row.name}": add a 编号 or 联系电话 column`,
        });
        continue;
      }
      match = found[0];
    }
    const id = match?.id ?? row.externalId ?? naturalMemberId(row.unitCode, row.name, row.phone);
    const earlier = claimed.get(id);
    if (earlier !== undefined) {
      issues.push({
        sheet: row.sheet,
        row: row.row,
        field: '姓名',
        message: `与第${earlier}行对应系统中同一人`,
        messageEn: `matches the same member as row ${earlier}`,
      });
      continue;
    }
    claimed.set(id, row.row);
    members.push({ row, id, exists: match !== undefined });
  }
  return { members, issues };
}

async function writeGrids(manager: EntityManager, rows: readonly GridImportRow[]): Promise<ImportCounts> {
  const counts: ImportCounts = { inserted: 0, updated: 0 };
  // Village grids before their 分片, so each row's parent exists when it is written.
  const ordered = [...rows].sort((a, b) => Number(a.kind === 'sub_area') - Number(b.kind === 'sub_area'));
  const repository = manager.getRepository(GridEntity);
  for (const row of ordered) {
    const values: Partial<GridEntity> = {
      unitCode: row.unitCode,
      name: row.name,
      kind: row.kind,
      parentGridCode: row.parentGridCode,
    };
    if (row.present.includes('village')) values.village = row.village;
    if (row.present.includes('description')) values.description = row.description;
    const existing = await repository.findOne({ where: { code: row.code } });
    if (!existing) {
      await repository.insert({ code: row.code, village: null, description: '', demo: false, ...values });
      counts.inserted++;
    } else if (changed(existing, values)) {
      await repository.update({ code: row.code }, values);
      counts.updated++;
    }
  }
  return counts;
}

async function writeMembers(
  manager: EntityManager,
  members: readonly ResolvedMember[],
): Promise<ImportCounts> {
  const counts: ImportCounts = { inserted: 0, updated: 0 };
  const repository = manager.getRepository(MemberEntity);
  for (const { row, id, exists } of members) {
    const values: Partial<MemberEntity> = {
      unitCode: row.unitCode,
      name: row.name,
      roles: MEMBER_ROLES.filter((role) => row.roles.includes(role)),
      active: true,
    };
    const optional: Array<[MemberImportRow['present'][number], keyof MemberEntity, unknown]> = [
      ['grid', 'gridCode', row.gridCode],
      ['sectionCadre', 'isSectionCadre', row.isSectionCadre],
      ['phone', 'phone', row.phone],
      ['publicContact', 'publicContact', row.publicContact],
      ['email', 'email', row.email],
      ['public', 'public', row.public],
    ];
    for (const [field, key, value] of optional)
      if (row.present.includes(field)) Object.assign(values, { [key]: value });
    // A post is also implied by the role name (护林员, 支部书记 …), so it is written whenever the row has one.
    if (row.present.includes('post') || row.post !== null) values.post = row.post;
    if (!exists) {
      await repository.insert({
        id,
        gridCode: null,
        phone: null,
        email: null,
        publicContact: null,
        isSectionCadre: false,
        post: null,
        public: true,
        demo: false,
        ...values,
      });
      counts.inserted++;
    } else {
      const current = await repository.findOneOrFail({ where: { id } });
      if (changed(current, values)) {
        await repository.update({ id }, values);
        counts.updated++;
      }
    }
  }
  return counts;
}

function changed<T extends object>(current: T, values: Partial<T>): boolean {
  return (Object.keys(values) as Array<keyof T>).some(
    (key) => JSON.stringify(current[key]) !== JSON.stringify(values[key]),
  );
}
