import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import { createApp } from '../../api/app.factory';
import { loadConfiguration, type Configuration } from '../../config/configuration';
import { openDataSource } from '../../persistence/data-source';
import { generateSealKey, type SealPrivateKey } from '../../documents/seal/seal-keys';
import { createWorker } from '../../worker/worker';
import { enrolBeforeEachRequest } from './roster';
import { testServers } from './servers';
import { TEST_JWT_SECRET } from './tokens';

/** A whole system in one test process: the real API, a real worker, a Temporal client and the database. */
export interface Harness {
  config: Configuration;
  app: NestExpressApplication;
  client: Client;
  dataSource: DataSource;
  worker: Worker;
  /** The key the current worker seals reports with (P10). */
  sealKey: SealPrivateKey;
  /** Drains the worker and starts another on the same task queue with this seal key: a key rotation. */
  replaceWorker(sealKey: SealPrivateKey): Promise<void>;
  stop(): Promise<void>;
}

/** Each test file gets its own task queue, so no file's worker picks up another's workflows. */
export async function startHarness(taskQueue: string, env: NodeJS.ProcessEnv = {}): Promise<Harness> {
  const servers = testServers();
  const config = loadConfiguration(
    {
      DATABASE_URL: servers.databaseUrl,
      TEMPORAL_ADDRESS: servers.temporalAddress,
      TEMPORAL_NAMESPACE: servers.namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      LOG_LEVEL: 'warn',
      JWT_SECRET: TEST_JWT_SECRET,
      // The matrix tests make hundreds of calls a minute from one address; the limit has its own test.
      RATE_LIMIT_PER_MINUTE: '100000',
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000',
      ...env,
    },
    { requireAuth: true },
  );
  const dataSource = await openDataSource(config.DATABASE_URL, { poolSize: 4 });
  const nativeConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const startWorker = async (sealKey: SealPrivateKey) => {
    const worker = await createWorker({
      connection: nativeConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue,
      dataSource,
      sealKey,
    });
    return { worker, running: worker.run() };
  };
  // Each harness seals with a key of its own: the shared database sees a rotation per test file.
  let currentKey: SealPrivateKey = generateSealKey();
  let current = await startWorker(currentKey);
  const app = await createApp(config);
  enrolBeforeEachRequest(app, dataSource);
  await app.init();
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const harness: Harness = {
    config,
    app,
    client,
    dataSource,
    worker: current.worker,
    sealKey: currentKey,
    async replaceWorker(sealKey) {
      current.worker.shutdown();
      await current.running;
      current = await startWorker(sealKey);
      currentKey = sealKey;
      harness.worker = current.worker;
      harness.sealKey = sealKey;
    },
    async stop() {
      await app.close();
      current.worker.shutdown();
      await current.running;
      await nativeConnection.close();
      await connection.close();
      await dataSource.destroy();
    },
  };
  return harness;
}

/** Polls until `check` returns a value (not undefined) or the time is up; for effects of asynchronous work. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `condition not met within ${timeoutMs} ms${last instanceof Error ? `: ${last.message}` : ''}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
