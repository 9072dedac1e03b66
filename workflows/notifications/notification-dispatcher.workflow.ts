import { condition, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { NOTIFICATIONS } from '../activity-options';
import { wakeDispatcherSignal } from './notification.messages';

export interface NotificationDispatcherInput {
  /** Iterations before continue-as-new, so the history stays short however long the dispatcher lives. */
  iterationsPerRun: number;
}

const { deliverDueNotifications } =
  proxyActivities<Pick<Activities, 'deliverDueNotifications'>>(NOTIFICATIONS);

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
