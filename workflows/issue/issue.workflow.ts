import {
  condition,
  proxyActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { LedgerLine } from '../../activities/issue.activities';
import { initialIssueState, issueSummary } from '../../domain/issue/issue-state';
import type { IssueEventRecord, IssueLifecycleInput, IssueState } from '../../domain/issue/issue.types';
import { issueStateQuery } from './issue.messages';
import {
  CategoryKey,
  EscalationLevelKey,
  IssueDeadlineKey,
  IssueStatusKey,
  OverdueKey,
  OwnerUnitKey,
  SeverityKey,
  TerritorialUnitKey,
  TownshipKey,
} from './issue.search-attributes';

const { recordIssueEvent } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // Ledger writes must eventually land: retry without a limit, backing off to once a minute.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

interface EventDraft {
  type: string;
  actor: string;
  actorUnit: string;
  payload: Record<string, unknown>;
}

/** Appends an attributed event (L15) and projects the new state into PostgreSQL. */
async function appendEvent(
  state: IssueState,
  draft: EventDraft,
  opensLedgerLines: LedgerLine[] = [],
): Promise<void> {
  state.eventCount += 1;
  const event: IssueEventRecord = {
    id: `${workflowInfo().workflowId}#${state.eventCount}`,
    issueCode: state.code,
    seq: state.eventCount,
    at: new Date().toISOString(),
    ...draft,
  };
  await recordIssueEvent({ event, state: { ...state }, opensLedgerLines });
}

/** Keeps the search attributes and the memo in step with the state, for operators in the Temporal UI. */
function publishVisibility(state: IssueState): void {
  upsertSearchAttributes([
    { key: IssueStatusKey, value: state.status },
    { key: OwnerUnitKey, value: state.sectorOwner },
    { key: TerritorialUnitKey, value: state.territorialOwner },
    { key: TownshipKey, value: state.report.township },
    { key: CategoryKey, value: state.report.category },
    { key: SeverityKey, value: state.report.severity },
    { key: IssueDeadlineKey, value: state.deadline ? new Date(state.deadline) : null },
    { key: OverdueKey, value: state.overdue },
    { key: EscalationLevelKey, value: state.escalationLevel },
  ]);
  upsertMemo({ summary: issueSummary(state) });
}

/** One issue (问题), from report to archive. */
export async function issueLifecycle(input: IssueLifecycleInput): Promise<IssueState> {
  const state = initialIssueState(input);
  setHandler(issueStateQuery, () => state);

  publishVisibility(state);
  // L2: the discovering unit's ledger gets the issue at once.
  await appendEvent(
    state,
    {
      type: 'reported',
      actor: input.report.reportedBy,
      actorUnit: input.report.finderUnit,
      payload: {
        report: input.report,
        sectorOwner: input.sectorOwner,
        territorialOwner: input.territorialOwner,
      },
    },
    [{ unitCode: input.report.finderUnit, role: 'finder' }],
  );

  await condition(() => state.status === 'archived');
  return state;
}
