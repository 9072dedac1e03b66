import { isCountyHead, isEcoOffice, type Actor } from '../../domain/organisation/roles';
import type { UnitKind } from '../../persistence/entities/unit.entity';
import type { RosterEntry } from '../../persistence/repositories/roster.repository';
import type { Locale } from '../common/locale';
import { canManageUnit } from '../common/access';

/** Who is signed in, as the console shows them and decides its menus. */
export interface Me {
  id: string;
  name: string;
  unitCode: string;
  unitName: string;
  unitKind: UnitKind;
  roles: string[];
  gridCode: string | null;
  scopes: string[];
  mustChangePassword: boolean;
  locale: Locale;
}

/**
 * What the actor may see and manage, derived from the same rules the API enforces: `unit:<code>` (their unit's
 * ledgers, reports, inbox), `county` (every unit's, for 县环委办 and the county heads), `organisation:<code>` or
 * `organisation:*` (may change that unit's grids, key points and members, or every unit's).
 */
export function scopesOf(actor: Actor): string[] {
  const scopes = [`unit:${actor.unitCode}`];
  if (isEcoOffice(actor) || isCountyHead(actor)) scopes.push('county');
  if (isEcoOffice(actor)) scopes.push('organisation:*');
  else if (canManageUnit(actor, actor.unitCode)) scopes.push(`organisation:${actor.unitCode}`);
  return scopes;
}

export function meOf(entry: RosterEntry, actor: Actor, mustChangePassword: boolean, locale: Locale): Me {
  return {
    id: entry.id,
    name: entry.name,
    unitCode: entry.unitCode,
    unitName: entry.unitName,
    unitKind: entry.unitKind,
    roles: [...entry.roles],
    gridCode: entry.gridCode,
    scopes: scopesOf(actor),
    mustChangePassword,
    locale,
  };
}
