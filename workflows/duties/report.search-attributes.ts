import type { SearchAttributePair } from '@temporalio/common';
import type { DutyReportState } from '../../domain/duties/reports/reports';
import {
  DutyDueKey,
  DutyKindKey,
  DutyStatusKey,
  OverdueKey,
  OwnerUnitKey,
} from '../issue/issue.search-attributes';

/**
 * A report as operators find it in the Temporal UI: its unit, kind and status (`late` once its deadline passed
 * without it), and its due time. `Overdue=true` lists late reports next to overdue issues.
 */
export function dutyReportSearchAttributes(state: DutyReportState): SearchAttributePair[] {
  const late = state.status !== 'submitted' && state.lateMarkedAt !== null;
  const pairs: SearchAttributePair[] = [
    { key: OwnerUnitKey, value: state.unit },
    { key: DutyKindKey, value: state.kind },
    { key: DutyStatusKey, value: late ? 'late' : state.status },
    { key: OverdueKey, value: late },
  ];
  if (state.dueAt) pairs.push({ key: DutyDueKey, value: new Date(state.dueAt) });
  return pairs;
}
