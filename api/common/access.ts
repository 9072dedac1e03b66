import { isEcoOffice, isUnitHeadOf, type Actor } from '../../domain/organisation/roles';
import { forbidden } from './problem-factories';

/** 县环委办 manages everything; a unit's heads manage their own unit's grids, key points and members. */
export function canManageUnit(actor: Actor, unitCode: string): boolean {
  return isEcoOffice(actor) || isUnitHeadOf(actor, unitCode);
}

/** 403 unless the actor may manage every one of these units. */
export function assertManages(actor: Actor, ...unitCodes: string[]): void {
  for (const unit of new Set(unitCodes)) {
    if (!canManageUnit(actor, unit))
      throw forbidden(
        'actor-not-permitted',
        `Only 县环委办 or the heads of unit ${unit} (分网格长/副分网格长, 网格长/副网格长) may change its organisation.`,
      );
  }
}

export function assertEcoOffice(actor: Actor, what: string): void {
  if (!isEcoOffice(actor)) throw forbidden('actor-not-permitted', `Only 县环委办 may ${what}.`);
}
