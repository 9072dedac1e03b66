import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AreaGeometry } from '../../domain/organisation/grid-area';
import {
  applyAreaFile,
  nestingBreaches,
  parseAreaFile,
  type AreaFile,
} from '../../domain/organisation/import-areas';
import {
  parseOrganisationSheets,
  type GridImportRow,
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
  | {
      ok: true;
      dryRun: boolean;
      grids: ImportCounts;
      members: ImportCounts;
      areas: { grids: number; units: number };
    }
  | { ok: false; issues: ImportIssue[] };

/** A GeoJSON file of the import, read (G7). */
interface NamedAreaFile {
  name: string;
  file: AreaFile;
}

const isAreaFile = (filename: string) => /\.(geo)?json$/i.test(filename);

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
    const areaFiles: NamedAreaFile[] = [];
    const issues: ImportIssue[] = [];
    for (const file of files) {
      if (isAreaFile(file.filename)) {
        const read = parseAreaFile(file.filename, file.buffer.toString('utf8'));
        areaFiles.push({ name: file.filename, file: read.file });
        issues.push(...read.issues);
        continue;
      }
      const read = await readSpreadsheet(file);
      sheets.push(...read.sheets);
      issues.push(...read.issues);
    }
    if (issues.length > 0) return { ok: false, issues };
    return this.importSheets(sheets, options, areaFiles);
  }

  async importSheets(
    sheets: readonly RawSheet[],
    options: OrganisationImportOptions = {},
    areaFiles: readonly NamedAreaFile[] = [],
  ): Promise<OrganisationImportOutcome> {
    const rollback = Symbol('dry run');
    try {
      return await this.dataSource.transaction(async (manager) => {
        const repository = new OrganisationRepository(manager);
        await repository.lockImports();
        const organisation = await repository.snapshot();
        const parsed =
          sheets.length > 0
            ? parseOrganisationSheets(sheets, organisation)
            : { grids: [], members: [], issues: [] };
        if (parsed.issues.length > 0) return { ok: false, issues: parsed.issues };
        const areas = await importedAreas(repository, parsed.grids, areaFiles);
        if (areas.issues.length > 0) return { ok: false, issues: areas.issues };
        const resolved = await resolveMembers(repository, parsed.members);
        if (resolved.issues.length > 0) return { ok: false, issues: resolved.issues };
        const grids = await repository.writeImportedGrids(parsed.grids);
        const members = await repository.writeImportedMembers(resolved.members);
        const areaCounts = { grids: 0, units: 0 };
        for (const [code, area] of areas.unitAreas)
          if (await repository.setArea('unit', code, null, area)) areaCounts.units++;
        for (const [code, area] of areas.gridAreas)
          if (await repository.setArea('grid', code, null, area)) areaCounts.grids++;
        const outcome: OrganisationImportOutcome = {
          ok: true,
          dryRun: !!options.dryRun,
          grids,
          members,
          areas: areaCounts,
        };
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

/**
 * G7: the areas the import sets, from the grids sheet's 区域 column and the GeoJSON files, checked against each
 * other and against the parents' areas as they will be after the import.
 */
async function importedAreas(
  repository: OrganisationRepository,
  rows: GridImportRow[],
  files: readonly NamedAreaFile[],
): Promise<{
  gridAreas: Map<string, AreaGeometry>;
  unitAreas: Map<string, AreaGeometry>;
  issues: ImportIssue[];
}> {
  const tree = await repository.areaTree();
  const known = {
    grids: new Set(tree.grids.map((g) => g.code)),
    units: new Set((await repository.snapshot()).units.map((u) => u.code)),
  };
  const gridAreas = new Map<string, AreaGeometry>();
  const unitAreas = new Map<string, AreaGeometry>();
  const issues: ImportIssue[] = [];
  for (const row of rows) if (row.boundary) gridAreas.set(row.code, row.boundary);
  for (const { name, file } of files) {
    const applied = applyAreaFile(name, file, rows, known);
    issues.push(...applied.issues);
    for (const [code, area] of applied.gridAreas) gridAreas.set(code, area);
    for (const [code, area] of applied.unitAreas) unitAreas.set(code, area);
  }
  if (issues.length > 0 || (gridAreas.size === 0 && unitAreas.size === 0))
    return { gridAreas, unitAreas, issues };
  // The tree after the import: the file's rows over the database's, the new areas over the old.
  const byCode = new Map(tree.grids.map((g) => [g.code, g]));
  for (const row of rows)
    byCode.set(row.code, {
      code: row.code,
      unitCode: row.unitCode,
      kind: row.kind,
      parentGridCode: row.parentGridCode,
      area: byCode.get(row.code)?.area ?? null,
    });
  for (const [code, area] of gridAreas) byCode.set(code, { ...byCode.get(code)!, area });
  const allUnitAreas = new Map([...tree.unitAreas, ...unitAreas]);
  const rowOf = new Map(rows.map((r) => [r.code, r]));
  for (const breach of nestingBreaches([...byCode.values()], allUnitAreas)) {
    // Only what this import changes is its fault; an old breach is the G6 report's business.
    const row = rowOf.get(breach.grid);
    const changed =
      gridAreas.has(breach.grid) || unitAreas.has(breach.parent) || gridAreas.has(breach.parent);
    if (!changed) continue;
    issues.push({
      sheet: row?.sheet ?? files[0]?.name ?? '',
      row: row?.row ?? 0,
      field: '区域',
      message: `网格“${breach.grid}”的区域超出上级“${breach.parent}”的区域`,
      messageEn: `the area of grid "${breach.grid}" is not inside the area of ${breach.parent}`,
    });
  }
  return { gridAreas, unitAreas, issues };
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
