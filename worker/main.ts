import { DefaultLogger, NativeConnection, Runtime, type LogLevel as SdkLogLevel } from '@temporalio/worker';
import { loadConfiguration, type Configuration } from '../config/configuration';
import { logEvent, logLevelOf, setLogLevel, type LogLevel } from '../observability/log';
import { loadNotificationConfig } from '../config/notification-config';
import { leadershipRecipients, loadSealKey } from '../config/seal-config';
import { openDataSource } from '../persistence/data-source';
import { closeDocumentRendering, configureDocumentRendering } from '../documents/render';
import { dutyPolicyFromEnv } from '../activities/duties/duty-settings.activities';
import { ensureNotificationDispatcher } from './notification-dispatcher';
import { ensureDutySchedules } from './schedules';
import {
  activityFailureInterceptor,
  createWorkerMetrics,
  freeLoopbackPort,
  startMetricsServer,
} from './metrics';
import { createWorker, DEFAULT_BUNDLE_PATH } from './worker';

const SDK_LEVELS: Record<SdkLogLevel, LogLevel> = {
  TRACE: 'debug',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The SDK's runtime, once, before any connection: its logs (the SDK's, the workflows' and the core's) as JSON lines
 * like ours, and its metrics served on a loopback port for the worker's metrics port to pass on.
 */
async function installRuntime(config: Configuration): Promise<string | undefined> {
  const sdkAddress = config.WORKER_METRICS_PORT ? `127.0.0.1:${await freeLoopbackPort()}` : undefined;
  const level = logLevelOf(config.LOG_LEVEL);
  Runtime.install({
    logger: new DefaultLogger(level === 'debug' ? 'DEBUG' : level === 'info' ? 'INFO' : 'WARN', (entry) =>
      logEvent(SDK_LEVELS[entry.level], entry.message, { ...entry.meta, source: 'temporal-sdk' }),
    ),
    telemetryOptions: {
      logging: { forward: {}, filter: { core: 'WARN', other: 'ERROR' } },
      ...(sdkAddress ? { metrics: { prometheus: { bindAddress: sdkAddress } } } : {}),
    },
  });
  return sdkAddress;
}

/** The worker process: polls the task queue; never serves HTTP. SIGINT/SIGTERM drain it and exit. */
async function main(): Promise<void> {
  const config = loadConfiguration();
  setLogLevel(logLevelOf(config.LOG_LEVEL));
  const sdkAddress = await installRuntime(config);
  const notificationConfig = loadNotificationConfig();
  const sealKey = loadSealKey();
  // Checked now, not when the first bulletin is sealed.
  const leadership = leadershipRecipients();
  configureDocumentRendering({ threads: config.DOCUMENT_RENDER_THREADS });
  const dataSource = await openDataSource(config.DATABASE_URL, {
    ssl: config.DATABASE_SSL === 'true',
    poolSize: config.WORKER_DATABASE_POOL_SIZE,
  });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const metrics = createWorkerMetrics();
  // A port in use costs the metrics, not the work: the worker runs on and says so (Prometheus' `up` shows it too).
  const metricsServer = config.WORKER_METRICS_PORT
    ? await startMetricsServer({
        port: config.WORKER_METRICS_PORT,
        metrics,
        dataSource,
        refreshSeconds: config.METRICS_REFRESH_SECONDS,
        sdkAddress,
      }).catch((error: unknown) => {
        logEvent('error', `worker metrics could not listen on :${config.WORKER_METRICS_PORT}`, { error });
        return undefined;
      })
    : undefined;
  if (metricsServer) logEvent('info', `worker metrics on :${metricsServer.port}/metrics`);
  try {
    const worker = await createWorker({
      activityInterceptors: [activityFailureInterceptor(metrics)],
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      dataSource,
      workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH ?? DEFAULT_BUNDLE_PATH,
      notificationConfig,
      idempotencyKeyTtlHours: config.IDEMPOTENCY_KEY_TTL_HOURS,
      sealKey,
      deadlineUnit: config.DEADLINE_UNIT,
      limits: {
        maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
        maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
        maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITY_TASKS,
      },
    });
    console.log(`sealing reports with key ${sealKey.id} (SM2/SM3)`);
    if (config.DEADLINE_UNIT === 'minute')
      logEvent('warn', 'DEADLINE_UNIT=minute: deadline terms count in minutes (tests and benchmarks only)');
    if (!leadership.length)
      console.warn('BULLETIN_RECIPIENTS is not set: sealed bulletins are kept as unresolved for 县环委办');
    if (!notificationConfig.SMTP_HOST)
      logEvent('warn', 'SMTP_HOST is not set: notices go to the inbox and webhooks only');
    // Polling starts first: the dispatcher and the schedules' workflows need this worker, and an API that asks an
    // issue's state at once must not wait for the start-up chores.
    const running = worker.run();
    try {
      logEvent(
        'info',
        `worker polling task queue ${config.TEMPORAL_TASK_QUEUE} on ${config.TEMPORAL_ADDRESS}`,
        { taskQueue: config.TEMPORAL_TASK_QUEUE },
        // Whatever LOG_LEVEL says: the launcher and operators wait for this line to know the worker is up.
        { always: true },
      );
      const dispatcher = await ensureNotificationDispatcher(connection, {
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        config: notificationConfig,
      });
      logEvent('info', `notification dispatcher ${dispatcher.workflowId} running`);
      const schedules = await ensureDutySchedules(connection, {
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        policy: dutyPolicyFromEnv(),
      });
      logEvent('info', `schedules (Asia/Shanghai): ${schedules.join(', ')}`);
    } catch (error) {
      worker.shutdown();
      await running.catch(() => undefined);
      throw error;
    }
    // The SDK's runtime shuts the worker down on SIGINT/SIGTERM; run() resolves once it has drained.
    await running;
  } finally {
    await metricsServer?.close();
    await connection.close();
    await dataSource.destroy();
    await closeDocumentRendering();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    logEvent('error', 'worker stopped 工作进程退出', { error });
    process.exit(1);
  },
);
