import type { SearchAttributePair } from '@temporalio/common';
import type { AssignedTaskState } from '../../domain/tasks/assigned-task';
import {
  DutyDueKey,
  DutyKindKey,
  DutyStatusKey,
  EscalationLevelKey,
  OverdueKey,
  OwnerUnitKey,
} from '../issue/issue.search-attributes';

/** The kind operators filter tasks by in the Temporal UI: `DutyKind='assigned_task' AND Overdue=true`. */
export const ASSIGNED_TASK_KIND = 'assigned_task';

/**
 * A task as operators find it in the Temporal UI, sharing the reports' attributes (no new slot): its assignee, kind,
 * status and due time, overdue and the ladder step reached.
 */
export function assignedTaskSearchAttributes(state: AssignedTaskState): SearchAttributePair[] {
  return [
    { key: OwnerUnitKey, value: state.assignee },
    { key: DutyKindKey, value: ASSIGNED_TASK_KIND },
    { key: DutyStatusKey, value: state.status },
    { key: DutyDueKey, value: new Date(state.dueAt) },
    { key: OverdueKey, value: state.overdue },
    { key: EscalationLevelKey, value: Math.max(0, state.step) },
  ];
}
