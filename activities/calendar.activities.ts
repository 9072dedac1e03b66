import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { effectiveCalendar } from '../domain/calendar/calendar-loading';
import { withDeadlineUnit, type DeadlineUnit } from '../domain/calendar/working-days';
import { CalendarRepository } from '../persistence/repositories/calendar.repository';
import { calendarUpdatedSignal } from '../workflows/issue/issue.messages';

export interface CalendarActivityDeps {
  dataSource: DataSource;
  /** DEADLINE_UNIT: a calendar broadcast keeps the unit the issues were started with (tests, benchmarks). */
  deadlineUnit?: DeadlineUnit;
}

/** Every running issue, by its workflow type; the visibility store pages through them. */
export const RUNNING_ISSUES_QUERY = `WorkflowType = 'issueLifecycle' AND ExecutionStatus = 'Running'`;

/** Where a broadcast got to: the heartbeat carries it, so a retried attempt resumes at the next page. */
interface BroadcastProgress {
  nextPageToken: string | null;
  signalled: number;
  pages: number;
}

/** L9: the official calendar reaches the running issues. */
export function createCalendarActivities({ dataSource, deadlineUnit }: CalendarActivityDeps) {
  const calendars = new CalendarRepository(dataSource);
  return {
    /**
     * Signals the calendar as it now stands (built-in years with the loaded ones in their place) to every running
     * issue, a page of the visibility query at a time, heartbeating the page reached: an attempt that dies resumes
     * where the last one got to, and a repeated signal is harmless (the issue re-plans to the same dates).
     */
    async signalCalendarToRunningIssues(input: { pageSize?: number } = {}): Promise<BroadcastProgress> {
      const context = Context.current();
      const { client } = context;
      const calendar = withDeadlineUnit(
        effectiveCalendar((await calendars.loaded()).map((year) => year.arrangement)),
        deadlineUnit,
      );
      const resumed = context.info.heartbeatDetails as BroadcastProgress | undefined;
      const progress: BroadcastProgress = resumed ?? { nextPageToken: null, signalled: 0, pages: 0 };
      do {
        const page = await client.workflowService.listWorkflowExecutions({
          namespace: client.options.namespace,
          query: RUNNING_ISSUES_QUERY,
          pageSize: input.pageSize ?? 100,
          ...(progress.nextPageToken ? { nextPageToken: Buffer.from(progress.nextPageToken, 'base64') } : {}),
        });
        for (const execution of page.executions) {
          const { workflowId, runId } = execution.execution ?? {};
          if (!workflowId) continue;
          try {
            await client.workflow
              .getHandle(workflowId, runId ?? undefined)
              .signal(calendarUpdatedSignal, calendar);
            progress.signalled += 1;
          } catch (error) {
            // Archived between the listing and the signal: nothing left to re-plan.
            if (!(error instanceof WorkflowNotFoundError)) throw error;
          }
        }
        const token = page.nextPageToken;
        progress.nextPageToken = token && token.length > 0 ? Buffer.from(token).toString('base64') : null;
        progress.pages += 1;
        context.heartbeat(progress);
      } while (progress.nextPageToken);
      return progress;
    },
  };
}

export type CalendarActivities = ReturnType<typeof createCalendarActivities>;
