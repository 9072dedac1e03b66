import { DEFAULT_DEADLINE_POLICY } from '../process/issue-process.definition';
import type { IssueLifecycleInput, IssueState } from './issue.types';
import { blankIssueState, unitName } from './lifecycle';

/** The state of a freshly reported issue as the v1 skeleton kept it (awaiting its suggested sector owner). */
export function initialIssueState(input: IssueLifecycleInput): IssueState {
  return {
    ...blankIssueState(input, input.policy ?? DEFAULT_DEADLINE_POLICY),
    awaiting: [input.sectorOwner],
  };
}

const SEVERITY_LABEL = { general: '一般', major: '重大' } as const;
const STATUS_LABEL: Record<IssueState['status'], string> = {
  reported: '已上报',
  transferred: '已移交',
  owner_pending: '待县环委办定责',
  accepted: '已受理',
  fix_confirmation: '立行立改待确认',
  rectifying: '整改中',
  joint_investigation: '联合调查',
  awaiting_acceptance: '待验收',
  public_notice: '公示中',
  awaiting_signoff: '待双销号',
  closed: '已销号',
  archived: '已建档',
};

/** One-line Chinese summary for the workflow memo, shown to operators in the Temporal UI. */
export function issueSummary(state: IssueState): string {
  const unit = (code: string) => unitName(state, code);
  return `[${SEVERITY_LABEL[state.report.severity]}] ${state.report.title} · ${unit(state.report.township)} · ${
    STATUS_LABEL[state.status]
  }${state.overdue ? ' · 逾期' : ''}${state.provisional ? ' · 期限暂定' : ''} · 责任单位 ${unit(state.sectorOwner)}/${unit(state.territorialOwner)}`;
}
