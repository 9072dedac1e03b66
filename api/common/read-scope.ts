import { isCountyHead, type Actor } from '../../domain/organisation/roles';
import type { IssueState } from '../../domain/issue/issue.types';

/**
 * Who may read an issue, decided from its live state: the units related to it (finder, owner, sector and
 * territorial owners, every transfer target, the joint-investigation units), 县环委办 and the county heads.
 */
export function canReadIssue(actor: Actor, state: IssueState): boolean {
  if (isCountyHead(actor)) return true;
  const related = new Set<string>([
    state.organisation.ecoOffice,
    state.report.finderUnit,
    state.sectorOwner,
    state.territorialOwner,
    ...(state.owner ? [state.owner] : []),
    ...state.transfers.map((transfer) => transfer.toUnit),
    ...(state.jointInvestigation?.tasks.map((task) => task.unit) ?? []),
    ...(state.routing ? [state.routing.unit] : []),
  ]);
  return related.has(actor.unitCode);
}
