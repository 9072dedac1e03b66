import type { Actor, MemberRole } from '../../domain/organisation/roles';
import { DEFAULT_ORGANISATION } from '../../domain/organisation/roles';
import { OrganisationErrors } from './organisation.errors';

/** A unit's heads: 分网格长/副分网格长 of a department, 网格长/副网格长 of a township. */
const UNIT_HEAD_ROLES: readonly MemberRole[] = ['sector_head', 'sector_deputy', 'grid_head', 'grid_deputy'];

export const isEcoOffice = (actor: Actor): boolean => actor.unitCode === DEFAULT_ORGANISATION.ecoOffice;

export const isCountyHead = (actor: Actor): boolean =>
  actor.roles.includes('chief') || actor.roles.includes('deputy_chief');

/** 县环委办 manages everything; a unit's heads manage their own unit's grids, key points and members. */
export function canManageUnit(actor: Actor, unitCode: string): boolean {
  return (
    isEcoOffice(actor) ||
    (actor.unitCode === unitCode && actor.roles.some((r) => UNIT_HEAD_ROLES.includes(r)))
  );
}

/** 403 unless the actor may manage every one of these units. */
export function assertManages(actor: Actor, ...unitCodes: string[]): void {
  for (const unit of new Set(unitCodes)) {
    if (!canManageUnit(actor, unit))
      throw OrganisationErrors.forbidden(
        `Only 县环委办 or the heads of unit ${unit} (分网格长/副分网格长, 网格长/副网格长) may change its organisation.`,
      );
  }
}

export function assertEcoOffice(actor: Actor, what: string): void {
  if (!isEcoOffice(actor)) throw OrganisationErrors.forbidden(`Only 县环委办 may ${what}.`);
}
