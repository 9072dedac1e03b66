import type { IssueState } from '../issue.types';
import type { LifecycleContext } from './context';
import type { EventDraft, LedgerChange } from './events';
import { dueIn, openObligation } from './obligations';

/** A unit takes responsibility for rectification (L3 acceptance, 县环委办 assignment, own duties). */
export function setOwner(
  state: IssueState,
  ctx: LifecycleContext,
  unit: string,
  by: { name: string; unit: string },
): EventDraft[] {
  const accepted = takeOwnership(state, unit, by);
  state.status = 'accepted';
  openObligation(state, ctx, 'plan', unit, dueIn(ctx, state.policy.planDueWorkingDays));
  return [accepted];
}

/** The unit becomes the owner; one that is neither owner of the ledgers takes the sector owner's place (L6). */
export function takeOwnership(
  state: IssueState,
  unit: string,
  by: { name: string; unit: string },
): EventDraft {
  state.owner = unit;
  const ledger: LedgerChange[] = [];
  // An owner that is neither of the two takes the sector owner's place in the ledgers (L6).
  if (unit !== state.territorialOwner && unit !== state.sectorOwner) {
    ledger.push({ op: 'close', unit: state.sectorOwner, role: 'sector_owner' });
    state.sectorOwner = unit;
  }
  ledger.push({ op: 'open', unit: state.sectorOwner, role: 'sector_owner' });
  return {
    type: 'owner_accepted',
    actor: by.name,
    actorUnit: by.unit,
    payload: { owner: unit, sectorOwner: state.sectorOwner, territorialOwner: state.territorialOwner },
    notices: [],
    ledger,
  };
}

/** The unit responsible for rectification: set in every state after acceptance (setOwner, reopenIssue). */
export const ownerOf = (state: IssueState): string => state.owner!;
