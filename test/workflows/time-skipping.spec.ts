import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { sleepFor } from './fixtures/timer.workflow';

describe('time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('sleeps 30 simulated days on a durable timer without waiting for them', async () => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'time-skipping',
      workflowsPath: require.resolve('./fixtures/timer.workflow'),
    });
    const wallStart = process.hrtime.bigint();
    const result = await worker.runUntil(
      env.client.workflow.execute(sleepFor, {
        args: ['30 days'],
        workflowId: 'sleep-30-days',
        taskQueue: 'time-skipping',
      }),
    );
    const wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
    const thirtyDays = 30 * 24 * 3600 * 1000;
    expect(result.wokeAt - result.startedAt).toBeGreaterThanOrEqual(thirtyDays);
    // Workflow time moved 30 days; the wall clock moved by the time it takes to run a workflow.
    console.log(`30 simulated days took ${wallMs.toFixed(0)} ms of wall time`);
    expect(wallMs).toBeLessThan(thirtyDays / 1000);
  });
});
