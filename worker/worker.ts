import fs from 'node:fs';
import path from 'node:path';
import {
  type ActivityInterceptorsFactory,
  type NativeConnection,
  Worker,
  type WorkerOptions,
} from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { NotificationConfig } from '../config/notification-config';
import type { DeadlineUnit } from '../domain/calendar/working-days';
import { createActivities } from '../activities';
import { SEAL_SCHEME } from '../documents/seal/seal';
import type { SealPrivateKey } from '../documents/seal/seal-keys';
import { SealRepository } from '../persistence/repositories/seal.repository';

export interface WorkerSetup {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /** Prebuilt bundle (production); without it the workflows are bundled from source at start-up. */
  workflowBundlePath?: string;
  identity?: string;
  /** Notification delivery settings; without them the activities read them from the environment when first used. */
  notificationConfig?: NotificationConfig;
  /** IDEMPOTENCY_KEY_TTL_HOURS for the daily housekeeping (72 without it). */
  idempotencyKeyTtlHours?: number;
  /** P10: the county key this worker seals reports with; it becomes the active key when the worker starts. */
  sealKey: SealPrivateKey;
  /** Around every activity attempt (the metrics' failure counter). */
  activityInterceptors?: ActivityInterceptorsFactory[];
  /** DEADLINE_UNIT (tests and benchmarks): the unit calendar broadcasts keep; working days without it. */
  deadlineUnit?: DeadlineUnit;
  /** Cache and concurrency limits (WORKER_MAX_*); without them the SDK's defaults. */
  limits?: WorkerLimits;
}

/** The worker's sizing settings, from the configuration. */
export interface WorkerLimits {
  maxCachedWorkflows: number;
  maxConcurrentWorkflowTaskExecutions: number;
  maxConcurrentActivityTaskExecutions: number;
}

/** Where the workflow sources are, for bundling at start-up (tests, development). */
export const WORKFLOWS_PATH = require.resolve('../workflows');

/** The bundle `npm run build` writes beside the compiled worker. */
export const DEFAULT_BUNDLE_PATH = path.resolve(__dirname, '..', 'workflow-bundle.js');

/** Builds the worker that runs every workflow and activity of the product on one task queue. */
export async function createWorker(setup: WorkerSetup): Promise<Worker> {
  // Recorded before any report can be sealed with it, so every signature's key is in the table verifiers read.
  await new SealRepository(setup.dataSource).activate({
    id: setup.sealKey.id,
    publicKey: setup.sealKey.publicKey,
    algorithm: SEAL_SCHEME,
  });
  const options: WorkerOptions = {
    connection: setup.connection,
    namespace: setup.namespace,
    taskQueue: setup.taskQueue,
    activities: createActivities({
      dataSource: setup.dataSource,
      ...(setup.notificationConfig ? { notificationConfig: setup.notificationConfig } : {}),
      ...(setup.idempotencyKeyTtlHours ? { idempotencyKeyTtlHours: setup.idempotencyKeyTtlHours } : {}),
      sealKey: setup.sealKey,
      ...(setup.deadlineUnit ? { deadlineUnit: setup.deadlineUnit } : {}),
    }),
    ...(setup.identity ? { identity: setup.identity } : {}),
    ...(setup.limits ?? {}),
    ...(setup.activityInterceptors ? { interceptors: { activity: setup.activityInterceptors } } : {}),
    ...(setup.workflowBundlePath && fs.existsSync(setup.workflowBundlePath)
      ? { workflowBundle: { codePath: setup.workflowBundlePath } }
      : { workflowsPath: WORKFLOWS_PATH }),
  };
  return Worker.create(options);
}
