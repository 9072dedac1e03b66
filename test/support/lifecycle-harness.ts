import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import { writtenLabels, type NumberedEvent } from '../../activities/issue.activities';
import type { ActionData } from '../../domain/issue/actions';
import type { Rejection } from '../../domain/common/rejection';
import type { Actor } from '../../domain/organisation/roles';
import type { IssueLifecycleInput, IssueState } from '../../domain/issue/issue.types';
import type { ActionId } from '../../domain/process/issue-process.definition';
import { processDefinition } from '../../domain/process/process-registry';
import { ACTION_REJECTED, issueStateQuery } from '../../workflows/issue/issue.messages';
import { takeAction } from './take-action';
import { issueLifecycle } from '../../workflows/issue/issue.workflow';
import { WORKFLOWS_PATH } from '../../worker/worker';
import { saveHistory } from './histories';
import { lifecycleInput } from './lifecycle-fixtures';
import { createTimeSkippingEnv } from './time-skipping';

/**
 * The issue workflow on a time-skipping server of its own, with typed fake activities that keep the events written
 * (these tests are about the workflow's rules; the real activities are proven against PostgreSQL). Registers the
 * suite's hooks; with `RECORD_HISTORIES` each test's workflows are kept as replay fixtures named `<prefix>-…`.
 */
export function lifecycleHarness(options: { taskQueue: string; codeYear: string; historyPrefix: string }) {
  const written: NumberedEvent[] = [];
  const activities: Pick<Activities, 'recordIssueEvent' | 'appendIssueEvents' | 'deliverDueNotifications'> = {
    recordIssueEvent: () => Promise.resolve({ written: true }),
    appendIssueEvents: ({ events }) => {
      written.push(...events);
      return Promise.resolve({ written: events.length, events: writtenLabels(events) });
    },
    deliverDueNotifications: () =>
      Promise.resolve({ claimed: 0, sent: 0, failed: 0, waiting: 0, more: false, pollSeconds: 10 }),
  };
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const touched: WorkflowHandle[] = [];
  let recorded = 0;
  let serial = 0;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: options.taskQueue,
      workflowsPath: WORKFLOWS_PATH,
      activities,
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });
  afterEach(async () => {
    if (process.env.RECORD_HISTORIES) {
      const name = expect.getState().currentTestName ?? 'test';
      const slug = /\b(L\d+)\b/.exec(name)?.[1] ?? 'x';
      for (const [i, handle] of touched.entries()) {
        const n = String(++recorded).padStart(2, '0');
        await saveHistory(`${options.historyPrefix}-${slug}-${n}-${handle.workflowId}-${i}`, handle);
      }
    }
    touched.length = 0;
  });

  const now = async () => await env.currentTimeMs();

  async function poll<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
    for (let i = 0; i < 100; i++) {
      const value = await read();
      if (value !== undefined) return value;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${what} never happened`);
  }

  const h = {
    env: () => env,
    written,
    now,
    /** Moves the test server's clock to an instant; tests run in order, so it never goes back. */
    travelTo: async (instant: string): Promise<void> => {
      const wait = Date.parse(instant) - (await now());
      if (wait < 0) throw new Error(`tests are out of order: ${instant} is in the past`);
      await env.sleep(wait);
    },
    async start(
      overrides: Partial<IssueLifecycleInput> = {},
    ): Promise<WorkflowHandle<typeof issueLifecycle>> {
      const input = lifecycleInput(`${options.codeYear}-${String(++serial).padStart(6, '0')}`, {
        reportedAt: new Date(await now()).toISOString(),
        ...overrides,
      });
      const handle = await env.client.workflow.start(issueLifecycle, {
        args: [input],
        workflowId: `issue-${input.code}`,
        taskQueue: options.taskQueue,
      });
      await h.until(handle, (s) => s.eventCount >= 1);
      touched.push(handle);
      return handle;
    },
    until: (handle: WorkflowHandle, ok: (s: IssueState) => boolean): Promise<IssueState> =>
      poll(async () => {
        const state = await handle.query(issueStateQuery);
        return ok(state) ? state : undefined;
      }, 'the expected state'),
    /** Takes an action and checks the new state against the process definition the issue runs under. */
    act: async <A extends ActionId>(
      handle: WorkflowHandle,
      action: A,
      actor: Actor,
      data: ActionData[A],
    ): Promise<IssueState> => {
      const state = await takeAction(handle, action, { actor, data });
      const definition = processDefinition(state.definitionVersion);
      const taken = definition.actions.find((a) => a.id === action)!;
      const where = definition.states.find((s) => s.id === state.status)!;
      const deadlines = new Set<string>([
        ...where.timers.map((t) => t.kind),
        ...definition.standingDeadlines.map((d) => d.kind),
      ]);
      if (taken.to.length > 0 && state.status !== 'archived')
        expect([action, taken.to.includes(state.status)]).toEqual([action, true]);
      for (const obligation of state.obligations)
        expect([state.status, obligation.kind, deadlines.has(obligation.kind)]).toEqual([
          state.status,
          obligation.kind,
          true,
        ]);
      return state;
    },
    refused: async (promise: Promise<unknown>): Promise<Rejection> => {
      try {
        await promise;
      } catch (error) {
        expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
        const cause = (error as WorkflowUpdateFailedError).cause;
        expect(cause).toBeInstanceOf(ApplicationFailure);
        expect((cause as ApplicationFailure).type).toBe(ACTION_REJECTED);
        return (cause as ApplicationFailure).details?.[0] as Rejection;
      }
      throw new Error('the action was accepted');
    },
    eventsOf: (handle: WorkflowHandle) => written.filter((e) => e.id.startsWith(`${handle.workflowId}#`)),
    /** Waits until the workflow has written an event matching `ok` (the query can run ahead of the activity). */
    writtenEvent: (handle: WorkflowHandle, ok: (e: NumberedEvent) => boolean): Promise<NumberedEvent> =>
      poll(async () => Promise.resolve(h.eventsOf(handle).find(ok)), 'the expected event'),
    /** Ends a test's issue cleanly (cancellation runs through the worker, so the server's clock stays free). */
    settle: async (handle: WorkflowHandle): Promise<void> => {
      await handle.cancel();
      await poll(
        async () => ((await handle.describe()).status.name !== 'RUNNING' ? true : undefined),
        `${handle.workflowId} ending`,
      );
    },
  };
  return h;
}
