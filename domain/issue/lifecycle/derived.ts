import type { IssueState, IssueStatus } from '../issue.types';

/** The owner, and 县环委办 while an extension request waits for its decision (L8). */
const ownerOrDecider = (state: IssueState): string[] => [
  ...(state.owner ? [state.owner] : []),
  ...(state.extensions.some((e) => !e.decision) ? [state.organisation.ecoOffice] : []),
];

/** Who must act next because of where the issue stands, before the units its open obligations name. */
const AWAITING_BY_STATUS: Partial<Record<IssueStatus, (state: IssueState) => string[]>> = {
  reported: (state) => [state.report.finderUnit],
  transferred: (state) => {
    const pending = state.transfers.find((t) => t.outcome === 'pending');
    return pending ? [pending.toUnit] : [];
  },
  // L22: a river-chief finding waits for 县水务局's 分办; any other issue for 县环委办's decision.
  owner_pending: (state) =>
    state.routing?.duty === 'dispatch' ? [state.routing.unit] : [state.organisation.ecoOffice],
  awaiting_acceptance: (state) => [state.organisation.ecoOffice],
  accepted: ownerOrDecider,
  fix_confirmation: ownerOrDecider,
  rectifying: ownerOrDecider,
  joint_investigation: (state) =>
    (state.jointInvestigation?.tasks ?? []).filter((task) => !task.finding).map((task) => task.unit),
  public_notice: (state) =>
    state.closure.publicNotice?.objections.some((o) => !o.resolution) ? [state.organisation.ecoOffice] : [],
  awaiting_signoff: (state) => [
    ...(state.closure.signOffs.sector ? [] : [state.sectorOwner]),
    ...(state.closure.signOffs.territorial ? [] : [state.territorialOwner]),
    ...(state.supervisionGroup && !state.closure.signOffs.supervisionGroup ? [state.territorialOwner] : []),
  ],
};

/** Recomputes what is derived from the obligations and the state: deadline, who must act, overdue, level. */
export function refreshDerived(state: IssueState): void {
  const open = [...state.obligations].sort((a, b) => a.due.localeCompare(b.due));
  state.deadline = open[0]?.due ?? null;
  state.overdue = open.some((ob) => ob.step >= 1);
  state.escalationLevel = Math.max(0, ...open.map((ob) => ob.step));
  // Only issues whose obligations carry the mark (definition 3 on) get the field.
  if (state.provisional !== undefined || open.some((ob) => ob.provisional !== undefined))
    state.provisional = open.some((ob) => ob.provisional === true);
  const byStatus = AWAITING_BY_STATUS[state.status]?.(state) ?? [];
  state.awaiting = [...new Set([...byStatus, ...open.map((ob) => ob.unit)])];
}

/** True when the issue's workflow has nothing more to do. */
export function isFinished(state: IssueState): boolean {
  return state.status === 'archived';
}
