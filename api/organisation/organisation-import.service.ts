import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  parseOrganisationSheets,
  type ImportIssue,
  type MemberImportRow,
  type RawSheet,
} from '../../domain/organisation/import';
import {
  OrganisationRepository,
  type ImportCounts,
  type ResolvedMember,
} from '../../persistence/repositories/organisation.repository';
import { readSpreadsheet, type UploadedSpreadsheet } from './spreadsheet-reader';

export type { ImportCounts };

/** Either everything was written, or nothing was and every bad row is named. */
export type OrganisationImportOutcome =
  | { ok: true; dryRun: boolean; grids: ImportCounts; members: ImportCounts }
  | { ok: false; issues: ImportIssue[] };

export interface OrganisationImportOptions {
  /** Validate and count, then roll back. */
  dryRun?: boolean;
}

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
  // The DataSource opens each import's transaction; the repository is bound to it there.
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
        const repository = new OrganisationRepository(manager);
        await repository.lockImports();
        const organisation = await repository.snapshot();
        const parsed = parseOrganisationSheets(sheets, organisation);
        if (parsed.issues.length > 0) return { ok: false, issues: parsed.issues };
        const resolved = await resolveMembers(repository, parsed.members);
        if (resolved.issues.length > 0) return { ok: false, issues: resolved.issues };
        const grids = await repository.writeImportedGrids(parsed.grids);
        const members = await repository.writeImportedMembers(resolved.members);
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

/** Finds each row's member in the database (by 编号, else by unit + name + phone) before anything is written. */
async function resolveMembers(
  repository: OrganisationRepository,
  rows: readonly MemberImportRow[],
): Promise<{ members: ResolvedMember[]; issues: ImportIssue[] }> {
  const members: ResolvedMember[] = [];
  const issues: ImportIssue[] = [];
  const claimed = new Map<string, number>();
  for (const row of rows) {
    const found = await repository.importedMemberIds(row);
    if (!row.externalId && found.length > 1) {
      issues.push({
        sheet: row.sheet,
        row: row.row,
        field: '姓名',
        message: `${row.unitCode}已有${found.length}名“${row.name}”，请增加“编号”或“联系电话”列区分`,
        messageEn: `${row.unitCode} has ${found.length} members named "${row.name}": add a 编号 or 联系电话 column`,
      });
      continue;
    }
    const match = found[0] as string | undefined;
    const id = match ?? row.externalId ?? naturalMemberId(row.unitCode, row.name, row.phone);
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
