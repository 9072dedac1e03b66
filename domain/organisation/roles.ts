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
] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

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
}

export const DEFAULT_ORGANISATION: OrganisationFacts = { ecoOffice: 'ECO' };

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
}

const LEADER_ROLES: readonly MemberRole[] = [
  'direct_leader',
  'sector_head',
  'sector_deputy',
  'grid_head',
  'grid_deputy',
];

/** The parties (relative to this issue) an actor belongs to. */
export function partiesOf(actor: Actor, ctx: PartyContext): Set<Party> {
  const parties = new Set<Party>();
  if (actor.unitCode === ctx.finderUnit) parties.add('finder');
  if (ctx.owner && actor.unitCode === ctx.owner) {
    parties.add('owner');
    if (actor.roles.some((role) => LEADER_ROLES.includes(role))) parties.add('owner_leader');
  }
  if (actor.unitCode === ctx.sectorOwner) parties.add('sector_owner');
  if (actor.unitCode === ctx.territorialOwner) parties.add('territorial_owner');
  if (ctx.transferTarget && actor.unitCode === ctx.transferTarget) parties.add('transfer_target');
  if (ctx.jointUnits.includes(actor.unitCode)) parties.add('joint_unit');
  if (actor.unitCode === ctx.organisation.ecoOffice) parties.add('eco_office');
  if (actor.roles.includes('chief') || actor.roles.includes('deputy_chief')) parties.add('county_head');
  return parties;
}
