import type { Page } from '../../domain/common/page';
import type { EntityManager } from 'typeorm';
import type { ComplianceData } from '../../domain/duties/patrols/compliance';
import type { Period } from '../../domain/duties/periods';
import type { GridRecord } from '../../domain/duties/reports/report-content';
import { MEMBER_ROLES, type MemberRole, ROLE_LABELS } from '../../domain/organisation/roles';
import type { GridImportRow, MemberImportRow } from '../../domain/organisation/import';
import {
  GRID_KIND_LABELS,
  PUBLIC_WELFARE_POSTS,
  type GridKind,
  type OrganisationGrid,
  type OrganisationMember,
  type OrganisationUnit,
  type OrganisationUnitKind,
} from '../../domain/organisation/organisation.types';
import { checkStaffing, type StaffingFinding, type StaffingInput } from '../../domain/organisation/staffing';
import {
  BASE_UNIT_KINDS,
  areaContains,
  baseUnitOf,
  type AreaGeometry,
  type PlacementGrid,
} from '../../domain/organisation/grid-area';
import type { NestingGrid } from '../../domain/organisation/import-areas';
import { GridEntity } from '../entities/grid.entity';
import { MemberEntity } from '../entities/member.entity';
import { returnedRows } from '../returning';
import type { Db } from './db';
import { findRosterEntry, type RosterEntry } from './roster.repository';
import { UNIT_HEAD_ROLES } from '../../domain/organisation/roles';

/** One table the organisation API edits: its key, its writable fields and their columns. */
export interface TableSpec {
  /** Singular name in error codes, e.g. `grid` gives `grid-not-found`. */
  what: string;
  table: string;
  key: { field: string; column: string };
  /** Writable fields (camelCase) and their columns. */
  columns: Record<string, string>;
  /** Read-only fields and their columns. */
  readOnly?: Record<string, string>;
  orderBy: string;
}

/** A row as the API shows it: the fields and the version behind its ETag. */
export type Row = Record<string, unknown> & { version: number };

export const UNITS: TableSpec = {
  what: 'unit',
  table: 'units',
  key: { field: 'code', column: 'code' },
  columns: {
    name: 'name',
    kind: 'kind',
    parentCode: 'parent_code',
    prefectureCounterpart: 'prefecture_counterpart',
    prefectureEmail: 'prefecture_email',
  },
  readOnly: { demo: 'demo', createdAt: 'created_at' },
  orderBy: 'created_at, code',
};

export const GRIDS: TableSpec = {
  what: 'grid',
  table: 'grids',
  key: { field: 'code', column: 'code' },
  columns: {
    unitCode: 'unit_code',
    name: 'name',
    kind: 'kind',
    parentGridCode: 'parent_grid_code',
    village: 'village',
    description: 'description',
    boundary: 'boundary',
  },
  readOnly: { demo: 'demo', createdAt: 'created_at', updatedAt: 'updated_at' },
  orderBy: 'unit_code, code',
};

export const KEY_POINTS: TableSpec = {
  what: 'key-point',
  table: 'key_points',
  key: { field: 'id', column: 'id' },
  columns: { gridCode: 'grid_code', name: 'name', lat: 'lat', lng: 'lng', description: 'description' },
  readOnly: { demo: 'demo', createdAt: 'created_at' },
  orderBy: 'grid_code, id',
};

export const MEMBERS: TableSpec = {
  what: 'member',
  table: 'members',
  key: { field: 'id', column: 'id' },
  columns: {
    unitCode: 'unit_code',
    gridCode: 'grid_code',
    name: 'name',
    roles: 'roles',
    phone: 'phone',
    email: 'email',
    publicContact: 'public_contact',
    isSectionCadre: 'is_section_cadre',
    post: 'post',
    public: 'public',
    active: 'active',
  },
  readOnly: { demo: 'demo', createdAt: 'created_at', updatedAt: 'updated_at' },
  orderBy: 'unit_code, name, id',
};

/** References that keep a unit or a grid from being deleted: table, column, and what they are (for the message). */
export const UNIT_REFERENCES: ReadonlyArray<[string, string, string]> = [
  ['units', 'parent_code', 'units'],
  ['grids', 'unit_code', 'grids'],
  ['members', 'unit_code', 'members'],
  ['responsibility_categories', 'owner_unit_code', 'responsibility categories'],
];
export const GRID_REFERENCES: ReadonlyArray<[string, string, string]> = [
  ['grids', 'parent_grid_code', 'sub-areas (分片)'],
  ['members', 'grid_code', 'members'],
  ['key_points', 'grid_code', 'key points'],
];

function selectList(spec: TableSpec): string {
  const all = { [spec.key.field]: spec.key.column, ...spec.columns, ...spec.readOnly, version: 'version' };
  return Object.entries(all)
    .map(([field, column]) => `${column} AS "${field}"`)
    .join(', ');
}

function column(spec: TableSpec, field: string): string | undefined {
  return field === spec.key.field ? spec.key.column : spec.columns[field];
}

/** G8: the unit a grid's duties fall to, as SQL over `grids`: a village unit's township, else its own unit. */
const BASE_UNIT_OF_GRID = `(SELECT CASE WHEN u.kind = 'village' AND u.parent_code IS NOT NULL THEN u.parent_code ELSE u.code END FROM units u WHERE u.code = grids.unit_code)`;

/** A unit as every reader of one unit needs it. */
export interface UnitRecord {
  code: string;
  name: string;
  kind: OrganisationUnitKind;
  parentCode: string | null;
  prefectureCounterpart: string | null;
  prefectureEmail: string | null;
}

/** A member as the token script, the consultations and the notification preferences look one up. */
export interface MemberRecord {
  id: string;
  name: string;
  unitCode: string;
  roles: MemberRole[];
  active: boolean;
  email: string | null;
}

/** Which active members to find; every field given must hold. */
export interface ActiveMemberFilter {
  id?: string;
  unit?: string;
  grid?: string;
  name?: string;
  /** Any of these roles. */
  roles?: readonly string[];
}

/** A recipient found in the organisation. */
export interface RecipientRow {
  id: string;
  name: string;
  unit_code: string;
}

/** A grid member of a unit's 作战图 (P9), with the phone only the unit's own people see. */
export interface BattleMapMemberDbRow {
  id: string;
  unit_code: string;
  grid_code: string | null;
  name: string;
  roles: string[];
  is_section_cadre: boolean;
  post: string | null;
  phone: string | null;
  public_contact: string | null;
}

/** One person as the public sees them (G5): no phone, no email, only what they chose to publish. */
export interface PublicPerson {
  name: string;
  /** Chinese role label(s), e.g. 网格员、直接负责人. */
  role: string;
  post: string | null;
  /** 公开联系方式 */
  contact: string | null;
}

export interface PublicGrid {
  code: string;
  name: string;
  kind: GridKind;
  kindLabel: string;
  unitCode: string;
  unitName: string;
  village: string | null;
  parentGridCode: string | null;
  /** The unit's 分网格长/副分网格长 or 网格长/副网格长. */
  heads: PublicPerson[];
  members: PublicPerson[];
}

function roleLabel(roles: readonly MemberRole[], post: string | null, only?: readonly MemberRole[]): string {
  return MEMBER_ROLES.filter((r) => roles.includes(r) && (!only || only.includes(r)))
    .map((r) =>
      r === 'public_welfare' && post && PUBLIC_WELFARE_POSTS.includes(post) ? post : ROLE_LABELS[r],
    )
    .join('、');
}

export interface ImportCounts {
  inserted: number;
  updated: number;
}

/** A member row of an import with the id it has, or will have, in the database. */
export interface ResolvedMember {
  row: MemberImportRow;
  id: string;
  exists: boolean;
}

/** Serialises imports: two at once would race on the same natural keys. */
const IMPORT_LOCK = 0x6f7267; // 'org'

function changed<T extends object>(current: T, values: Partial<T>): boolean {
  return (Object.keys(values) as Array<keyof T>).some(
    (key) => JSON.stringify(current[key]) !== JSON.stringify(values[key]),
  );
}

/**
 * 网格体系 (SPEC §1): units, grids, members and key points, and the responsibility catalog's table through the
 * generic row access the organisation API edits them with.
 */
export class OrganisationRepository {
  constructor(private readonly db: Db) {}

  /** An active member, else an active service account, with this id (who a token may name). */
  rosterEntry(id: string): Promise<RosterEntry | null> {
    return findRosterEntry(this.db, id);
  }

  /** The same repository inside the caller's transaction. */
  within(manager: EntityManager): OrganisationRepository {
    return new OrganisationRepository(manager);
  }

  // ── rows of the edited tables ──

  async page(
    spec: TableSpec,
    filters: Record<string, unknown>,
    page: number,
    pageSize: number,
  ): Promise<Page<Row>> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of Object.entries(filters)) {
      if (value === undefined) continue;
      params.push(value);
      conditions.push(`${column} = $${params.length}`);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const [{ total }] = await this.db.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM ${spec.table} ${where}`,
      params,
    );
    const items = await this.db.query<Row[]>(
      `SELECT ${selectList(spec)} FROM ${spec.table} ${where} ORDER BY ${spec.orderBy}
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { items, page, pageSize, total };
  }

  async find(spec: TableSpec, key: string): Promise<Row | undefined> {
    const [row] = await this.db.query<Row[]>(
      `SELECT ${selectList(spec)} FROM ${spec.table} WHERE ${spec.key.column} = $1`,
      [key],
    );
    return row;
  }

  /** What of `references` still points at the row keyed `value`, the first found; undefined when nothing does. */
  async referencedBy(
    references: ReadonlyArray<[string, string, string]>,
    value: unknown,
  ): Promise<string | undefined> {
    for (const [table, column, what] of references) {
      const rows = await this.db.query<unknown[]>(`SELECT 1 FROM ${table} WHERE ${column} = $1 LIMIT 1`, [
        value,
      ]);
      if (rows.length > 0) return what;
    }
    return undefined;
  }

  /** Inserts the fields that have a column; PostgreSQL's refusals are thrown as they come. */
  async insert(spec: TableSpec, values: Record<string, unknown>): Promise<void> {
    const entries = Object.entries(values).filter(
      ([field, value]) => value !== undefined && column(spec, field),
    );
    const columns = entries.map(([field]) => column(spec, field)!);
    await this.db.query(
      `INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      entries.map(([, value]) => value),
    );
  }

  /** Updates the row only if it is still at `version` (null: any); false when it was not. */
  async update(
    spec: TableSpec,
    key: string,
    version: number | null,
    values: Record<string, unknown>,
  ): Promise<boolean> {
    const entries = Object.entries(values).filter(
      ([field, value]) => value !== undefined && spec.columns[field],
    );
    const sets = entries.map(([field], i) => `${spec.columns[field]} = $${i + 3}`);
    // A no-op assignment still runs the trigger, so every accepted PATCH gives a new ETag.
    if (sets.length === 0) sets.push(`${spec.key.column} = ${spec.key.column}`);
    const result = await this.db.query<unknown>(
      `UPDATE ${spec.table} SET ${sets.join(', ')}
        WHERE ${spec.key.column} = $1 AND ($2::int IS NULL OR version = $2) RETURNING ${spec.key.column}`,
      [key, version, ...entries.map(([, value]) => value)],
    );
    return returnedRows<unknown>(result).length > 0;
  }

  /** Deletes the row only if it is still at `version`; false when it was not. */
  async remove(spec: TableSpec, key: string, version: number | null): Promise<boolean> {
    const result = await this.db.query<unknown>(
      `DELETE FROM ${spec.table} WHERE ${spec.key.column} = $1 AND ($2::int IS NULL OR version = $2)
        RETURNING ${spec.key.column}`,
      [key, version],
    );
    return returnedRows<unknown>(result).length > 0;
  }

  // ── the whole organisation ──

  /** The whole organisation as plain data, for the staffing rules (G1–G4) and the import's lookups. */
  async snapshot(): Promise<StaffingInput> {
    const units = await this.db.query<
      Array<{ code: string; name: string; kind: string; parent_code: string | null }>
    >(`SELECT code, name, kind, parent_code FROM units ORDER BY created_at, code`);
    const grids = await this.db.query<
      Array<{
        code: string;
        unit_code: string;
        name: string;
        kind: GridKind;
        parent_grid_code: string | null;
        village: string | null;
        has_area: boolean;
      }>
    >(
      `SELECT code, unit_code, name, kind, parent_grid_code, village, boundary IS NOT NULL AS has_area
         FROM grids ORDER BY unit_code, code`,
    );
    const members = await this.db.query<
      Array<{
        id: string;
        unit_code: string;
        grid_code: string | null;
        name: string;
        roles: MemberRole[];
        is_section_cadre: boolean;
        post: string | null;
        active: boolean;
      }>
    >(
      `SELECT id, unit_code, grid_code, name, roles, is_section_cadre, post, active FROM members ORDER BY id`,
    );
    return {
      units: units.map((u): OrganisationUnit => ({
        code: u.code,
        name: u.name,
        kind: u.kind as OrganisationUnit['kind'],
        parentCode: u.parent_code,
      })),
      grids: grids.map((g): OrganisationGrid => ({
        code: g.code,
        unitCode: g.unit_code,
        name: g.name,
        kind: g.kind,
        parentGridCode: g.parent_grid_code,
        village: g.village,
        hasArea: g.has_area,
      })),
      members: members.map((m): OrganisationMember => ({
        id: m.id,
        unitCode: m.unit_code,
        gridCode: m.grid_code,
        name: m.name,
        roles: m.roles,
        isSectionCadre: m.is_section_cadre,
        post: m.post,
        active: m.active,
      })),
    };
  }

  /** G6: every breach of G1–G4 in the organisation as stored. */
  async staffingReport(): Promise<StaffingFinding[]> {
    return checkStaffing(await this.snapshot());
  }

  /**
   * The organisation as the compliance rules (P1, P2, P5) read it. Inactive members too: whoever led a patrol
   * then still led it.
   */
  async complianceOrganisation(): Promise<Pick<ComplianceData, 'units' | 'grids' | 'keyPoints' | 'members'>> {
    // One after the other: inside a transaction they share one connection.
    const units = await this.db.query<
      Array<{ code: string; name: string; kind: OrganisationUnitKind; parentCode: string | null }>
    >(`SELECT code, name, kind, parent_code AS "parentCode" FROM units ORDER BY code`);
    const grids = await this.db.query<
      Array<{
        code: string;
        name: string;
        unit_code: string;
        kind: GridKind;
        parent_grid_code: string | null;
        created_at: Date;
      }>
    >(`SELECT code, name, unit_code, kind, parent_grid_code, created_at FROM grids ORDER BY code`);
    const keyPoints = await this.db.query<
      Array<{ id: string; name: string; grid_code: string; created_at: Date }>
    >(`SELECT id, name, grid_code, created_at FROM key_points ORDER BY id`);
    const members = await this.db.query<
      Array<{ id: string; unit_code: string; grid_code: string | null; roles: MemberRole[]; active: boolean }>
    >(`SELECT id, unit_code, grid_code, roles, active FROM members ORDER BY id`);
    return {
      units,
      grids: grids.map((g) => ({
        code: g.code,
        name: g.name,
        unitCode: g.unit_code,
        kind: g.kind,
        parentGridCode: g.parent_grid_code,
        createdAt: g.created_at.toISOString(),
      })),
      keyPoints: keyPoints.map((k) => ({
        id: k.id,
        name: k.name,
        gridCode: k.grid_code,
        createdAt: k.created_at.toISOString(),
      })),
      members: members.map((m) => ({
        id: m.id,
        unitCode: m.unit_code,
        gridCode: m.grid_code,
        roles: m.roles,
        active: m.active,
      })),
    };
  }

  /**
   * G5 (网格员信息公示): the public listing of grids with their heads and members. Only active members marked
   * public appear, and only their 公开联系方式; phone and email are never selected. Empty when the grid is unknown.
   */
  async publicGridListing(gridCode?: string): Promise<PublicGrid[]> {
    const grids = await this.db.query<
      Array<{
        code: string;
        name: string;
        kind: GridKind;
        unit_code: string;
        unit_name: string;
        village: string | null;
        parent_grid_code: string | null;
      }>
    >(
      `SELECT g.code, g.name, g.kind, g.unit_code, u.name AS unit_name, g.village, g.parent_grid_code
         FROM grids g JOIN units u ON u.code = g.unit_code
        WHERE ($1::text IS NULL OR g.code = $1)
        ORDER BY g.unit_code, g.code`,
      [gridCode ?? null],
    );
    if (grids.length === 0) return [];
    type Row = {
      grid_code: string | null;
      unit_code: string;
      name: string;
      roles: MemberRole[];
      post: string | null;
      public_contact: string | null;
    };
    const members = await this.db.query<Row[]>(
      `SELECT grid_code, unit_code, name, roles, post, public_contact FROM members
        WHERE active AND public AND grid_code = ANY($1::text[])
        ORDER BY ('direct_leader' = ANY(roles)) DESC, name, id`,
      [grids.map((g) => g.code)],
    );
    const heads = await this.db.query<Row[]>(
      `SELECT grid_code, unit_code, name, roles, post, public_contact FROM members
        WHERE active AND public AND unit_code = ANY($1::text[]) AND roles && $2::text[]
        ORDER BY name, id`,
      [[...new Set(grids.map((g) => g.unit_code))], [...UNIT_HEAD_ROLES]],
    );
    const person = (row: Row, only?: readonly MemberRole[]): PublicPerson => ({
      name: row.name,
      role: roleLabel(row.roles, row.post, only),
      post: row.post,
      contact: row.public_contact,
    });
    return grids.map((g) => ({
      code: g.code,
      name: g.name,
      kind: g.kind,
      kindLabel: GRID_KIND_LABELS[g.kind],
      unitCode: g.unit_code,
      unitName: g.unit_name,
      village: g.village,
      parentGridCode: g.parent_grid_code,
      heads: heads.filter((h) => h.unit_code === g.unit_code).map((h) => person(h, UNIT_HEAD_ROLES)),
      members: members.filter((m) => m.grid_code === g.code).map((m) => person(m)),
    }));
  }

  // ── units ──

  /** One unit, or undefined. */
  async unit(code: string): Promise<UnitRecord | undefined> {
    const [row] = await this.db.query<
      Array<{
        code: string;
        name: string;
        kind: OrganisationUnitKind;
        parent_code: string | null;
        prefecture_counterpart: string | null;
        prefecture_email: string | null;
      }>
    >(
      `SELECT code, name, kind, parent_code, prefecture_counterpart, prefecture_email FROM units WHERE code = $1`,
      [code],
    );
    return row
      ? {
          code: row.code,
          name: row.name,
          kind: row.kind,
          parentCode: row.parent_code,
          prefectureCounterpart: row.prefecture_counterpart,
          prefectureEmail: row.prefecture_email,
        }
      : undefined;
  }

  /** The units of these kinds, by code (or by kind, then code). */
  unitsOfKinds(
    kinds: readonly string[],
    order: 'code' | 'kind, code' = 'code',
  ): Promise<Array<{ code: string; name: string; kind: OrganisationUnitKind }>> {
    return this.db.query(`SELECT code, name, kind FROM units WHERE kind = ANY($1) ORDER BY ${order}`, [
      kinds,
    ]);
  }

  /** Every unit's name by its code. */
  async unitNames(): Promise<Map<string, string>> {
    const units = await this.db.query<Array<{ code: string; name: string }>>(`SELECT code, name FROM units`);
    return new Map(units.map((unit) => [unit.code, unit.name]));
  }

  /** Which of these codes are township-level units. */
  async townshipCodes(codes: readonly string[]): Promise<Set<string>> {
    const rows = await this.db.query<Array<{ code: string }>>(
      `SELECT code FROM units WHERE kind = 'township' AND code = ANY($1::text[])`,
      [codes],
    );
    return new Set(rows.map((r) => r.code));
  }

  /** Which of these codes are base units (G9): townships and the industrial park, an issue's 属地. */
  async baseUnitCodes(codes: readonly string[]): Promise<Set<string>> {
    const rows = await this.db.query<Array<{ code: string }>>(
      `SELECT code FROM units WHERE kind = ANY($2::text[]) AND code = ANY($1::text[])`,
      [codes, BASE_UNIT_KINDS],
    );
    return new Set(rows.map((r) => r.code));
  }

  // ── areas (定区域, G7) ──

  /** Every grid as placing a point reads it: its area and the base unit it belongs to. */
  async placementGrids(): Promise<PlacementGrid[]> {
    const units = await this.db.query<
      Array<{ code: string; kind: OrganisationUnitKind; parent_code: string | null }>
    >(`SELECT code, kind, parent_code FROM units`);
    const byCode = new Map(units.map((u) => [u.code, { kind: u.kind, parentCode: u.parent_code }]));
    const grids = await this.db.query<
      Array<{ code: string; kind: GridKind; unit_code: string; boundary: AreaGeometry }>
    >(`SELECT code, kind, unit_code, boundary FROM grids WHERE boundary IS NOT NULL ORDER BY code`);
    return grids.map((g) => ({
      code: g.code,
      kind: g.kind,
      unitCode: g.unit_code,
      baseUnitCode: baseUnitOf(g.unit_code, byCode),
      area: g.boundary,
    }));
  }

  /** A grid with the base unit (township or park) it belongs to, null for a department's grid (G7, G9). */
  async gridTerritory(
    code: string,
  ): Promise<
    { code: string; kind: GridKind; parentGridCode: string | null; baseUnitCode: string | null } | undefined
  > {
    const [row] = await this.db.query<
      Array<{
        code: string;
        kind: GridKind;
        parent_grid_code: string | null;
        unit_code: string;
        unit_kind: OrganisationUnitKind;
        unit_parent: string | null;
        parent_kind: OrganisationUnitKind | null;
      }>
    >(
      `SELECT g.code, g.kind, g.parent_grid_code, u.code AS unit_code, u.kind AS unit_kind,
              u.parent_code AS unit_parent, p.kind AS parent_kind
         FROM grids g JOIN units u ON u.code = g.unit_code LEFT JOIN units p ON p.code = u.parent_code
        WHERE g.code = $1`,
      [code],
    );
    if (!row) return undefined;
    const units = new Map([[row.unit_code, { kind: row.unit_kind, parentCode: row.unit_parent }]]);
    if (row.unit_parent && row.parent_kind)
      units.set(row.unit_parent, { kind: row.parent_kind, parentCode: null });
    return {
      code: row.code,
      kind: row.kind,
      parentGridCode: row.parent_grid_code,
      baseUnitCode: baseUnitOf(row.unit_code, units),
    };
  }

  /** The unit's grids whose area holds the point (G7): a department's own grid where an issue is. */
  async unitGridsAt(unit: string, point: { lat: number; lng: number }): Promise<string[]> {
    const grids = await this.db.query<Array<{ code: string; boundary: AreaGeometry }>>(
      `SELECT code, boundary FROM grids WHERE unit_code = $1 AND boundary IS NOT NULL AND kind <> 'sub_area'
        ORDER BY code`,
      [unit],
    );
    return grids.filter((g) => areaContains(g.boundary, point)).map((g) => g.code);
  }

  /** A grid's or a unit's area with the version behind its ETag; undefined when there is no such row. */
  async area(
    what: 'grid' | 'unit',
    code: string,
  ): Promise<{ boundary: AreaGeometry | null; version: number } | undefined> {
    const [row] = await this.db.query<Array<{ boundary: AreaGeometry | null; version: number }>>(
      `SELECT boundary, version FROM ${what === 'grid' ? 'grids' : 'units'} WHERE code = $1`,
      [code],
    );
    return row;
  }

  /** Every grid with the fields the nesting check (G7) reads, and every unit's area. */
  async areaTree(): Promise<{ grids: NestingGrid[]; unitAreas: Map<string, AreaGeometry> }> {
    const grids = await this.db.query<
      Array<{
        code: string;
        unit_code: string;
        kind: GridKind;
        parent_grid_code: string | null;
        boundary: AreaGeometry | null;
      }>
    >(`SELECT code, unit_code, kind, parent_grid_code, boundary FROM grids ORDER BY code`);
    const units = await this.db.query<Array<{ code: string; boundary: AreaGeometry }>>(
      `SELECT code, boundary FROM units WHERE boundary IS NOT NULL`,
    );
    return {
      grids: grids.map((g) => ({
        code: g.code,
        unitCode: g.unit_code,
        kind: g.kind,
        parentGridCode: g.parent_grid_code,
        area: g.boundary,
      })),
      unitAreas: new Map(units.map((u) => [u.code, u.boundary])),
    };
  }

  /**
   * Sets a grid's or a unit's area if the row is still at `version` (null: any); false when it was not. Only a
   * changed area is written, so a repeated import keeps the ETag.
   */
  async setArea(
    what: 'grid' | 'unit',
    code: string,
    version: number | null,
    boundary: AreaGeometry | null,
  ): Promise<boolean> {
    const result = await this.db.query<unknown>(
      `UPDATE ${what === 'grid' ? 'grids' : 'units'} SET boundary = $3::jsonb
        WHERE code = $1 AND ($2::int IS NULL OR version = $2) AND boundary IS DISTINCT FROM $3::jsonb
        RETURNING code`,
      [code, version, boundary === null ? null : JSON.stringify(boundary)],
    );
    return returnedRows<unknown>(result).length > 0;
  }

  // ── grids ──

  async grid(
    code: string,
  ): Promise<{ code: string; name: string; unit_code: string; parent_grid_code: string | null } | undefined> {
    const [grid] = await this.db.query<
      Array<{ code: string; name: string; unit_code: string; parent_grid_code: string | null }>
    >(`SELECT code, name, unit_code, parent_grid_code FROM grids WHERE code = $1`, [code]);
    return grid;
  }

  /** The codes of a village grid's 分片. */
  async subAreaCodes(code: string): Promise<string[]> {
    const rows = await this.db.query<Array<{ code: string }>>(
      `SELECT code FROM grids WHERE parent_grid_code = $1`,
      [code],
    );
    return rows.map((s) => s.code);
  }

  /** The unit's grids (分片 are parts of a village grid, not grids of their own) that existed in the period. */
  reportGrids(unit: string, period: Period): Promise<GridRecord[]> {
    // G8: a village unit's grids are its township's.
    return this.db.query<GridRecord[]>(
      `SELECT code, name FROM grids WHERE ${BASE_UNIT_OF_GRID} = $1 AND kind <> 'sub_area' AND created_at < $2
        ORDER BY code`,
      [unit, period.end],
    );
  }

  /** Every unit's grids (分片 not counted) that existed in the period. */
  allReportGrids(period: Period): Promise<Array<GridRecord & { unitCode: string }>> {
    return this.db.query(
      `SELECT code, name, ${BASE_UNIT_OF_GRID} AS "unitCode" FROM grids
        WHERE kind <> 'sub_area' AND created_at < $1 ORDER BY code`,
      [period.end],
    );
  }

  /** A unit's grids as its 作战图 shows them. */
  /** Grids that have a boundary, for the maps. */
  gridBoundaries(): Promise<
    Array<{
      code: string;
      name: string;
      unit_code: string;
      kind: GridKind;
      boundary: Record<string, unknown>;
    }>
  > {
    return this.db.query(
      `SELECT code, name, unit_code, kind, boundary FROM grids WHERE boundary IS NOT NULL ORDER BY unit_code, code`,
    );
  }

  gridsOfUnit(unit: string): Promise<
    Array<{
      code: string;
      unit_code: string;
      name: string;
      kind: GridKind;
      parent_grid_code: string | null;
      village: string | null;
      description: string;
    }>
  > {
    return this.db.query(
      `SELECT code, unit_code, name, kind, parent_grid_code, village, description FROM grids
        WHERE ${BASE_UNIT_OF_GRID} = $1`,
      [unit],
    );
  }

  /** Grids as the year's assessment counts them: of one unit, or of all. */
  assessedGrids(unit: string | null): Promise<
    Array<{
      code: string;
      unit_code: string;
      kind: 'sector' | 'village' | 'sub_area';
      parent_grid_code: string | null;
      created_at: Date;
    }>
  > {
    return this.db.query(
      `SELECT code, ${BASE_UNIT_OF_GRID} AS unit_code, kind, parent_grid_code, created_at FROM grids
        WHERE ($1::text IS NULL OR ${BASE_UNIT_OF_GRID} = $1)`,
      [unit],
    );
  }

  // ── key points ──

  /** The key points of these ids that exist. */
  keyPoints(ids: readonly string[]): Promise<Array<{ id: string; name: string; grid_code: string }>> {
    return this.db.query(`SELECT id, name, grid_code FROM key_points WHERE id = ANY($1::text[])`, [ids]);
  }

  /** The key points of a unit's grids, as its 作战图 shows them. */
  keyPointsOfUnit(unit: string): Promise<
    Array<{
      id: string;
      grid_code: string;
      name: string;
      lat: number | null;
      lng: number | null;
      description: string;
    }>
  > {
    return this.db.query(
      `SELECT k.id, k.grid_code, k.name, k.lat, k.lng, k.description FROM key_points k
        WHERE k.grid_code IN (SELECT code FROM grids WHERE ${BASE_UNIT_OF_GRID} = $1)`,
      [unit],
    );
  }

  /** Key points as the year's assessment counts them: of one unit's grids, or of all. */
  assessedKeyPoints(
    unit: string | null,
  ): Promise<Array<{ id: string; grid_code: string; unit_code: string; created_at: Date }>> {
    return this.db.query(
      `SELECT k.id, k.grid_code, g.unit_code, k.created_at FROM key_points k JOIN grids g ON g.code = k.grid_code
       WHERE ($1::text IS NULL OR g.unit_code = $1)`,
      [unit],
    );
  }

  // ── members ──

  /** One member, active or not, or undefined. */
  async member(id: string): Promise<MemberRecord | undefined> {
    const [row] = await this.db.query<
      Array<{
        id: string;
        name: string;
        unit_code: string;
        roles: MemberRole[];
        active: boolean;
        email: string | null;
      }>
    >(`SELECT id, name, unit_code, roles, active, email FROM members WHERE id = $1`, [id]);
    return row
      ? {
          id: row.id,
          name: row.name,
          unitCode: row.unit_code,
          roles: row.roles,
          active: row.active,
          email: row.email,
        }
      : undefined;
  }

  /** The members of these ids that exist, active or not. */
  members(ids: readonly string[]): Promise<
    Array<{
      id: string;
      name: string;
      unit_code: string;
      grid_code: string | null;
      roles: MemberRole[];
      active: boolean;
    }>
  > {
    return this.db.query(
      `SELECT id, name, unit_code, grid_code, roles, active FROM members WHERE id = ANY($1::text[])`,
      [ids],
    );
  }

  /** The active members that match, by id: the recipients of a notice's audience (SPEC §1). */
  activeMembers(filter: ActiveMemberFilter): Promise<RecipientRow[]> {
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = ['active'];
    if (filter.id !== undefined) where.push(`id = ${param(filter.id)}`);
    if (filter.name !== undefined) where.push(`name = ${param(filter.name)}`);
    if (filter.unit !== undefined) where.push(`unit_code = ${param(filter.unit)}`);
    if (filter.grid !== undefined) where.push(`grid_code = ${param(filter.grid)}`);
    if (filter.roles !== undefined) where.push(`roles && ${param(filter.roles)}::text[]`);
    return this.db.query<RecipientRow[]>(
      `SELECT id, name, unit_code FROM members WHERE ${where.join(' AND ')} ORDER BY id`,
      params,
    );
  }

  /** The active members of a unit's 作战图: its own, and whoever works in one of its grids. */
  activeMembersWorkingFor(unit: string): Promise<BattleMapMemberDbRow[]> {
    // Grid members can belong to another unit (a village's 支部书记 in the township's village grid).
    return this.db.query<BattleMapMemberDbRow[]>(
      `SELECT id, unit_code, grid_code, name, roles, is_section_cadre, post, phone, public_contact FROM members
       WHERE active AND (unit_code = $1 OR grid_code IN (SELECT code FROM grids WHERE unit_code = $1))`,
      [unit],
    );
  }

  // ── the import of grids and members ──

  /** Takes the import lock for the rest of the caller's transaction. */
  async lockImports(): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock($1)`, [IMPORT_LOCK]);
  }

  /** The ids of the members an import row names: by 编号, else by unit + name (+ phone when the sheet has it). */
  async importedMemberIds(row: MemberImportRow): Promise<string[]> {
    if (row.externalId) {
      const rows = await this.db.query<Array<{ id: string }>>(`SELECT id FROM members WHERE id = $1`, [
        row.externalId,
      ]);
      return rows.map((r) => r.id);
    }
    // Without a 联系电话 column the phone is not part of the key: unit + name must then be unique.
    const byPhone = row.present.includes('phone');
    const found = await this.db.query<Array<{ id: string }>>(
      `SELECT id FROM members WHERE unit_code = $1 AND name = $2 AND ($3::boolean IS FALSE OR phone IS NOT DISTINCT FROM $4)
       ORDER BY id`,
      [row.unitCode, row.name, byPhone, row.phone],
    );
    return found.map((r) => r.id);
  }

  /** Inserts new grids and updates changed ones; columns the sheet lacks are left as they are. */
  async writeImportedGrids(rows: readonly GridImportRow[]): Promise<ImportCounts> {
    const counts: ImportCounts = { inserted: 0, updated: 0 };
    // Village grids before their 分片, so each row's parent exists when it is written.
    const ordered = [...rows].sort((a, b) => Number(a.kind === 'sub_area') - Number(b.kind === 'sub_area'));
    const repository = this.db.getRepository(GridEntity);
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

  /** Inserts new members and updates changed ones; columns the sheet lacks are left as they are. */
  async writeImportedMembers(members: readonly ResolvedMember[]): Promise<ImportCounts> {
    const counts: ImportCounts = { inserted: 0, updated: 0 };
    const repository = this.db.getRepository(MemberEntity);
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
}

/** G6: every breach of G1–G4 in the organisation as stored. */
export function staffingReport(db: Db): Promise<StaffingFinding[]> {
  return new OrganisationRepository(db).staffingReport();
}

/** G5: the public listing of grids (one grid's with `gridCode`). */
export function publicGridListing(db: Db, gridCode?: string): Promise<PublicGrid[]> {
  return new OrganisationRepository(db).publicGridListing(gridCode);
}
