import type { IssueLifecycleInput, IssueState } from './issue.types';

/** The state of a freshly reported issue. */
export function initialIssueState(input: IssueLifecycleInput): IssueState {
  return {
    code: input.code,
    status: 'reported',
    definitionVersion: input.definitionVersion,
    report: input.report,
    sectorOwner: input.sectorOwner,
    territorialOwner: input.territorialOwner,
    reportedAt: input.reportedAt,
    deadline: null,
    awaiting: [input.sectorOwner],
    overdue: false,
    escalationLevel: 0,
    eventCount: 0,
  };
}

const SEVERITY_LABEL = { general: '一般', major: '重大' } as const;
const STATUS_LABEL: Record<IssueState['status'], string> = {
  reported: '已上报',
  transferred: '已移交',
  owner_pending: '待县环委办定责',
  fixing_immediately: '立行立改',
  planning: '制定五定方案',
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
  return `[${SEVERITY_LABEL[state.report.severity]}] ${state.report.title} · ${state.report.township} · ${
    STATUS_LABEL[state.status]
  } · 责任单位 ${state.sectorOwner}/${state.territorialOwner}`;
}
