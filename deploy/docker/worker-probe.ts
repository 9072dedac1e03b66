import os from 'node:os';
import { Connection } from '@temporalio/client';
import { loadConfiguration } from '../../config/configuration';

// Wire values of temporal.api.enums.v1: TASK_QUEUE_KIND_NORMAL and TASK_QUEUE_TYPE_WORKFLOW.
const TASK_QUEUE_KIND_NORMAL = 1;
const TASK_QUEUE_TYPE_WORKFLOW = 1;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Health check of a worker container (`node dist/deploy/docker/worker-probe.js`; exit 0 = healthy). The worker
 * serves no HTTP, so the probe asks Temporal whether this host is among the pollers of the task queue (the SDK's
 * default identity is pid@hostname). It fails only when Temporal answers without this host's poller; when Temporal
 * cannot be reached it passes, since restarting the worker would not help (the API's /health/ready reports that).
 */
export async function probeWorker(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ healthy: boolean; detail: string }> {
  const config = loadConfiguration({ DATABASE_URL: 'postgres://unused/unused', ...env });
  const host = os.hostname();
  let connection: Connection;
  try {
    connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS, connectTimeout: '3s' });
  } catch (error) {
    return { healthy: true, detail: `Temporal unreachable, not judged: ${message(error)}` };
  }
  try {
    const response = await connection.withDeadline(Date.now() + 5000, () =>
      connection.workflowService.describeTaskQueue({
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: { name: config.TEMPORAL_TASK_QUEUE, kind: TASK_QUEUE_KIND_NORMAL },
        taskQueueType: TASK_QUEUE_TYPE_WORKFLOW,
      }),
    );
    const mine = response.pollers.filter((poller) => poller.identity?.endsWith(`@${host}`));
    return mine.length > 0
      ? { healthy: true, detail: `${mine.length} poller(s) from ${host} on ${config.TEMPORAL_TASK_QUEUE}` }
      : { healthy: false, detail: `no poller from ${host} on task queue ${config.TEMPORAL_TASK_QUEUE}` };
  } catch (error) {
    return { healthy: true, detail: `Temporal did not answer, not judged: ${message(error)}` };
  } finally {
    await connection.close();
  }
}

if (require.main === module) {
  probeWorker().then(
    ({ healthy, detail }) => {
      console.log(detail);
      process.exit(healthy ? 0 : 1);
    },
    (error: unknown) => {
      console.error(message(error));
      process.exit(1);
    },
  );
}
