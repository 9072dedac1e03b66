// The worker of the bare workflow (B) of `npm run bench`: its own task queue, one activity that inserts one row.
// Runs inside the benchmark's process, or as a process of its own (`--bare-worker-process`), started with
//   node scripts/bench/bare-worker.mjs '{"address","namespace","databaseUrl","taskQueue"}'
// which prints a line with "bare worker polling" once it polls and stops on SIGTERM.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { NativeConnection, Worker } = require('@temporalio/worker');
const { Pool } = require('pg');

/** Starts polling; answers stop(), which drains the worker and closes its pool. */
export async function startBareWorker({ address, namespace, databaseUrl, taskQueue }) {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowsPath: path.join(path.dirname(fileURLToPath(import.meta.url)), 'bare-workflow.js'),
    activities: {
      async recordRow(issue, step) {
        await pool.query(`INSERT INTO bench_bare_rows (issue, step) VALUES ($1, $2)`, [issue, step]);
      },
    },
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await pool.end();
      await connection.close();
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { Runtime, DefaultLogger } = require('@temporalio/worker');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const bare = await startBareWorker(JSON.parse(process.argv[2]));
  console.log('bare worker polling');
  const stop = () => void bare.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
