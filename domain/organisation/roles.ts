/**
 * Who is who in the grid system (SPEC §1, seed 二): the members' roles and their Chinese names, the groups of roles
 * the rules speak of (county heads, a unit's heads, grid heads), and the predicates every layer decides with.
 */
import type { Party } from '../process/issue-process.definition';

/** Roles a member can hold in the grid system (SPEC §1). */
export const MEMBER_ROLES = [
  'chief', // 总网格长
  'deputy_chief', // 副总网格长
  'liaison', // 网格信息联络人员
  'sector_head', // 分网格长
  'sector_deputy', // 副分网格长
  'grid_head', // 网格长 (township)
  'grid_deputy', // 副网格长 (township)
  'grid_member', // 网格员
  'direct_leader', // 直接负责人 (a 科级干部 grid member)
  'village_member', // 村级网格员
  'public_welfare', // 护林员 / 保洁员 / 管水员
  'office_staff', // 县环委办 staff
  'signoff_officer', // 销号签字人: a member the unit designates to sign closures (L6)
] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Chinese labels of the roles, as published (G5) and as a county office writes them in a spreadsheet. */
export const ROLE_LABELS: Record<MemberRole, string> = {
  chief: '总网格长',
  deputy_chief: '副总网格长',
  liaison: '网格信息联络人员',
  sector_head: '分网格长',
  sector_deputy: '副分网格长',
  grid_head: '网格长',
  grid_deputy: '副网格长',
  grid_member: '网格员',
  direct_leader: '直接负责人',
  village_member: '村级网格员',
  public_welfare: '公益性岗位',
  office_staff: '县环委办工作人员',
  signoff_officer: '销号签字人',
};

/** The county heads: 总网格长 and 副总网格长. */
export const COUNTY_HEAD_ROLES: readonly MemberRole[] = ['chief', 'deputy_chief'];

/** A unit's heads: 分网格长/副分网格长 of a department, 网格长/副网格长 of a township. */
export const UNIT_HEAD_ROLES: readonly MemberRole[] = [
  'sector_head',
  'sector_deputy',
  'grid_head',
  'grid_deputy',
];

/** A unit's first head (分网格长 or 网格长), without the deputies. */
export const UNIT_PRINCIPAL_ROLES: readonly MemberRole[] = ['sector_head', 'grid_head'];

/** A unit's deputy heads (副分网格长 or 副网格长). */
export const UNIT_DEPUTY_ROLES: readonly MemberRole[] = ['sector_deputy', 'grid_deputy'];

/** Grid heads: the county 总网格长/副总网格长, a department's 分网格长/副分网格长, a township's 网格长/副网格长. */
export const GRID_HEAD_ROLES: readonly MemberRole[] = [...COUNTY_HEAD_ROLES, ...UNIT_HEAD_ROLES];

/** Who leads an owner unit's work on an issue: a grid's 直接负责人 or a unit's heads. */
export const LEADER_ROLES: readonly MemberRole[] = ['direct_leader', ...UNIT_HEAD_ROLES];

/** L6 (v3): who signs a 销号 for a unit: its heads, or a member it designated for sign-off. */
export const SIGN_OFF_ROLES: readonly MemberRole[] = [...UNIT_HEAD_ROLES, 'signoff_officer'];

/** Whether any of `roles` is in `group`; rows read from the database carry roles as plain strings. */
export function holdsAny(roles: readonly string[], group: readonly MemberRole[]): boolean {
  return roles.some((role) => (group as readonly string[]).includes(role));
}

/** Who takes an action. The API builds it from the bearer token, never from the request body. */
export interface Actor {
  id: string;
  name: string;
  unitCode: string;
  roles: MemberRole[];
}

/** The county-level facts the workflow needs to decide who is who. */
export interface OrganisationFacts {
  /** Unit code of 县环委办. */
  ecoOffice: string;
  /** Chinese names of the county's units by code, so notices name units as people know them (definition 3 on). */
  unitNames?: Readonly<Record<string, string>>;
}

export const DEFAULT_ORGANISATION: OrganisationFacts = { ecoOffice: 'ECO' };

/** 总网格长 or 副总网格长. */
export function isCountyHead(actor: { roles: readonly string[] }): boolean {
  return holdsAny(actor.roles, COUNTY_HEAD_ROLES);
}

/** A member of 县环委办, the county's environment committee office. */
export function isEcoOffice(
  actor: { unitCode: string },
  organisation: OrganisationFacts = DEFAULT_ORGANISATION,
): boolean {
  return actor.unitCode === organisation.ecoOffice;
}

/** 县环委办 and the county heads see the whole county: every issue, ledger, report and record. */
export function isCountyWide(actor: Actor): boolean {
  return isEcoOffice(actor) || isCountyHead(actor);
}

/** A head or deputy head of some unit (分网格长/副分网格长, 网格长/副网格长). */
export function isUnitHead(roles: readonly string[]): boolean {
  return holdsAny(roles, UNIT_HEAD_ROLES);
}

/** A head or deputy head of this very unit. */
export function isUnitHeadOf(
  actor: { unitCode: string; roles: readonly string[] },
  unitCode: string,
): boolean {
  return actor.unitCode === unitCode && isUnitHead(actor.roles);
}

/** The principal head of this very unit (分网格长 or 网格长), not a deputy: the seed's 单位主要领导. */
export function isUnitPrincipalOf(
  actor: { unitCode: string; roles: readonly string[] },
  unitCode: string,
): boolean {
  return actor.unitCode === unitCode && holdsAny(actor.roles, UNIT_PRINCIPAL_ROLES);
}

/** P5: a consultation is held by a grid head (county, department or township level). */
export function mayConvene(roles: readonly MemberRole[]): boolean {
  return holdsAny(roles, GRID_HEAD_ROLES);
}

/** Unit heads' title as the county writes it: departments have 分网格长, townships 网格长. */
export function unitHeadTitle(unitKind: string): string {
  return unitKind === 'township' ? ROLE_LABELS.grid_head : ROLE_LABELS.sector_head;
}

/** The roles an approver signs with, highest first (SPEC P3 审定). */
const SIGNING_ROLES: readonly MemberRole[] = [
  'chief',
  'deputy_chief',
  'sector_head',
  'grid_head',
  'sector_deputy',
  'grid_deputy',
];

/** How an approver signs: the highest role they hold, else 审定人. */
export function approverTitle(actor: Actor): string {
  const role = SIGNING_ROLES.find((r) => actor.roles.includes(r));
  return role ? ROLE_LABELS[role] : '审定人';
}

/** What the workflow knows about the issue when deciding an actor's parties. */
export interface PartyContext {
  finderUnit: string;
  owner: string | null;
  sectorOwner: string;
  territorialOwner: string;
  transferTarget: string | null;
  /** Units of a running joint investigation. */
  jointUnits: string[];
  organisation: OrganisationFacts;
  /** L22: the unit a river-chief finding is dispatched by, or a forest-chief finding cooperated on by. */
  routing?: { unit: string; duty: 'dispatch' | 'cooperate' };
}

/** The parties (relative to this issue) an actor belongs to. */
export function partiesOf(actor: Actor, ctx: PartyContext): Set<Party> {
  const parties = new Set<Party>();
  if (actor.unitCode === ctx.finderUnit) parties.add('finder');
  if (ctx.owner && actor.unitCode === ctx.owner) {
    parties.add('owner');
    if (holdsAny(actor.roles, LEADER_ROLES)) parties.add('owner_leader');
  }
  if (actor.unitCode === ctx.sectorOwner) parties.add('sector_owner');
  if (actor.unitCode === ctx.territorialOwner) parties.add('territorial_owner');
  if (ctx.transferTarget && actor.unitCode === ctx.transferTarget) parties.add('transfer_target');
  if (ctx.jointUnits.includes(actor.unitCode)) parties.add('joint_unit');
  if (actor.unitCode === ctx.organisation.ecoOffice) parties.add('eco_office');
  if (isCountyHead(actor)) parties.add('county_head');
  if (ctx.routing && actor.unitCode === ctx.routing.unit)
    parties.add(ctx.routing.duty === 'dispatch' ? 'dispatcher' : 'cooperator');
  return parties;
}
