import type { DataSource, EntityManager } from 'typeorm';
import { MEMBER_ROLES, ROLE_LABELS, UNIT_HEAD_ROLES, type MemberRole } from '../../domain/organisation/roles';
import {
  GRID_KIND_LABELS,
  PUBLIC_WELFARE_POSTS,
  type GridKind,
  type OrganisationGrid,
  type OrganisationMember,
  type OrganisationUnit,
} from '../../domain/organisation/organisation.types';
import { checkStaffing, type StaffingFinding, type StaffingInput } from '../../domain/organisation/staffing';

/** The whole organisation as plain data, for the staffing rules (G1–G4) and the import's lookups. */
export async function loadOrganisation(db: DataSource | EntityManager): Promise<StaffingInput> {
  const units = await db.query<
    Array<{ code: string; name: string; kind: string; parent_code: string | null }>
  >(`SELECT code, name, kind, parent_code FROM units ORDER BY created_at, code`);
  const grids = await db.query<
    Array<{
      code: string;
      unit_code: string;
      name: string;
      kind: GridKind;
      parent_grid_code: string | null;
      village: string | null;
    }>
  >(`SELECT code, unit_code, name, kind, parent_grid_code, village FROM grids ORDER BY unit_code, code`);
  const members = await db.query<
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
  >(`SELECT id, unit_code, grid_code, name, roles, is_section_cadre, post, active FROM members ORDER BY id`);
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
export async function staffingReport(dataSource: DataSource): Promise<StaffingFinding[]> {
  return checkStaffing(await loadOrganisation(dataSource));
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

/**
 * G5 (网格员信息公示): the public listing of grids with their heads and members. Only active members marked
 * public appear, and only their 公开联系方式; phone and email are never selected. Empty when the grid is unknown.
 */
export async function publicGridListing(dataSource: DataSource, gridCode?: string): Promise<PublicGrid[]> {
  const grids = await dataSource.query<
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
  const members = await dataSource.query<Row[]>(
    `SELECT grid_code, unit_code, name, roles, post, public_contact FROM members
      WHERE active AND public AND grid_code = ANY($1::text[])
      ORDER BY ('direct_leader' = ANY(roles)) DESC, name, id`,
    [grids.map((g) => g.code)],
  );
  const heads = await dataSource.query<Row[]>(
    `SELECT grid_code, unit_code, name, roles, post, public_contact FROM members
      WHERE active AND public AND unit_code = ANY($1::text[]) AND roles && $2::text[]
      ORDER BY name, id`,
    [[...new Set(grids.map((g) => g.unit_code))], UNIT_HEAD_ROLES],
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
