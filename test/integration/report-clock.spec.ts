import { generateSealKey } from '../../documents/seal/seal-keys';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { insertPatrol } from '../../persistence/repositories/patrol.repository';
import { DEFAULT_DUTY_POLICY } from '../../domain/duties/duty-policy';
import { weekPeriod } from '../../domain/duties/periods';
import { contentHash, sealHash } from '../../domain/duties/reports/report-seal';
import {
  dutyReportId,
  dutyReportInput,
  dutyReportWorkflowId,
  type DutyReportState,
} from '../../domain/duties/reports/reports';
import type { Actor } from '../../domain/organisation/roles';
import { openDataSource } from '../../persistence/data-source';
import { approveReportUpdate, dutyReportStateQuery } from '../../workflows/duties/report.messages';
import type { ReportRoundResult } from '../../workflows/duties/report-rounds.workflow';
import { createWorker } from '../../worker/worker';
import { recordHistoryIfAsked } from '../support/histories';
import { eventually } from '../support/harness';
import { testServers } from '../support/servers';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { removeDutyTestData } from '../support/duty-test-data';
import {
  DutyDueKey,
  DutyKindKey,
  DutyStatusKey,
  OverdueKey,
  OwnerUnitKey,
} from '../../workflows/issue/issue.search-attributes';

const TASK_QUEUE = 'it-report-clock';

// Units of this run only: the shared database keeps other files' organisation and reports.
const RUN = Date.now().toString(36).toUpperCase();
const UNITS = { a: `RC${RUN}-A`, b: `RC${RUN}-B`, c: `RC${RUN}-C` };
const id = (name: string) => `rc-${RUN.toLowerCase()}-${name}`;
const GRID = `${UNITS.a}-G1`;
const LEADER = id('leader');
const WEEK = '2027-W10'; // Mon 2027-03-08 … Sun 03-14 Shanghai; due Wed 03-17 12:00 = 04:00Z

function person(unit: keyof typeof UNITS, role: 'head' | 'deputy'): Actor {
  return {
    id: id(`${unit}-${role}`),
    name: `测试${unit.toUpperCase()}${role === 'head' ? '分网格长' : '副分网格长'}`,
    unitCode: UNITS[unit],
    roles: [role === 'head' ? 'sector_head' : 'sector_deputy'],
  };
}
const heads = { a: person('a', 'head'), b: person('b', 'head'), c: person('c', 'head') };
const deputies = { a: person('a', 'deputy'), b: person('b', 'deputy'), c: person('c', 'deputy') };
const reportIdOf = (unit: keyof typeof UNITS) => dutyReportId('weekly', UNITS[unit], WEEK);
const workflowIdOf = (unit: keyof typeof UNITS) => dutyReportWorkflowId('weekly', UNITS[unit], WEEK);

interface ReportRow {
  status: string;
  revision: number;
  content: Record<string, unknown> & { briefing: { patrols: number; patrolList: Array<{ leader: string }> } };
  content_hash: string;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: Date | null;
  seal_hash: string | null;
  submitted_at: Date | null;
  on_time: boolean | null;
  late_marked_at: Date | null;
  chased: number;
  due_at: Date;
}

/**
 * P3 on simulated time: the real worker (real activities, test PostgreSQL) runs the report workflows against the
 * Java time-skipping test server, whose clock the test moves. Shanghai is UTC+8: the week-10 report is due
 * Wednesday 2027-03-17 12:00 = 04:00Z; reminders at Tuesday 12:00 (04:00Z) and Wednesday 09:00 (01:00Z);
 * chasing on Thursday, Friday and Saturday 12:00.
 */
describe('report clock on the time-skipping server (P3)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let nativeConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  const started: string[] = [];
  const reportIds: string[] = [];

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    dataSource = await openDataSource(testServers().databaseUrl, { poolSize: 4 });
    await dataSource.query(
      `INSERT INTO units (code, name, kind, parent_code) VALUES ($1, '报告测试甲局', 'department', 'COUNTY'),
         ($2, '报告测试乙局', 'department', 'COUNTY'), ($3, '报告测试丙局', 'department', 'COUNTY')`,
      [UNITS.a, UNITS.b, UNITS.c],
    );
    await dataSource.query(
      `INSERT INTO grids (code, unit_code, name, kind) VALUES ($1, $2, '甲局网格一', 'sector')`,
      [GRID, UNITS.a],
    );
    for (const actor of [...Object.values(heads), ...Object.values(deputies)])
      await dataSource.query(`INSERT INTO members (id, unit_code, name, roles) VALUES ($1, $2, $3, $4)`, [
        actor.id,
        actor.unitCode,
        actor.name,
        actor.roles,
      ]);
    await dataSource.query(
      `INSERT INTO members (id, unit_code, grid_code, name, roles, is_section_cadre)
       VALUES ($1, $2, $3, '甲局直接负责人', '{grid_member,direct_leader}', true)`,
      [LEADER, UNITS.a, GRID],
    );
    // 2027 lies ahead of the real clock, so the record is written with explicit times.
    await insertPatrol(dataSource, {
      id: id('patrol'),
      unitCode: UNITS.a,
      gridCode: GRID,
      ledBy: LEADER,
      memberIds: [LEADER],
      startedAt: new Date('2027-03-09T02:00:00Z'),
      endedAt: new Date('2027-03-09T04:00:00Z'),
      methods: ['inspection', 'resident_visit'],
      keyPointIds: [],
      points: [{ name: '河道左岸' }],
      track: null,
      notes: '',
      issueCodes: [],
      recordedBy: LEADER,
      recordedAt: new Date(),
    });
    nativeConnection = await NativeConnection.connect({ address: env.address });
    worker = await createWorker({
      connection: nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue: TASK_QUEUE,
      dataSource,
      // Each worker seals with a key of its own, as after a rotation.
      sealKey: generateSealKey(),
    });
    running = worker.run();

    // Monday 2027-03-15 08:05 Shanghai: the round would start these; the test starts three by hand.
    await travelTo('2027-03-15T00:05:00Z');
    for (const unit of ['a', 'b', 'c'] as const) {
      const input = dutyReportInput('weekly', UNITS[unit], weekPeriod(WEEK), DEFAULT_DUTY_POLICY, 'ECO');
      await env.client.workflow.start('dutyReport', {
        workflowId: workflowIdOf(unit),
        taskQueue: TASK_QUEUE,
        args: [input],
      });
      started.push(workflowIdOf(unit));
      reportIds.push(reportIdOf(unit));
    }
  });

  afterAll(async () => {
    for (const workflowId of started) {
      const handle = env.client.workflow.getHandle(workflowId);
      if ((await handle.describe()).status.name === 'RUNNING') await handle.cancel();
    }
    worker?.shutdown();
    await running;
    await removeTestData();
    await nativeConnection?.close();
    await dataSource?.destroy();
    await env?.teardown();
  });

  /** Leaves the shared database as found: other files report on the whole organisation. */
  async function removeTestData(): Promise<void> {
    await removeDutyTestData(dataSource, { units: Object.values(UNITS), reportIds });
  }

  async function travelTo(instant: string): Promise<void> {
    const wait = Date.parse(instant) - (await env.currentTimeMs());
    if (wait < 0) throw new Error(`${instant} is in the past of the test server`);
    await env.sleep(wait);
  }

  const row = async (unit: keyof typeof UNITS): Promise<ReportRow | undefined> =>
    (await dataSource.query<ReportRow[]>(`SELECT * FROM duty_reports WHERE id = $1`, [reportIdOf(unit)]))[0];

  const events = async (unit: keyof typeof UNITS): Promise<string[]> =>
    (
      await dataSource.query<Array<{ type: string }>>(
        `SELECT type FROM duty_report_events WHERE report_id = $1 ORDER BY at, id`,
        [reportIdOf(unit)],
      )
    ).map((e) => e.type);

  const notices = (unit: keyof typeof UNITS, kind: string) =>
    dataSource.query<
      Array<{ id: string; audience: string; member_id: string | null; unit_code: string; subject: string }>
    >(
      `SELECT id, audience, member_id, unit_code, subject FROM notification_outbox WHERE ref = $1 AND kind = $2
       ORDER BY id`,
      [reportIdOf(unit), kind],
    );

  const approve = (unit: keyof typeof UNITS, actor: Actor): Promise<DutyReportState> =>
    env.client.workflow
      .getHandle(workflowIdOf(unit))
      .executeUpdate(approveReportUpdate, { args: [{ actor }] });

  /** The stored seal must be the sha256 of exactly what the row says was approved. */
  function expectSealed(stored: ReportRow, approver: Actor, reportId: string): void {
    expect(stored.content_hash).toBe(contentHash(stored.content));
    expect(stored.seal_hash).toBe(
      sealHash({
        reportId,
        revision: stored.revision,
        contentHash: stored.content_hash,
        approver: { id: approver.id, name: approver.name },
        approvedAt: stored.approved_at!.toISOString(),
      }),
    );
    expect({ by: stored.approved_by, name: stored.approved_by_name }).toEqual({
      by: approver.id,
      name: approver.name,
    });
  }

  it('P3: the draft holds the week’s patrols; the unit head and deputy are reminded 24 h and 3 h before the deadline', async () => {
    const drafted = await eventually(async () => {
      const r = await row('a');
      return r ? r : undefined;
    });
    expect(drafted).toMatchObject({ status: 'draft', revision: 1, on_time: null });
    expect(drafted.due_at.toISOString()).toBe('2027-03-17T04:00:00.000Z');
    expect(drafted.content.briefing.patrols).toBe(1);
    expect(drafted.content.briefing.patrolList[0].leader).toBe('甲局直接负责人');

    await travelTo('2027-03-16T03:59:00Z'); // Tuesday 11:59: no reminder yet
    expect(await notices('a', 'report_reminder')).toEqual([]);
    await travelTo('2027-03-17T01:00:30Z'); // Wednesday 09:00:30: both reminders
    for (const unit of ['a', 'b', 'c'] as const) {
      const rows = await eventually(async () => {
        const r = await notices(unit, 'report_reminder');
        return r.length === 4 ? r : undefined;
      });
      expect(rows.map((r) => [r.audience, r.member_id]).sort()).toEqual(
        [
          ['unit_deputy', deputies[unit].id],
          ['unit_deputy', deputies[unit].id],
          ['unit_head', heads[unit].id],
          ['unit_head', heads[unit].id],
        ].sort(),
      );
      expect(new Set(rows.map((r) => r.id)).size).toBe(4);
      expect(rows.every((r) => r.subject.includes('2027-03-17 12:00'))).toBe(true);
    }
    expect(await notices('a', 'report_late')).toEqual([]);
  });

  it('P3: a report approved at 11:59 Wednesday is on time', async () => {
    await travelTo('2027-03-17T03:59:00Z'); // Wednesday 11:59 Shanghai
    const state = await approve('a', heads.a);
    expect(state).toMatchObject({ status: 'submitted', onTime: true, lateMarkedAt: null, revision: 1 });
    expect(state.approval!.approvedAt.slice(0, 16)).toBe('2027-03-17T03:59');

    const stored = (await row('a'))!;
    expect(stored).toMatchObject({ status: 'submitted', on_time: true, late_marked_at: null, chased: 0 });
    expect(stored.submitted_at!.toISOString()).toBe(state.approval!.approvedAt);
    expectSealed(stored, heads.a, reportIdOf('a'));
    expect(stored.seal_hash).toBe(state.approval!.sealHash);
    expect(await events('a')).toEqual(['drafted', 'reminded', 'reminded', 'approved']);
    const submitted = await notices('a', 'report_submitted');
    expect(submitted.length).toBeGreaterThan(0);
    expect(submitted.every((n) => n.audience === 'eco_office' && n.unit_code === 'ECO')).toBe(true);
    // Submitted: the workflow completes, and a second approval finds nothing to approve.
    await eventually(async () =>
      (await env.client.workflow.getHandle(workflowIdOf('a')).describe()).status.name === 'COMPLETED'
        ? true
        : undefined,
    );
    await recordHistoryIfAsked(
      'duties-P3-weekly-report-on-time',
      env.client.workflow.getHandle(workflowIdOf('a')),
    );
  });

  it('P3: a report approved at 12:01 Wednesday is late', async () => {
    await travelTo('2027-03-17T04:01:00Z'); // Wednesday 12:01 Shanghai
    const marked = await eventually(async () => {
      const r = await row('b');
      return r?.late_marked_at ? r : undefined;
    });
    expect(marked.late_marked_at!.toISOString().slice(0, 16)).toBe('2027-03-17T04:00');
    const late = await notices('b', 'report_late');
    expect(new Set(late.map((n) => `${n.audience}:${n.unit_code}`))).toEqual(
      new Set([`unit_head:${UNITS.b}`, 'eco_office:ECO']),
    );
    expect(late.find((n) => n.audience === 'unit_head')?.member_id).toBe(heads.b.id);
    expect(late.some((n) => n.audience === 'eco_office' && n.member_id === 'demo-eco-1')).toBe(true);
    // Operators find it in the Temporal UI: DutyKind='weekly' AND Overdue=true.
    const indexed = () => env.client.workflow.getHandle(workflowIdOf('b')).describe();
    const lateIndex = await eventually(async () => {
      const d = await indexed();
      return d.typedSearchAttributes.get(DutyStatusKey) === 'late' ? d.typedSearchAttributes : undefined;
    });
    expect(lateIndex.get(OverdueKey)).toBe(true);
    expect(lateIndex.get(DutyKindKey)).toBe('weekly');
    expect(lateIndex.get(OwnerUnitKey)).toBe(UNITS.b);
    expect(lateIndex.get(DutyDueKey)?.toISOString()).toBe('2027-03-17T04:00:00.000Z');

    // The approval after the deadline is accepted and recorded as late.
    const state = await approve('b', deputies.b);
    expect(state).toMatchObject({ status: 'submitted', onTime: false });
    expect(state.approval!.approvedAt.slice(0, 16)).toBe('2027-03-17T04:01');
    const stored = (await row('b'))!;
    expect(stored).toMatchObject({ status: 'submitted', on_time: false });
    expect(stored.late_marked_at).not.toBeNull();
    expectSealed(stored, deputies.b, reportIdOf('b'));
    expect(await events('b')).toEqual(['drafted', 'reminded', 'reminded', 'late_marked', 'approved']);
    const submittedIndex = (await indexed()).typedSearchAttributes;
    expect([submittedIndex.get(DutyStatusKey), submittedIndex.get(OverdueKey)]).toEqual(['submitted', false]);
    await eventually(async () =>
      (await env.client.workflow.getHandle(workflowIdOf('b')).describe()).status.name === 'COMPLETED'
        ? true
        : undefined,
    );
    await recordHistoryIfAsked(
      'duties-P3-weekly-report-late',
      env.client.workflow.getHandle(workflowIdOf('b')),
    );
    // The one on time was not marked late.
    expect((await row('a'))!.late_marked_at).toBeNull();
    expect(await notices('a', 'report_late')).toEqual([]);
  });

  it('P3: a missing report is chased once a day, three times, then no more', async () => {
    await travelTo('2027-03-18T04:00:30Z'); // Thursday 12:00:30: first chase
    await eventually(async () => ((await row('c'))?.chased === 1 ? true : undefined));
    await travelTo('2027-03-20T04:00:30Z'); // Saturday 12:00:30: third chase
    await eventually(async () => ((await row('c'))?.chased === 3 ? true : undefined));
    await travelTo('2027-03-25T00:00:00Z'); // days later: nothing more
    const stored = (await row('c'))!;
    expect(stored).toMatchObject({ status: 'draft', chased: 3, on_time: null });
    const chases = await notices('c', 'report_chased');
    expect(new Set(chases.map((n) => n.subject.match(/第(\d)次/)?.[1]))).toEqual(new Set(['1', '2', '3']));
    expect(new Set(chases.map((n) => `${n.audience}:${n.unit_code}`))).toEqual(
      new Set([`unit_head:${UNITS.c}`, 'eco_office:ECO']),
    );
    expect(await events('c')).toEqual([
      'drafted',
      'reminded',
      'reminded',
      'late_marked',
      'chased',
      'chased',
      'chased',
    ]);
    const live = await env.client.workflow.getHandle(workflowIdOf('c')).query(dutyReportStateQuery);
    expect(live).toMatchObject({ status: 'draft', chased: 3, remindersSent: 2, next: null });

    // Another unit's head cannot seal it: a typed rejection, nothing changes.
    const refused = await approve('c', heads.a).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({
      type: 'DutyReportRejected',
      details: [expect.objectContaining({ kind: 'forbidden', field: 'actor' })],
    });
    expect((await row('c'))!.status).toBe('draft');
    await recordHistoryIfAsked(
      'duties-P3-weekly-report-chased',
      env.client.workflow.getHandle(workflowIdOf('c')),
    );
  });

  // Last: awaiting a workflow's result lets the test server skip time, which the clock tests above must not see.
  it('P3: the weekly round starts one report per department, township and park, and a second run starts none', async () => {
    const units = (
      await dataSource.query<Array<{ code: string }>>(
        `SELECT code FROM units WHERE kind IN ('department','township','park') ORDER BY code`,
      )
    ).map((u) => u.code);
    const expected = units.map((u) => dutyReportWorkflowId('weekly', u, '2027-W12'));
    reportIds.push(...units.map((u) => dutyReportId('weekly', u, '2027-W12')));
    started.push(...expected);

    const first = await env.client.workflow.execute('weeklyReportRound', {
      workflowId: `duty-weekly-reports-${RUN}-1`,
      taskQueue: TASK_QUEUE,
      args: [{ periodId: '2027-W12' }],
    });
    expect((first as ReportRoundResult).period).toBe('2027-W12');
    expect([...(first as ReportRoundResult).started].sort()).toEqual([...expected].sort());
    expect(expected).toContain(dutyReportWorkflowId('weekly', UNITS.a, '2027-W12'));
    expect(expected.some((w) => w.includes('/ECO/') || w.includes('/COUNTY/') || w.includes('/V-'))).toBe(
      false,
    );

    const second = (await env.client.workflow.execute('weeklyReportRound', {
      workflowId: `duty-weekly-reports-${RUN}-2`,
      taskQueue: TASK_QUEUE,
      args: [{ periodId: '2027-W12' }],
    })) as ReportRoundResult;
    expect(second.started).toEqual([]);
    await recordHistoryIfAsked(
      'duties-P3-weekly-report-round',
      env.client.workflow.getHandle(`duty-weekly-reports-${RUN}-1`),
    );
    expect([...second.existing].sort()).toEqual([...expected].sort());

    // The children outlive the round: each drafted its report, due Wednesday 2027-03-31 12:00.
    const rows = await eventually(async () => {
      const r = await dataSource.query<Array<{ id: string; due_at: Date }>>(
        `SELECT id, due_at FROM duty_reports WHERE kind = 'weekly' AND period = '2027-W12'`,
      );
      return r.length === units.length ? r : undefined;
    });
    expect(new Set(rows.map((r) => r.due_at.toISOString()))).toEqual(new Set(['2027-03-31T04:00:00.000Z']));
  });
});
