import { asyncLocalStorage, Context } from '@temporalio/activity';
import { logEvent, type LogLevel } from '../observability/log';

/**
 * An activity's JSON log line, with the workflow and activity it ran for when it runs as an activity (a test may
 * call the function directly), so one issue's lines can be found by its workflow id and its request id.
 */
export function activityLog(level: LogLevel, msg: string, fields: Record<string, unknown>): void {
  const info = asyncLocalStorage.getStore() ? Context.current().info : undefined;
  logEvent(level, msg, {
    ...(info
      ? {
          workflowId: info.workflowExecution?.workflowId,
          activity: info.activityType,
          attempt: info.attempt,
        }
      : {}),
    ...fields,
  });
}
