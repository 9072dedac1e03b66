import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { type ApplicationFailure } from '@temporalio/common';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import { writtenLabels, type NumberedEvent } from '../../activities/issue.activities';
import { buildCalendar, loadedArrangement, OFFICIAL_HOLIDAY_ARRANGEMENTS } from '../../domain/calendar';
import type { Rejection } from '../../domain/common/rejection';
import type { ActionData } from '../../domain/issue/actions';
import type { IssueLifecycleInput, IssueState } from '../../domain/issue/issue.types';
import type { Actor } from '../../domain/organisation/roles';
import type { ActionId } from '../../domain/process/issue-process.definition';
import {
  ACTION_REJECTED,
  calendarUpdatedSignal,
  issueStateQuery,
} from '../../workflows/issue/issue.messages';
import { issueLifecycle } from '../../workflows/issue/issue.workflow';
import { WORKFLOWS_PATH } from '../../worker/worker';
import { saveHistory } from '../support/histories';
import { takeAction } from '../support/take-action';
import { actors, fivePlan, lifecycleInput, report } from '../support/lifecycle-fixtures';
import { createTimeSkippingEnv } from '../support/time-skipping';

const TASK_QUEUE = 'calendar-and-sources';

/** The 2028 arrangement as a notice would give it (元旦 Sat 01-01 to Mon 01-03), for loading into a calendar. */
const NOTICE_2028 = loadedArrangement(2028, {
  notice: {
    title: '国务院办公厅关于2028年部分节假日安排的通知',
    number: '测试〔2027〕1号',
    issued: null,
    url: null,
  },
  holidays: [
    '2028-01-01',
    '2028-01-02',
    '2028-01-03',
    '2028-05-01',
    '2028-05-02',
    '2028-10-01',
    '2028-10-02',
    '2028-10-03',
  ],
  adjustedWorkingDays: [],
});

/**
 * L9 (a calendar that never runs out), L16 (sources) and the notices' words, over the real workflow on the
 * time-skipping server: issues start under process definition 3, as the API starts them now.
 */
describe('issueLifecycle under definition 3: calendar, sources and texts', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const written: NumberedEvent[] = [];
  // Typed fakes: the rules are the workflow's; the real activities are proven against PostgreSQL elsewhere.
  const activities: Pick<Activities, 'recordIssueEvent' | 'appendIssueEvents'> = {
    recordIssueEvent: () => Promise.resolve({ written: true }),
    appendIssueEvents: ({ events }) => {
      written.push(...events);
      return Promise.resolve({ written: events.length, events: writtenLabels(events) });
    },
  };

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
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

  // `npm run record-histories` keeps these histories as replay fixtures of definition 3.
  const touched: WorkflowHandle[] = [];
  let recorded = 0;
  afterEach(async () => {
    if (process.env.RECORD_HISTORIES) {
      const name = expect.getState().currentTestName ?? 'test';
      const slug = /(L\d+)/.exec(name)?.[1] ?? 'x';
      for (const [i, handle] of touched.entries()) {
        await saveHistory(
          `v3-lean-calendar-sources-${slug}-${String(++recorded).padStart(2, '0')}-${handle.workflowId}-${i}`,
          handle,
        );
      }
    }
    touched.length = 0;
  });

  let serial = 500;
  const nextCode = () => `2027-${String(++serial).padStart(6, '0')}`;
  const now = async () => await env.currentTimeMs();

  async function travelTo(instant: string): Promise<void> {
    const wait = Date.parse(instant) - (await now());
    if (wait < 0) throw new Error(`tests are out of order: ${instant} is in the past`);
    await env.sleep(wait);
  }

  async function start(
    overrides: Partial<IssueLifecycleInput> = {},
  ): Promise<WorkflowHandle<typeof issueLifecycle>> {
    const input = lifecycleInput(nextCode(), {
      reportedAt: new Date(await now()).toISOString(),
      ...overrides,
    });
    const handle = await env.client.workflow.start(issueLifecycle, {
      args: [input],
      workflowId: `issue-${input.code}`,
      taskQueue: TASK_QUEUE,
    });
    await until(handle, (s) => s.eventCount >= 1);
    touched.push(handle);
    return handle;
  }

  async function until(handle: WorkflowHandle, ok: (s: IssueState) => boolean): Promise<IssueState> {
    for (let i = 0; i < 100; i++) {
      const state = await handle.query(issueStateQuery);
      if (ok(state)) return state;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('state never matched');
  }

  async function settle(handle: WorkflowHandle): Promise<void> {
    await handle.cancel();
    for (let i = 0; i < 100; i++) {
      if ((await handle.describe()).status.name !== 'RUNNING') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${handle.workflowId} did not end`);
  }

  const act = <A extends ActionId>(handle: WorkflowHandle, action: A, actor: Actor, data: ActionData[A]) =>
    takeAction(handle, action, { actor, data });

  async function refused(promise: Promise<unknown>): Promise<Rejection> {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
      expect(cause.type).toBe(ACTION_REJECTED);
      return cause.details?.[0] as Rejection;
    }
    throw new Error('the action was accepted');
  }

  const eventsOf = (handle: WorkflowHandle) =>
    written.filter((e) => e.id.startsWith(`${handle.workflowId}#`));

  async function eventOf(handle: WorkflowHandle, type: string): Promise<NumberedEvent> {
    for (let i = 0; i < 100; i++) {
      const found = eventsOf(handle).find((e) => e.type === type);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${handle.workflowId} wrote no ${type} event`);
  }

  async function acceptedByUle(overrides: Partial<IssueLifecycleInput> = {}) {
    const handle = await start(overrides);
    await act(handle, 'transfer', actors.wrbMember, { toUnit: 'ULE', reason: '属于生活垃圾，执法局职责' });
    await act(handle, 'acceptTransfer', actors.uleMember, {});
    return handle;
  }

  it('L9: an issue under definition 2 still refuses a plan whose escalations pass the data, as it always did', async () => {
    await travelTo('2027-12-01T01:00:00Z');
    const handle = await acceptedByUle({ definitionVersion: '2' });
    const rejection = await refused(act(handle, 'submitPlan', actors.uleMember, fivePlan('2027-12-31')));
    expect(rejection).toMatchObject({ code: 'beyond-official-calendar', field: 'timeLimit' });
    expect(rejection.message).toMatch(/2028-01-\d\d is outside the official holiday calendar/);
    expect((await handle.query(issueStateQuery)).provisional).toBeUndefined();
    await settle(handle);
  });

  it('L9: a report in mid-December 2027 starts, its deadlines counted beyond the data marked provisional', async () => {
    await travelTo('2027-12-20T01:00:00Z'); // Monday 09:00 Shanghai
    const handle = await start();
    const state = await handle.query(issueStateQuery);
    expect(state.status).toBe('reported');
    // 2 working days: Tue 12-21, Wed 12-22; the 总网格长 step (+10) lands in 2028, which the data lacks.
    expect(state.deadline).toBe('2027-12-22T15:59:59.999Z');
    expect(state.obligations).toEqual([
      expect.objectContaining({ kind: 'report_handling', provisional: true }),
    ]);
    expect(state.provisional).toBe(true);
    await settle(handle);
  });

  it('L9: a new year’s calendar, signalled, re-plans the provisional deadlines on it and clears the mark', async () => {
    await travelTo('2027-12-30T01:00:00Z'); // Thursday 09:00 Shanghai
    const handle = await start();
    // Fri 12-31, then Mon–Fri beyond the data: Mon 2028-01-03.
    const before = await handle.query(issueStateQuery);
    expect(before.deadline).toBe('2028-01-03T15:59:59.999Z');
    expect(before.provisional).toBe(true);
    const calendar = buildCalendar([...OFFICIAL_HOLIDAY_ARRANGEMENTS, NOTICE_2028]);
    await handle.signal(calendarUpdatedSignal, calendar);
    // 2028-01-03 is a day off in the notice: the second working day is Tue 01-04.
    const after = await until(handle, (s) => s.deadline === '2028-01-04T15:59:59.999Z');
    expect(after.provisional).toBe(false);
    const replanned = await eventOf(handle, 'deadlines_replanned');
    expect(replanned.payload).toMatchObject({
      rule: 'L9',
      changes: [
        {
          kind: 'report_handling',
          previousDue: '2028-01-03T15:59:59.999Z',
          due: '2028-01-04T15:59:59.999Z',
          provisional: false,
        },
      ],
    });
    expect(replanned.notices[0]?.audiences).toEqual([{ role: 'unit_head', unit: 'WRB' }]);
    await settle(handle);
  });

  it('L9: a plan whose escalations pass 2027-12-31 is accepted and its ladder climbs on Mon–Fri beyond the data', async () => {
    const handle = await acceptedByUle();
    const planned = await act(handle, 'submitPlan', actors.uleMember, fivePlan('2028-01-07'));
    expect(planned.status).toBe('rectifying');
    expect(planned.obligations).toContainEqual(
      expect.objectContaining({ kind: 'rectification', due: '2028-01-07T15:59:59.999Z', provisional: true }),
    );
    // County supervision 3 working days after Fri 01-07, Monday to Friday: the end of Wed 2028-01-12.
    await travelTo('2028-01-12T16:00:05Z');
    const state = await until(handle, (s) => s.countySupervision);
    expect(state.escalationLevel).toBe(2);
    const steps = eventsOf(handle)
      .filter((e) => e.type === 'escalated' && e.payload.obligation === 'rectification')
      .map((e) => [e.payload.step, Date.parse(e.at) >= Date.parse('2028-01-12T16:00:00Z')]);
    expect(steps).toEqual([
      ['overdue', false],
      ['county_supervision', true],
    ]);
    await settle(handle);
  });

  it('L9: a five-year plan is accepted, its time limit kept as planned and marked provisional', async () => {
    const handle = await acceptedByUle();
    const planned = await act(handle, 'submitPlan', actors.uleMember, fivePlan('2033-01-14'));
    expect(planned.plan?.timeLimit).toBe('2033-01-14');
    expect(planned.obligations).toContainEqual(
      expect.objectContaining({ kind: 'rectification', due: '2033-01-14T15:59:59.999Z', provisional: true }),
    );
    expect(planned.provisional).toBe(true);
    const extended = await act(handle, 'requestExtension', actors.uleMember, {
      reason: '工程量大',
      proposedTimeLimit: '2033-06-30',
    });
    expect(extended.extensions).toHaveLength(1);
    await settle(handle);
  });

  it('L16: 县环委办 corrects a problem’s source with a reason, on the record, and the flag follows it', async () => {
    const handle = await start();
    expect((await handle.query(issueStateQuery)).accountability.flagged).toBe(false);
    const data = { source: 'media' as const, reason: '经核实，该问题系新闻媒体先行曝光' };
    expect(await refused(act(handle, 'correctSource', actors.wrbHead, data))).toMatchObject({
      kind: 'forbidden',
    });
    const corrected = await act(handle, 'correctSource', actors.eco, data);
    expect(corrected.report.source).toBe('media');
    expect(corrected.accountability).toEqual({ flagged: true, reason: '新闻媒体曝光' });
    expect(corrected.sourceCorrections).toEqual([
      expect.objectContaining({ from: 'patrol', to: 'media', reason: data.reason, by: actors.eco.name }),
    ]);
    const event = await eventOf(handle, 'correctSource');
    expect(event).toMatchObject({ actorUnit: 'ECO', payload: { previousSource: 'patrol', flagged: true } });
    // Back to patrol only with the patrol record it was found on.
    const back = { source: 'patrol' as const, reason: '复核：巡查中发现' };
    expect(await refused(act(handle, 'correctSource', actors.eco, back))).toMatchObject({
      code: 'patrol-required',
      field: 'patrolId',
    });
    const unflagged = await act(handle, 'correctSource', actors.eco, { ...back, patrolId: 'patrol-1' });
    expect(unflagged.accountability.flagged).toBe(false);
    expect(unflagged.report.patrolId).toBe('patrol-1');
    await settle(handle);
  });

  it('L16: a media report of a problem the grid already had is recorded as known, not flagged', async () => {
    const handle = await start({ report: report({ source: 'media', knownAs: '2027-000501' }) });
    const state = await handle.query(issueStateQuery);
    expect(state.accountability).toEqual({ flagged: false, reason: null, knownAs: '2027-000501' });
    const known = await eventOf(handle, 'known_before');
    expect(known.notices[0]?.body).toContain('2027-000501');
    expect(eventsOf(handle).some((e) => e.type === 'accountability_flagged')).toBe(false);
    await settle(handle);
  });

  it('L3 and L10: notices name units by their Chinese names and give deadlines in Beijing time', async () => {
    const organisation = { ecoOffice: 'ECO', unitNames: { WRB: '县水务局', ULE: '县综合行政执法局' } };
    const handle = await start({ organisation });
    await act(handle, 'transfer', actors.wrbMember, { toUnit: 'ULE', reason: '属于生活垃圾' });
    const transfer = await eventOf(handle, 'transfer');
    expect(transfer.notices[0]?.body).toMatch(/^县水务局 将问题/);
    expect(transfer.notices[0]?.body).not.toContain('WRB');
    // The 2-working-day acceptance deadline passes unanswered: the overdue notice names the unit and the time.
    await travelTo(new Date((await now()) + 6 * 24 * 3600_000).toISOString());
    const overdue = await eventOf(handle, 'escalated');
    expect(overdue.notices[0]?.body).toMatch(
      /期限为 \d{4}-\d\d-\d\d 23:59（北京时间）.*（责任单位 县综合行政执法局）/,
    );
    await settle(handle);
  });
});
