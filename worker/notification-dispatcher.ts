import { Client, type ConnectionLike, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { NotificationConfig } from '../config/notification-config';
import { notificationDispatcher } from '../workflows/notifications/notification-dispatcher.workflow';

/**
 * Starts the namespace's notification dispatcher unless it already runs: every worker calls this at start-up,
 * and all of them end up with the one workflow (USE_EXISTING), never a second loop.
 */
export async function ensureNotificationDispatcher(
  connection: ConnectionLike,
  options: { namespace: string; taskQueue: string; config: NotificationConfig },
): Promise<{ workflowId: string; runId: string }> {
  const client = new Client({ connection, namespace: options.namespace });
  const workflowId = options.config.NOTIFY_DISPATCHER_ID;
  try {
    const handle = await client.workflow.start(notificationDispatcher, {
      workflowId,
      taskQueue: options.taskQueue,
      args: [{ iterationsPerRun: options.config.NOTIFY_ITERATIONS_PER_RUN }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    const running = await handle.describe();
    if (running.taskQueue !== options.taskQueue) {
      // Two deployments sharing a namespace on different queues would fight over one id: say so, change nothing.
      console.warn(
        `notification dispatcher ${workflowId} runs on task queue ${running.taskQueue}, not ${options.taskQueue}`,
      );
    }
    return { workflowId, runId: handle.firstExecutionRunId };
  } catch (error) {
    // Older servers ignore the conflict policy and answer "already started": the dispatcher is running, fine.
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, runId: '' };
    throw error;
  }
}
