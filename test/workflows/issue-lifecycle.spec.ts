import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import type { RecordIssueEventInput } from '../../activities/issue.activities';
import type { IssueLifecycleInput } from '../../domain/issue/issue.types';
import { issueStateQuery } from '../../workflows/issue/issue.messages';
import { issueLifecycle } from '../../workflows/issue/issue.workflow';
import { WORKFLOWS_PATH } from '../../worker/worker';
import { createTimeSkippingEnv } from '../support/time-skipping';

const input = (code: string): IssueLifecycleInput => ({
  code,
  report: {
    title: '养殖场粪污直排',
    description: '养殖场粪污未经处理直排入溪沟',
    category: 'livestock_manure',
    severity: 'general',
    source: 'patrol',
    township: 'T-ZHONGCHENG',
    finderUnit: 'EEB',
    reportedBy: '王五',
    evidence: [],
  },
  sectorOwner: 'AGR',
  territorialOwner: 'T-ZHONGCHENG',
  definitionVersion: '1',
  reportedAt: '2026-03-02T01:00:00.000Z',
});

describe(issueLifecycle.name, () => {
  let env: TestWorkflowEnvironment;
  const recorded: RecordIssueEventInput[] = [];
  // Typed fakes: the test is about the workflow's logic; the real activities are proven against PostgreSQL.
  const activities: Activities = {
    recordIssueEvent: (event: RecordIssueEventInput) => {
      recorded.push(event);
      return Promise.resolve({ written: true });
    },
  };

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('L2: a reported issue appends its first event to the finder unit’s ledger and answers the state query', async () => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'lifecycle',
      workflowsPath: WORKFLOWS_PATH,
      activities,
    });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(issueLifecycle, {
        args: [input('2026-000101')],
        workflowId: 'issue-2026-000101',
        taskQueue: 'lifecycle',
      });
      const state = await handle.query(issueStateQuery);
      expect(state.status).toBe('reported');
      expect(state.sectorOwner).toBe('AGR');
      expect(state.awaiting).toEqual(['AGR']);
      await handle.terminate('test over');
    });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.event).toMatchObject({
      id: 'issue-2026-000101#1',
      seq: 1,
      type: 'reported',
      actor: '王五',
      actorUnit: 'EEB',
    });
    expect(recorded[0]?.opensLedgerLines).toEqual([{ unitCode: 'EEB', role: 'finder' }]);
  });
});
