import { condition, defineQuery, getExternalWorkflowHandle, setHandler } from '@temporalio/workflow';
import type { OfficialCalendar } from '../../domain/calendar/working-days';
import type { JointTask } from '../../domain/issue/issue.types';
import { endOfShanghaiDay } from '../../domain/issue/lifecycle';
import { jointFindingReportedSignal, jointTaskOverdueSignal } from './issue.messages';

export interface JointInvestigationInput {
  issueCode: string;
  parentWorkflowId: string;
  tasks: JointTask[];
  calendar: OfficialCalendar;
}

export const jointInvestigationQuery = defineQuery<{ reported: string[]; overdue: string[] }>(
  'jointInvestigation',
);

/**
 * 联合调查 (L11): the lead unit and the co-units each have a task and a due date; the investigation is done when
 * every unit has reported. The issue workflow records the findings; this child keeps the units' clocks and tells
 * the issue when a unit lets its due date pass.
 */
export async function jointInvestigation(input: JointInvestigationInput): Promise<{ reported: string[] }> {
  const reported = new Set(input.tasks.filter((t) => t.finding).map((t) => t.unit));
  const overdue = new Set<string>();
  setHandler(jointFindingReportedSignal, ({ unit }) => {
    reported.add(unit);
  });
  setHandler(jointInvestigationQuery, () => ({ reported: [...reported], overdue: [...overdue] }));
  const parent = getExternalWorkflowHandle(input.parentWorkflowId);
  const allReported = () => input.tasks.every((t) => reported.has(t.unit));

  while (!allReported()) {
    const pending = input.tasks
      .filter((t) => !reported.has(t.unit) && !overdue.has(t.unit))
      .map((t) => ({ task: t, at: endOfShanghaiDay(t.dueDate) + 1 }))
      .sort((a, b) => a.at - b.at);
    const next = pending[0];
    if (!next) {
      await condition(allReported);
      break;
    }
    const seen = reported.size;
    const wait = next.at - Date.now();
    const woke = wait > 0 ? await condition(() => reported.size !== seen, wait) : false;
    if (!woke && !reported.has(next.task.unit)) {
      overdue.add(next.task.unit);
      await parent.signal(jointTaskOverdueSignal, { unit: next.task.unit, dueDate: next.task.dueDate });
    }
  }
  return { reported: [...reported] };
}
