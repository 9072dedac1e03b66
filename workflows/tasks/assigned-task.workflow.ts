import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { Rejection } from '../../domain/common/rejection';
import {
  applyDecideTask,
  applyReportTask,
  applyTaskStep,
  assignedEvent,
  checkDecideTask,
  checkReportTask,
  initialTaskState,
  nextTaskStep,
  skipPastReminder,
  taskSummary,
  type AssignedTaskInput,
  type AssignedTaskState,
  type DecideTaskArgs,
  type ReportTaskArgs,
  type TaskEventDraft,
} from '../../domain/tasks/assigned-task';
import { LEDGER_WRITES } from '../activity-options';
import {
  acceptTaskUpdate,
  assignedTaskStateQuery,
  reportTaskUpdate,
  sendBackTaskUpdate,
  TASK_REJECTED,
} from './assigned-task.messages';
import { assignedTaskSearchAttributes } from './assigned-task.search-attributes';

const { recordTaskEvents } = proxyActivities<Pick<Activities, 'recordTaskEvents'>>(LEDGER_WRITES);

function refused(rejection: Rejection): ApplicationFailure {
  return ApplicationFailure.create({
    type: TASK_REJECTED,
    message: rejection.message,
    details: [rejection],
    nonRetryable: true,
  });
}

/**
 * 交办任务 (R4), id `assigned-task-<code>`: a county grid head's task for 县环委办 or another unit. Its deadline runs
 * the escalation ladder (L10) while the task waits for the assignee; the assignee's report holds the ladder
 * until the assigner accepts it (the task is done) or sends it back. Every step is an appended event (its notices
 * in the same write), and the search attributes say where the task stands.
 */
export async function assignedTask(input: AssignedTaskInput): Promise<AssignedTaskState> {
  const workflowId = workflowInfo().workflowId;
  const state = initialTaskState(input);
  const calendar = input.calendar;
  // Bumped on every change, so the loop re-plans its timer.
  let revision = 0;

  const persist = async (drafts: TaskEventDraft[]): Promise<void> => {
    revision += 1;
    upsertSearchAttributes(assignedTaskSearchAttributes(state));
    upsertMemo({ summary: taskSummary(state) });
    if (drafts.length === 0) return;
    const events = drafts.map((draft) => {
      state.eventCount += 1;
      return {
        ...draft,
        id: `${workflowId}#${state.eventCount}`,
        taskCode: state.code,
        seq: state.eventCount,
        at: new Date().toISOString(),
      };
    });
    await recordTaskEvents({ state: { ...state }, events });
  };

  setHandler(assignedTaskStateQuery, () => state);
  setHandler(
    reportTaskUpdate,
    async (args: ReportTaskArgs) => {
      await persist(applyReportTask(state, args, new Date().toISOString()));
      return state;
    },
    {
      validator: (args: ReportTaskArgs) => {
        const rejection = checkReportTask(state, args);
        if (rejection) throw refused(rejection);
      },
    },
  );
  for (const [update, accept] of [
    [acceptTaskUpdate, true],
    [sendBackTaskUpdate, false],
  ] as const) {
    setHandler(
      update,
      async (args: DecideTaskArgs) => {
        const drafts = applyDecideTask(state, args, accept, new Date().toISOString());
        skipPastReminder(state, calendar, Date.now());
        await persist(drafts);
        return state;
      },
      {
        validator: (args: DecideTaskArgs) => {
          const rejection = checkDecideTask(state, args, accept, Date.now(), calendar);
          if (rejection) throw refused(rejection);
        },
      },
    );
  }

  skipPastReminder(state, calendar, Date.now());
  await persist([assignedEvent(state)]);
  while (state.status !== 'accepted') {
    const seen = revision;
    const next = nextTaskStep(state, calendar);
    if (next && next.at <= Date.now()) {
      await persist(applyTaskStep(state, next.step));
      continue;
    }
    const woken = () => revision !== seen;
    const changed = next ? await condition(woken, next.at - Date.now()) : (await condition(woken), true);
    if (!changed && next) await persist(applyTaskStep(state, next.step));
  }
  await condition(allHandlersFinished);
  return state;
}
