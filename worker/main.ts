import { NativeConnection } from '@temporalio/worker';
import { loadConfiguration } from '../config/configuration';
import { loadNotificationConfig } from '../config/notification-config';
import { leadershipRecipients, loadSealKey } from '../config/seal-config';
import { openDataSource } from '../persistence/data-source';
import { dutyPolicyFromEnv } from '../activities/duties/duty-settings.activities';
import { ensureNotificationDispatcher } from './notification-dispatcher';
import { ensureDutySchedules } from './schedules';
import { createWorker, DEFAULT_BUNDLE_PATH } from './worker';

/** The worker process: polls the task queue; never serves HTTP. SIGINT/SIGTERM drain it and exit. */
async function main(): Promise<void> {
  const config = loadConfiguration();
  const notificationConfig = loadNotificationConfig();
  const sealKey = loadSealKey();
  // Checked now, not when the first bulletin is sealed.
  const leadership = leadershipRecipients();
  const dataSource = await openDataSource(config.DATABASE_URL, { ssl: config.DATABASE_SSL === 'true' });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const worker = await createWorker({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      dataSource,
      workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH ?? DEFAULT_BUNDLE_PATH,
      notificationConfig,
      idempotencyKeyTtlHours: config.IDEMPOTENCY_KEY_TTL_HOURS,
      sealKey,
    });
    console.log(`sealing reports with key ${sealKey.id} (SM2/SM3)`);
    if (!leadership.length)
      console.warn('BULLETIN_RECIPIENTS is not set: sealed bulletins are kept as unresolved for 县环委办');
    if (!notificationConfig.SMTP_HOST)
      console.warn('SMTP_HOST is not set: notices go to the inbox and webhooks only');
    // Polling starts first: the dispatcher and the schedules' workflows need this worker, and an API that asks an
    // issue's state at once must not wait for the start-up chores.
    const running = worker.run();
    try {
      console.log(`worker polling task queue ${config.TEMPORAL_TASK_QUEUE} on ${config.TEMPORAL_ADDRESS}`);
      const dispatcher = await ensureNotificationDispatcher(connection, {
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        config: notificationConfig,
      });
      console.log(`notification dispatcher ${dispatcher.workflowId} running`);
      const schedules = await ensureDutySchedules(connection, {
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        policy: dutyPolicyFromEnv(),
      });
      console.log(`schedules (Asia/Shanghai): ${schedules.join(', ')}`);
    } catch (error) {
      worker.shutdown();
      await running.catch(() => undefined);
      throw error;
    }
    // The SDK's runtime shuts the worker down on SIGINT/SIGTERM; run() resolves once it has drained.
    await running;
  } finally {
    await connection.close();
    await dataSource.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
