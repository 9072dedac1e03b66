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
import { ISSUE_PROCESS } from '../../domain/process/issue-process.definition';
import { ACTION_REJECTED, issueStateQuery } from '../../workflows/issue/issue.messages';
import { issueLifecycle, jointWorkflowId } from '../../workflows/issue/issue.workflow';
import {
  CategoryKey,
  IssueStatusKey,
  SeverityKey,
  TownshipKey,
} from '../../workflows/issue/issue.search-attributes';
import { WORKFLOWS_PATH } from '../../worker/worker';
import { actors, fivePlan, lifecycleInput, report, supervisionGroup } from '../support/lifecycle-fixtures';
import { saveHistory } from '../support/histories';
import { takeAction } from '../support/take-action';
import { createTimeSkippingEnv } from '../support/time-skipping';

const TASK_QUEUE = 'lifecycle';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe(issueLifecycle.name, () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const written: NumberedEvent[] = [];
  // Typed fakes: these tests are about the workflow's rules; the real activities are proven against PostgreSQL.
  const activities: Pick<Activities, 'recordIssueEvent' | 'appendIssueEvents' | 'deliverDueNotifications'> = {
    recordIssueEvent: () => Promise.resolve({ written: true }),
    appendIssueEvents: ({ events }) => {
      written.push(...events);
      return Promise.resolve({ written: events.length, events: writtenLabels(events) });
    },
    // The notification dispatcher is not started here; its delivery is proven in test/integration/notifications*.
    deliverDueNotifications: () =>
      Promise.resolve({ claimed: 0, sent: 0, failed: 0, waiting: 0, more: false, pollSeconds: 10 }),
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

  // `npm run record-histories` keeps every test's histories as replay fixtures (test/fixtures/histories), named by
  // the definition version they ran, so the files of issues under an older version are kept.
  const touched: WorkflowHandle[] = [];
  afterEach(async () => {
    if (process.env.RECORD_HISTORIES) {
      const name = (expect.getState().currentTestName ?? 'test').replace(/^issueLifecycle /, '');
      const slug = name.slice(0, 3).replace(/[^A-Za-z0-9]/g, '') || 'x';
      for (const [i, handle] of touched.entries()) {
        await saveHistory(
          `v${ISSUE_PROCESS.version}-lean-${slug}-${String(++recorded).padStart(2, '0')}-${handle.workflowId}-${i}`,
          handle,
        );
      }
    }
    touched.length = 0;
  });
  let recorded = 0;

  let serial = 0;
  const nextCode = () => `2027-${String(++serial).padStart(6, '0')}`;
  const now = async () => await env.currentTimeMs();

  /** Moves the test server's clock to an instant (Asia/Shanghai business dates are then known by hand). */
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

  async function writtenEvent(id: string): Promise<(typeof written)[number] | undefined> {
    for (let i = 0; i < 100; i++) {
      const event = written.find((e) => e.id === id);
      if (event) return event;
      await new Promise((r) => setTimeout(r, 50));
    }
    return undefined;
  }

  async function waitForCompletion(handle: WorkflowHandle): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if ((await handle.describe()).status.name === 'COMPLETED') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${handle.workflowId} did not complete`);
  }

  /** Ends a test's issue cleanly (cancellation runs through the worker, so the server's clock stays free). */
  async function settle(handle: WorkflowHandle): Promise<void> {
    await handle.cancel();
    for (let i = 0; i < 100; i++) {
      if ((await handle.describe()).status.name !== 'RUNNING') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${handle.workflowId} did not end`);
  }

  /** Takes an action and checks the new state against the process definition it runs. */
  async function act<A extends ActionId>(
    handle: WorkflowHandle,
    action: A,
    actor: Actor,
    data: ActionData[A],
  ): Promise<IssueState> {
    const state = await takeAction(handle, action, { actor, data });
    const definition = ISSUE_PROCESS.actions.find((a) => a.id === action)!;
    const stateDefinition = ISSUE_PROCESS.states.find((s) => s.id === state.status)!;
    const allowedDeadlines = new Set<string>([
      ...stateDefinition.timers.map((t) => t.kind),
      ...ISSUE_PROCESS.standingDeadlines.map((d) => d.kind),
    ]);
    if (definition.to.length > 0 && state.status !== 'archived') {
      expect([action, definition.to.includes(state.status)]).toEqual([action, true]);
    }
    for (const obligation of state.obligations)
      expect([state.status, allowedDeadlines.has(obligation.kind)]).toEqual([state.status, true]);
    return state;
  }

  async function refused(promise: Promise<unknown>): Promise<Rejection> {
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
  }

  const eventsOf = (handle: WorkflowHandle) =>
    written.filter((e) => e.id.startsWith(`${handle.workflowId}#`));
  const types = (handle: WorkflowHandle) => eventsOf(handle).map((e) => e.type);

  /** Transfers from the finder (WRB) to the owner (ULE), which accepts: the usual way into rectification. */
  async function acceptedByUle(overrides: Partial<IssueLifecycleInput> = {}) {
    const handle = await start(overrides);
    await act(handle, 'transfer', actors.wrbMember, { toUnit: 'ULE', reason: '属于生活垃圾，执法局职责' });
    await act(handle, 'acceptTransfer', actors.uleMember, {});
    return handle;
  }

  async function rectifying(timeLimit: string, overrides: Partial<IssueLifecycleInput> = {}) {
    const handle = await acceptedByUle(overrides);
    await act(handle, 'submitPlan', actors.uleMember, fivePlan(timeLimit));
    await act(handle, 'reportTransferFeedback', actors.uleMember, { result: '已立案，按五定方案整改' });
    return handle;
  }

  async function toSignOff(handle: WorkflowHandle, publicNotice = false) {
    await act(handle, 'applyForClosure', actors.uleMember, {
      summary: '已清运完毕',
      evidence: ['after.jpg'],
    });
    await act(handle, 'acceptRectification', actors.eco, { opinion: '验收合格', publicNotice });
  }

  it('L1: the report event records what was reported and by whom, and the Temporal UI can find it by category, township and severity', async () => {
    await travelTo('2027-01-04T01:00:00Z');
    const reported = report({
      source: 'public_report',
      severity: 'major',
      location: { lat: 25.93, lng: 108.52 },
      evidence: ['photo-1', 'photo-2'],
    });
    const handle = await start({ report: reported });
    const [first] = eventsOf(handle);
    // The report as the event records it (L15 keeps it): every field the report carried, with its discoverer.
    expect(first).toMatchObject({ type: 'reported', actor: '水务局网格员', actorUnit: 'WRB' });
    expect(first?.payload.report).toEqual(reported);
    const attributes = (await handle.describe()).typedSearchAttributes;
    expect([CategoryKey, TownshipKey, SeverityKey, IssueStatusKey].map((key) => attributes.get(key))).toEqual(
      ['domestic_waste', 'T-GUZHOU', 'major', 'reported'],
    );
    await settle(handle);
  });

  it('L2: the report is entered in the finder unit’s ledger at once', async () => {
    const handle = await start();
    // The query sees the event count before the activity has written the event: wait for the write.
    const first = await writtenEvent(`${handle.workflowId}#1`);
    expect(first).toMatchObject({ type: 'reported', seq: 1, actorUnit: 'WRB', id: `${handle.workflowId}#1` });
    expect(first?.ledger).toContainEqual({ op: 'open', unit: 'WRB', role: 'finder' });
    await settle(handle);
  });

  it('L3: a transfer is accepted by the owning unit, which must feed the result back to the transferring unit', async () => {
    const handle = await start();
    expect(await refused(act(handle, 'acceptTransfer', actors.uleMember, {}))).toMatchObject({
      kind: 'wrong-state',
    });
    const transferred = await act(handle, 'transfer', actors.wrbMember, {
      toUnit: 'ULE',
      reason: '非本部门职责',
    });
    expect(transferred.status).toBe('transferred');
    expect(transferred.awaiting).toEqual(['ULE']);
    // Only the unit the transfer is addressed to may accept it.
    expect(await refused(act(handle, 'acceptTransfer', actors.agrMember, {}))).toMatchObject({
      kind: 'forbidden',
      code: 'actor-not-permitted',
    });
    const accepted = await act(handle, 'acceptTransfer', actors.uleMember, {});
    expect(accepted).toMatchObject({ status: 'accepted', owner: 'ULE', sectorOwner: 'ULE' });
    expect(accepted.obligations.map((o) => o.kind).sort()).toEqual(['plan', 'transfer_feedback']);
    const fed = await act(handle, 'reportTransferFeedback', actors.uleMember, { result: '已立案查处' });
    expect(fed.transfers[0]).toMatchObject({ outcome: 'accepted', feedback: { result: '已立案查处' } });
    const feedback = eventsOf(handle).find((e) => e.type === 'reportTransferFeedback');
    expect(feedback?.notices[0]?.audiences).toEqual([{ role: 'unit_head', unit: 'WRB' }]);
    await settle(handle);
  });

  it('L3: a returned transfer reaches 县环委办, which decides the owner', async () => {
    const handle = await start({ report: report({ category: 'illegal_fishing' }), sectorOwner: 'AGR' });
    await act(handle, 'transfer', actors.wrbMember, { toUnit: 'AGR', reason: '非法捕捞' });
    expect(await refused(act(handle, 'returnTransfer', actors.agrMember, { reason: '' }))).toMatchObject({
      kind: 'invalid-data',
      field: 'reason',
    });
    const returned = await act(handle, 'returnTransfer', actors.agrMember, { reason: '系电鱼，属公安管辖' });
    expect(returned).toMatchObject({ status: 'owner_pending', awaiting: ['ECO'] });
    const notice = eventsOf(handle).find((e) => e.type === 'returnTransfer')?.notices[0];
    expect(notice?.audiences).toContainEqual({ role: 'eco_office', unit: 'ECO' });
    // Nobody but 县环委办 decides.
    expect(await refused(act(handle, 'assignOwner', actors.wrbMember, { unit: 'FOR' }))).toMatchObject({
      kind: 'forbidden',
    });
    const assigned = await act(handle, 'assignOwner', actors.eco, { unit: 'FOR' });
    expect(assigned).toMatchObject({ status: 'accepted', owner: 'FOR', sectorOwner: 'FOR' });
    await settle(handle);
  });

  it('L3: an unanswered transfer escalates after its 2-working-day acceptance deadline', async () => {
    await travelTo('2027-01-11T01:00:00Z'); // Monday 09:00 in Shanghai
    const handle = await start();
    const transferred = await act(handle, 'transfer', actors.wrbMember, { toUnit: 'ULE', reason: '移交' });
    // Two working days after Monday: the end of Wednesday 2027-01-13 in Shanghai.
    expect(transferred.deadline).toBe('2027-01-13T15:59:59.999Z');
    await travelTo('2027-01-13T16:00:05Z');
    const state = await until(handle, (s) => s.overdue);
    expect(state.escalationLevel).toBe(1);
    const escalated = eventsOf(handle).find((e) => e.type === 'escalated');
    expect(escalated?.payload).toMatchObject({ obligation: 'transfer_acceptance', unit: 'ULE', level: 1 });
    await settle(handle);
  });

  it('L4: an immediate fix needs evidence and the confirmation of the grid’s direct leader, then goes to closure', async () => {
    const handle = await acceptedByUle();
    expect(
      await refused(
        act(handle, 'recordImmediateFix', actors.uleMember, { description: '已清理', evidence: [] }),
      ),
    ).toMatchObject({
      code: 'evidence-required',
      rule: 'L4',
    });
    await act(handle, 'recordImmediateFix', actors.uleMember, {
      description: '已当场清理',
      evidence: ['after.jpg'],
    });
    // A plain grid member cannot confirm; the direct leader can.
    expect(await refused(act(handle, 'confirmFix', actors.uleMember, { opinion: '同意' }))).toMatchObject({
      kind: 'forbidden',
    });
    const confirmed = await act(handle, 'confirmFix', actors.uleLeader, { opinion: '现场核实已整改' });
    expect(confirmed.status).toBe('awaiting_signoff');
    expect(confirmed.awaiting.sort()).toEqual(['T-GUZHOU', 'ULE']);
    await settle(handle);
  });

  it('L5: a plan needs all five 五定 items', async () => {
    const handle = await acceptedByUle();
    for (const missing of [
      'responsibleUnit',
      'responsiblePerson',
      'measures',
      'timeLimit',
      'target',
    ] as const) {
      const plan: Record<string, string> = { ...fivePlan('2027-06-30') };
      delete plan[missing];
      const rejection = await refused(
        act(handle, 'submitPlan', actors.uleMember, plan as unknown as ActionData['submitPlan']),
      );
      expect(rejection).toMatchObject({
        kind: 'invalid-data',
        code: 'five-items-incomplete',
        field: missing,
        rule: 'L5',
      });
    }
    expect((await handle.query(issueStateQuery)).status).toBe('accepted');
    const state = await act(handle, 'submitPlan', actors.uleMember, fivePlan('2027-06-30'));
    expect(state.status).toBe('rectifying');
    expect(state.plan).toMatchObject({ responsiblePerson: '执法局直接负责人', timeLimit: '2027-06-30' });
    expect(state.obligations.find((o) => o.kind === 'rectification')?.due).toBe('2027-06-30T15:59:59.999Z');
    await settle(handle);
  });

  it('L5: the plan is due within 5 working days of acceptance', async () => {
    await travelTo('2027-02-01T01:00:00Z'); // Monday; Spring Festival 2027 starts Friday 02-05
    const handle = await acceptedByUle();
    const state = await handle.query(issueStateQuery);
    // 5 working days after Mon 02-01, with the holiday (projected 02-05..02-13, 01-31 and 02-14 worked): 02-02, 02-03,
    // 02-04, 02-14 (adjusted Sunday), 02-15.
    expect(state.obligations.find((o) => o.kind === 'plan')?.due).toBe('2027-02-15T15:59:59.999Z');
    await settle(handle);
  });

  it('L6: closure needs the sign-off of both owners, each by its head or designated sign-off officer, never a plain grid member', async () => {
    const handle = await rectifying('2027-06-30');
    await toSignOff(handle);
    expect(await refused(act(handle, 'signOff', actors.uleMember, { opinion: '同意销号' }))).toMatchObject({
      kind: 'forbidden',
      code: 'not-a-signatory',
      rule: 'L6',
    });
    expect(await refused(act(handle, 'signOff', actors.townshipMember, { opinion: '同意' }))).toMatchObject({
      code: 'not-a-signatory',
    });
    const one = await act(handle, 'signOff', actors.uleSignOffOfficer, { opinion: '同意销号' });
    expect(one.status).toBe('awaiting_signoff');
    expect(one.awaiting).toEqual(['T-GUZHOU']);
    expect(one.closure.signOffs.sector).toMatchObject({ by: '执法局销号签字人', unit: 'ULE' });
    expect(await refused(act(handle, 'signOff', actors.uleHead, { opinion: '再签' }))).toMatchObject({
      code: 'already-signed',
    });
    expect(await refused(act(handle, 'signOff', actors.agrMember, { opinion: '同意' }))).toMatchObject({
      kind: 'forbidden',
    });
    const both = await act(handle, 'signOff', actors.township, { opinion: '同意销号' });
    expect(both.status).toBe('archived');
    expect((await until(handle, (s) => s.status === 'archived')).closure.archivedAt).not.toBeNull();
    const closed = eventsOf(handle).find((e) => e.type === 'closed');
    expect(closed?.ledger).toEqual([
      { op: 'close', unit: 'ULE', role: 'sector_owner' },
      { op: 'close', unit: 'T-GUZHOU', role: 'territorial_owner' },
      { op: 'close', unit: 'WRB', role: 'finder' },
    ]);
  });

  it('L7: a progress report moves milestones but never the deadline, and a week without one brings a reminder', async () => {
    await travelTo('2027-03-01T01:00:00Z');
    const handle = await rectifying('2027-05-31');
    expect(
      await refused(
        act(handle, 'reportProgress', actors.uleMember, { note: '进展', timeLimit: '2027-07-31' }),
      ),
    ).toMatchObject({ code: 'deadline-moves-only-by-extension', rule: 'L7' });
    const progressed = await act(handle, 'reportProgress', actors.uleMember, {
      note: '已清运一半',
      milestones: [{ date: '2027-03-15', description: '清运完毕', done: false }],
    });
    expect(progressed.plan?.milestones).toHaveLength(1);
    expect(progressed.plan?.timeLimit).toBe('2027-05-31');
    await env.sleep(7 * DAY + HOUR);
    await until(handle, () => types(handle).includes('progress_reminder'));
    await settle(handle);
  });

  it('L8: a refused extension leaves the deadline; an approved one moves it and every later escalation', async () => {
    await travelTo('2027-04-05T01:00:00Z'); // Monday
    const handle = await rectifying('2027-04-16'); // Friday
    await act(handle, 'requestExtension', actors.uleMember, {
      reason: '雨季无法施工',
      proposedTimeLimit: '2027-04-30',
    });
    expect(
      await refused(act(handle, 'decideExtension', actors.uleMember, { approved: true, note: '自批' })),
    ).toMatchObject({ kind: 'forbidden' });
    const refusedState = await act(handle, 'decideExtension', actors.eco, {
      approved: false,
      note: '理由不充分',
    });
    expect(refusedState.plan?.timeLimit).toBe('2027-04-16');
    expect(refusedState.deadline).toBe('2027-04-16T15:59:59.999Z');
    await act(handle, 'requestExtension', actors.uleMember, {
      reason: '需采购设备',
      proposedTimeLimit: '2027-04-30',
    });
    const approved = await act(handle, 'decideExtension', actors.eco, { approved: true, note: '同意延期' });
    expect(approved.plan?.timeLimit).toBe('2027-04-30');
    expect(approved.deadline).toBe('2027-04-30T15:59:59.999Z');
    // Past the old deadline: no escalation, because the ladder follows the new one.
    await travelTo('2027-04-20T02:00:00Z');
    const midway = await handle.query(issueStateQuery);
    expect(midway.overdue).toBe(false);
    expect(types(handle)).not.toContain('escalated');
    // Past the new deadline: overdue at once; county supervision 3 working days on, after Labour Day (05-01..05-05):
    // 05-06, 05-07 and the adjusted Saturday 05-08.
    await travelTo('2027-04-30T16:00:05Z');
    expect((await until(handle, (s) => s.overdue)).escalationLevel).toBe(1);
    await travelTo('2027-05-08T15:00:00Z');
    expect((await handle.query(issueStateQuery)).escalationLevel).toBe(1);
    await travelTo('2027-05-08T16:00:05Z');
    const supervised = await until(handle, (s) => s.escalationLevel === 2);
    expect(supervised.countySupervision).toBe(true);
    const decisions = eventsOf(handle)
      .filter((e) => e.type === 'decideExtension')
      .map((e) => e.payload.approved);
    expect(decisions).toEqual([false, true]);
    await settle(handle);
  });

  it('L8: extensions of a major issue are decided by the county grid heads, not 县环委办', async () => {
    const handle = await rectifying('2027-06-30', { report: report({ severity: 'major' }) });
    await act(handle, 'requestExtension', actors.uleMember, {
      reason: '工程量大',
      proposedTimeLimit: '2027-08-31',
    });
    expect(
      await refused(act(handle, 'decideExtension', actors.eco, { approved: true, note: '同意' })),
    ).toMatchObject({ kind: 'forbidden' });
    const decided = await act(handle, 'decideExtension', actors.deputyChief, {
      approved: true,
      note: '同意',
    });
    expect(decided.plan?.timeLimit).toBe('2027-08-31');
    await settle(handle);
  });

  it('L10: the escalation ladder reminds, then notifies the direct leader and unit head, county supervision, and the 总网格长', async () => {
    await travelTo('2027-05-31T01:00:00Z'); // Monday
    const handle = await rectifying('2027-06-04'); // Friday
    // Reminder 2 working days before: the end of Wednesday 06-02.
    await travelTo('2027-06-02T16:00:05Z');
    await until(handle, () => types(handle).includes('deadline_reminder'));
    expect((await handle.query(issueStateQuery)).overdue).toBe(false);
    await travelTo('2027-06-04T16:00:05Z');
    await until(handle, (s) => s.escalationLevel === 1);
    // Dragon Boat (projected 06-09) is a holiday: 3 working days after Fri 06-04 are 06-07, 06-08, 06-10.
    await travelTo('2027-06-09T16:00:05Z');
    expect((await handle.query(issueStateQuery)).escalationLevel).toBe(1);
    await travelTo('2027-06-10T16:00:05Z');
    await until(handle, (s) => s.escalationLevel === 2);
    await travelTo('2027-06-21T16:00:05Z'); // 10 working days after 06-04
    const top = await until(handle, (s) => s.escalationLevel === 3);
    expect(top.countySupervision).toBe(true);
    const ladder = eventsOf(handle).filter((e) => e.type === 'deadline_reminder' || e.type === 'escalated');
    expect(ladder.map((e) => e.notices[0]?.audiences.map((a) => a.role))).toEqual([
      ['responsible_person'],
      ['direct_leader', 'unit_head'],
      ['deputy_chief', 'eco_office'],
      ['chief'],
    ]);
    expect(ladder[0]?.notices[0]?.audiences[0]).toMatchObject({ unit: 'ULE', name: '执法局直接负责人' });
    // Every step is on the record (L10) and visible to operators through the search attributes.
    const description = await handle.describe();
    expect(description.searchAttributes.Overdue).toEqual([true]);
    expect(description.searchAttributes.EscalationLevel).toEqual([3]);
    await settle(handle);
  });

  it('L11: a joint investigation runs as a child workflow and completes when every unit has reported', async () => {
    await travelTo('2027-07-05T01:00:00Z');
    const handle = await start();
    const data = {
      lead: { unit: 'EEB', task: '监测水质，查明污染源', dueDate: '2027-07-09' },
      coUnits: [
        { unit: 'AGR', task: '排查上游养殖场', dueDate: '2027-07-09' },
        { unit: 'FOR', task: '核查林地占用', dueDate: '2027-07-12' },
      ],
    };
    expect(await refused(act(handle, 'startJointInvestigation', actors.eco, data))).toMatchObject({
      kind: 'forbidden',
    });
    const started = await act(handle, 'startJointInvestigation', actors.deputyChief, data);
    expect(started.status).toBe('joint_investigation');
    const child = env.client.workflow.getHandle(jointWorkflowId(handle.workflowId, 1));
    expect((await child.describe()).type).toBe('jointInvestigation');
    await act(handle, 'reportJointFinding', actors.eebMember, { finding: '上游养殖场直排' });
    expect(
      await refused(act(handle, 'reportJointFinding', actors.eebMember, { finding: '再报' })),
    ).toMatchObject({
      code: 'finding-already-reported',
    });
    await act(handle, 'reportJointFinding', actors.agrMember, { finding: '确认两家养殖场无处理设施' });
    // FOR lets its due date pass: the issue hears of it from the child.
    await travelTo('2027-07-12T16:00:05Z');
    await until(handle, () => types(handle).includes('joint_task_overdue'));
    const done = await act(handle, 'reportJointFinding', actors.forMember, { finding: '未占用林地' });
    expect(done).toMatchObject({ status: 'accepted', owner: 'EEB', sectorOwner: 'EEB' });
    await waitForCompletion(child);
    await settle(handle);
  });

  it('L12: a major issue notifies the county heads, copies the prefecture counterpart and needs a consultation', async () => {
    const handle = await rectifying('2027-09-30', { report: report({ severity: 'major' }) });
    const major = eventsOf(handle).find((e) => e.type === 'major_issue_reported');
    expect(major?.notices.map((n) => [n.kind, n.audiences])).toEqual([
      ['major_issue', [{ role: 'chief' }, { role: 'deputy_chief' }, { role: 'eco_office', unit: 'ECO' }]],
      ['major_issue_copy', [{ role: 'prefecture_counterpart', unit: 'ULE' }]],
    ]);
    expect(major?.notices[1]?.subject).toBe('【重大问题抄报】河道倾倒生活垃圾');
    expect((await handle.query(issueStateQuery)).prefectureCopies).toEqual([
      { unit: 'ULE', at: expect.any(String) },
    ]);
    const rejection = await refused(
      act(handle, 'applyForClosure', actors.uleMember, { summary: '完成', evidence: ['a.jpg'] }),
    );
    expect(rejection).toMatchObject({ code: 'consultation-required', rule: 'L12' });
    await act(handle, 'recordConsultation', actors.chief, {
      date: '2027-07-20',
      attendees: ['县长', '执法局', '古州镇'],
      minutes: '研究整改方案',
      decisions: ['限期清运'],
    });
    const applied = await act(handle, 'applyForClosure', actors.uleMember, {
      summary: '完成',
      evidence: ['a.jpg'],
    });
    expect(applied.status).toBe('awaiting_acceptance');
    await settle(handle);
  });

  it('L13: the public supervision group is validated, and its leader’s sign-off, with his own account, is required for closure', async () => {
    const handle = await rectifying('2027-09-30');
    const incomplete = supervisionGroup.filter((m) => m.kind !== 'women_representative');
    expect(
      await refused(act(handle, 'formSupervisionGroup', actors.township, { members: [...incomplete] })),
    ).toMatchObject({
      code: 'supervision-group-composition',
      rule: 'L13',
    });
    expect(
      await refused(
        act(handle, 'formSupervisionGroup', actors.uleMember, { members: [...supervisionGroup] }),
      ),
    ).toMatchObject({
      kind: 'forbidden',
    });
    // The leader signs for the group with an account of his own, so the group names it.
    const unbound = supervisionGroup.map((m) => ({ name: m.name, kind: m.kind }));
    expect(
      await refused(act(handle, 'formSupervisionGroup', actors.township, { members: unbound })),
    ).toMatchObject({ code: 'leader-account-required', rule: 'L13' });
    await act(handle, 'formSupervisionGroup', actors.township, { members: [...supervisionGroup] });
    await act(handle, 'applyForClosure', actors.uleMember, {
      summary: '已清运完毕',
      evidence: ['after.jpg'],
    });
    // With a group, 县环委办 cannot waive the 公示 (L14).
    expect(
      await refused(act(handle, 'acceptRectification', actors.eco, { opinion: '合格', publicNotice: false })),
    ).toMatchObject({ code: 'public-notice-required', rule: 'L14' });
    const noticed = await act(handle, 'acceptRectification', actors.eco, { opinion: '验收合格' });
    expect(noticed.status).toBe('public_notice');
    await travelTo(new Date(Date.parse(noticed.closure.publicNotice!.endsAt) + 5000).toISOString());
    await until(handle, (s) => s.status === 'awaiting_signoff');
    await act(handle, 'signOff', actors.uleHead, { opinion: '同意' });
    const bothOwners = await act(handle, 'signOff', actors.township, { opinion: '同意' });
    expect(bothOwners.status).toBe('awaiting_signoff');
    // A typed name is no signature: a township head cannot sign for the group, even naming its leader.
    expect(
      await refused(
        act(handle, 'supervisionGroupSignOff', actors.township, { leaderName: '杨书记', opinion: '同意' }),
      ),
    ).toMatchObject({ kind: 'forbidden', code: 'not-the-group-leader' });
    const closed = await act(handle, 'supervisionGroupSignOff', actors.villageSecretary, {
      opinion: '群众满意',
    });
    expect(closed.status).toBe('archived');
    expect(closed.closure.signOffs.supervisionGroup).toMatchObject({ by: '杨书记', unit: 'T-GUZHOU' });
  });

  it('L14: acceptance, a public notice with an objection, dual closure, an archive manifest, and reopening on recurrence', async () => {
    await travelTo('2027-08-02T01:00:00Z'); // Monday
    const handle = await rectifying('2027-08-31');
    await act(handle, 'applyForClosure', actors.uleMember, { summary: '已整改', evidence: ['after.jpg'] });
    const sentBack = await act(handle, 'sendBack', actors.eco, { reason: '仍有垃圾' });
    expect(sentBack.status).toBe('rectifying');
    await act(handle, 'applyForClosure', actors.uleMember, {
      summary: '已彻底整改',
      evidence: ['after2.jpg'],
    });
    const noticed = await act(handle, 'acceptRectification', actors.eco, {
      opinion: '验收合格',
      publicNotice: true,
    });
    expect(noticed.status).toBe('public_notice');
    // 5 working days from Monday 08-02: the end of Monday 08-09.
    expect(noticed.closure.publicNotice?.endsAt).toBe('2027-08-09T15:59:59.999Z');
    const objected = await act(handle, 'fileObjection', actors.eco, {
      objector: '村民张某',
      content: '夜间仍有倾倒',
    });
    expect(objected.closure.publicNotice?.objections).toHaveLength(1);
    await travelTo('2027-08-09T16:00:05Z');
    // The period is over but an objection is open: still in notice.
    expect((await handle.query(issueStateQuery)).status).toBe('public_notice');
    const resolved = await act(handle, 'resolveObjection', actors.eco, {
      objection: 1,
      valid: false,
      note: '经核实系误报',
    });
    expect(resolved.status).toBe('awaiting_signoff');
    await act(handle, 'signOff', actors.uleHead, { opinion: '同意' });
    const archived = await act(handle, 'signOff', actors.township, { opinion: '同意' });
    expect(archived.status).toBe('archived');
    const manifest = eventsOf(handle).find((e) => e.type === 'archived')?.payload.manifest as Array<{
      item: string;
    }>;
    expect(manifest.map((m) => m.item)).toEqual(
      expect.arrayContaining([
        '五定工作表',
        '整改证明材料',
        '验收意见',
        '公示',
        '行业主管部门销号',
        '属地乡镇销号',
      ]),
    );
    // (Queried rather than awaited: awaiting a result lets the test server skip time freely.)
    const final = await until(handle, (s) => s.status === 'archived');
    await waitForCompletion(handle);

    // Recurrence: a new run of the same workflow id carries on the history (L14, L15).
    const reopened = await env.client.workflow.start(issueLifecycle, {
      args: [
        {
          ...lifecycleInput(final.code),
          reopen: { previous: final, reason: '同一地点再次倾倒', actor: '县环委办干部', actorUnit: 'ECO' },
        },
      ],
      workflowId: handle.workflowId,
      taskQueue: TASK_QUEUE,
    });
    touched.push(reopened);
    const state = await until(reopened, (s) => s.reopenCount === 1 && s.eventCount > final.eventCount);
    expect(state).toMatchObject({ status: 'accepted', owner: 'ULE', plan: null });
    // The query sees the new event count before the activity has written the event: wait for the write.
    const reopenEvent = await writtenEvent(`${handle.workflowId}#${final.eventCount + 1}`);
    expect(reopenEvent).toMatchObject({ type: 'reopened', actorUnit: 'ECO' });
    await settle(reopened);
  });

  it('L15: every change is an appended, attributed, timestamped event with a gapless sequence', async () => {
    const handle = await rectifying('2027-12-01');
    await act(handle, 'reportProgress', actors.uleMember, { note: '进展一' });
    const events = eventsOf(handle);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    for (const e of events) {
      expect(e.actor).toBeTruthy();
      expect(e.actorUnit).toBeTruthy();
      expect(Number.isNaN(Date.parse(e.at))).toBe(false);
    }
    expect(events.map((e) => e.type)).toEqual([
      'reported',
      'transfer',
      'acceptTransfer',
      'owner_accepted',
      'submitPlan',
      'reportTransferFeedback',
      'reportProgress',
    ]);
    await settle(handle);
  });

  it('L16: an issue first exposed by the media is flagged for accountability', async () => {
    const handle = await start({ report: report({ source: 'media' }) });
    const state = await handle.query(issueStateQuery);
    expect(state.accountability).toEqual({ flagged: true, reason: '新闻媒体曝光' });
    const flagged = eventsOf(handle).find((e) => e.type === 'accountability_flagged');
    expect(flagged?.notices[0]?.audiences).toContainEqual({ role: 'eco_office', unit: 'ECO' });
    const patrol = await start();
    expect((await patrol.query(issueStateQuery)).accountability.flagged).toBe(false);
    await settle(handle);
    await settle(patrol);
  });

  it('L9: a deadline of 10 working days that spans the National Day holiday fires on the right day', async () => {
    await travelTo('2027-09-27T01:00:00Z'); // Monday 09:00 Shanghai
    const policy = { ...ISSUE_PROCESS.policy, planDueWorkingDays: 10 };
    // Found by its own owner: the report is the acceptance and the plan is due in 10 working days.
    const handle = await start({ report: report({ finderUnit: 'ULE', reportedBy: '执法局网格员' }), policy });
    const state = await handle.query(issueStateQuery);
    // 09-28, 09-29, 09-30, (10-01..10-07 holiday), 10-08, 10-09 (adjusted Saturday), 10-11 … 10-15.
    expect(state.deadline).toBe('2027-10-15T15:59:59.999Z');
    await travelTo('2027-10-15T15:00:00Z');
    expect((await handle.query(issueStateQuery)).overdue).toBe(false);
    await travelTo('2027-10-15T16:00:05Z');
    await until(handle, (s) => s.overdue);
    const fired = eventsOf(handle).find((e) => e.type === 'escalated');
    expect(Date.parse(fired!.at)).toBeGreaterThanOrEqual(Date.parse('2027-10-15T16:00:00Z'));
    expect(Date.parse(fired!.at)).toBeLessThan(Date.parse('2027-10-15T16:01:00Z'));
    await settle(handle);
  });

  it('refuses an action not allowed in the current state and leaves the workflow untouched', async () => {
    const handle = await start();
    const before = await handle.query(issueStateQuery);
    const rejection = await refused(act(handle, 'signOff', actors.uleMember, { opinion: '同意' }));
    expect(rejection).toMatchObject({ kind: 'wrong-state', code: 'action-not-allowed-in-state' });
    expect(await handle.query(issueStateQuery)).toEqual(before);
    await settle(handle);
  });
});
