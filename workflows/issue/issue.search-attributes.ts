import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import type { IssueState } from '../../domain/issue/issue.types';

/**
 * Custom search attributes of issue and report workflows, so operators can filter in the Temporal UI
 * (e.g. `IssueStatus='rectifying' AND Overdue=true AND OwnerUnit='WRB'`).
 * The dev server's SQLite visibility has 10 Keyword slots and 3 of each other type: this list fits (8 Keyword,
 * 2 Datetime, 2 Bool, 1 Int).
 */
export const IssueStatusKey = defineSearchAttributeKey('IssueStatus', SearchAttributeType.KEYWORD);
export const OwnerUnitKey = defineSearchAttributeKey('OwnerUnit', SearchAttributeType.KEYWORD);
export const TerritorialUnitKey = defineSearchAttributeKey('TerritorialUnit', SearchAttributeType.KEYWORD);
export const TownshipKey = defineSearchAttributeKey('Township', SearchAttributeType.KEYWORD);
export const CategoryKey = defineSearchAttributeKey('Category', SearchAttributeType.KEYWORD);
export const SeverityKey = defineSearchAttributeKey('Severity', SearchAttributeType.KEYWORD);
export const IssueDeadlineKey = defineSearchAttributeKey('IssueDeadline', SearchAttributeType.DATETIME);
export const OverdueKey = defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL);
export const EscalationLevelKey = defineSearchAttributeKey('EscalationLevel', SearchAttributeType.INT);
/** S4: a write of the issue was refused for its data and waits for an operator (`NeedsAttention=true`). */
export const NeedsAttentionKey = defineSearchAttributeKey('NeedsAttention', SearchAttributeType.BOOL);
/**
 * The units' reports (P3, P4, P6, P8) share `OwnerUnit` and `Overdue` (a report past its deadline unsubmitted)
 * and add their own kind, status and due time, e.g. `DutyKind='weekly' AND Overdue=true`.
 */
export const DutyKindKey = defineSearchAttributeKey('DutyKind', SearchAttributeType.KEYWORD);
export const DutyStatusKey = defineSearchAttributeKey('DutyStatus', SearchAttributeType.KEYWORD);
export const DutyDueKey = defineSearchAttributeKey('DutyDue', SearchAttributeType.DATETIME);

export const ISSUE_SEARCH_ATTRIBUTES = [
  IssueStatusKey,
  OwnerUnitKey,
  TerritorialUnitKey,
  TownshipKey,
  CategoryKey,
  SeverityKey,
  IssueDeadlineKey,
  OverdueKey,
  EscalationLevelKey,
  NeedsAttentionKey,
  DutyKindKey,
  DutyStatusKey,
  DutyDueKey,
] as const;

/** The `Name=Type` form the Temporal CLI takes with `--search-attribute`. */
export function searchAttributeCliFlags(): string[] {
  const cliType: Record<string, string> = {
    [SearchAttributeType.KEYWORD]: 'Keyword',
    [SearchAttributeType.DATETIME]: 'Datetime',
    [SearchAttributeType.BOOL]: 'Bool',
    [SearchAttributeType.INT]: 'Int',
  };
  return ISSUE_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${cliType[key.type]}`]);
}

/** The search attributes of an issue in a given state: the workflow upserts them, the API sets them at start. */
export function issueSearchAttributes(state: IssueState): SearchAttributePair[] {
  const pairs: SearchAttributePair[] = [
    { key: IssueStatusKey, value: state.status },
    { key: OwnerUnitKey, value: state.owner ?? state.sectorOwner },
    { key: TerritorialUnitKey, value: state.territorialOwner },
    { key: TownshipKey, value: state.report.township },
    { key: CategoryKey, value: state.report.category },
    { key: SeverityKey, value: state.report.severity },
    { key: OverdueKey, value: state.overdue },
    { key: EscalationLevelKey, value: state.escalationLevel },
  ];
  if (state.deadline) pairs.push({ key: IssueDeadlineKey, value: new Date(state.deadline) });
  // Only issues that have needed attention carry it, so the histories of all others stay as they were.
  if (state.attention !== undefined) pairs.push({ key: NeedsAttentionKey, value: Boolean(state.attention) });
  return pairs;
}
