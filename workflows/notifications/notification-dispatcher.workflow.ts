import { condition, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import type { NotificationActivities } from '../../activities/notifications/notification.activities';
import { wakeDispatcherSignal } from './notification.messages';

export interface NotificationDispatcherInput {
  /** Iterations before continue-as-new, so the history stays short however long the dispatcher lives. */
  iterationsPerRun: number;
}

const { deliverDueNotifications } = proxyActivities<NotificationActivities>({
  // A batch of sends with their own time limits; the heartbeat notices a killed worker much sooner.
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * The one delivery loop of a namespace (workflow id `notification-dispatcher`): deliver what is due, sleep on a
 * durable timer (or until woken), repeat. Retries per delivery live in the database (attempts, next_attempt_at),
 * not in this history.
 */
export async function notificationDispatcher(input: NotificationDispatcherInput): Promise<void> {
  let woken = false;
  setHandler(wakeDispatcherSignal, () => {
    woken = true;
  });
  for (let i = 0; i < input.iterationsPerRun; i++) {
    woken = false;
    const result = await deliverDueNotifications();
    if (!result.more) await condition(() => woken, result.pollSeconds * 1000);
  }
  await continueAsNew<typeof notificationDispatcher>(input);
}
