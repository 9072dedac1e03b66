import { generateSealKey } from '../../documents/seal/seal-keys';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { insertConsultation } from '../../persistence/repositories/consultation.repository';
import { insertPatrol, type NewPatrol } from '../../persistence/repositories/patrol.repository';
import { openDataSource } from '../../persistence/data-source';
import type { ComplianceCycleResult } from '../../workflows/duties/compliance.workflow';
import { createWorker } from '../../worker/worker';
import { eventually } from '../support/harness';
import { recordHistoryIfAsked } from '../support/histories';
import { testServers } from '../support/servers';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { removeDutyTestData } from '../support/duty-test-data';

const TASK_QUEUE = 'it-patrol-compliance-clock';

// Unique per run: the shared database keeps other runs' and other files' organisation.
const RUN = Date.now().toString(36).toUpperCase();
const UNIT = `CLK${RUN}`; // the unit under test: grid A patrolled in week 10, grid B not
const OTHER = `CLK${RUN}-2`; // a unit that held its March consultation
const GRID_A = `${UNIT}-A`;
const GRID_B = `${UNIT}-B`;
const GRID_C = `${OTHER}-C`;
const id = (name: string) => `clk-${RUN.toLowerCase()}-${name}`;
const HEAD = id('head');
const LEADER_A = id('a-leader');
const LEADER_B = id('b-leader');
const MEMBER_A = id('a-member');
const HEAD_2 = id('head-2');
const KP_TWICE = id('kp-twice');
const KP_ONCE = id('kp-once');

/** What this test's notices are about. */
const REFS = [
  `grid/${GRID_A}`,
  `grid/${GRID_B}`,
  `grid/${GRID_C}`,
  `key_point/${KP_TWICE}`,
  `key_point/${KP_ONCE}`,
  `unit/${UNIT}`,
  `unit/${OTHER}`,
];

interface OutboxRow {
  kind: string;
  ref: string;
  audience: string;
  member_id: string | null;
  unit_code: string | null;
}

/**
 * The P1/P2/P5 clocks on simulated time: the real worker (real activities, test PostgreSQL) runs the compliance
 * workflows against the Java time-skipping test server, whose clock the test moves. Shanghai is UTC+8, so
 * 2027-W10 is Monday 03-08 to Sunday 03-14; Friday 09:00 there is 01:00Z, and the week's end + 9 h of grace is
 * Monday 03-15 09:00, 01:00Z. March is judged on April 1st 09:00 (01:00Z), reminded on March 27th 09:00 (01:00Z).
 */
describe('compliance clocks on the time-skipping server (P1, P2, P5)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let nativeConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;

  const patrol = (
    over: Partial<NewPatrol> & Pick<NewPatrol, 'id' | 'gridCode' | 'ledBy' | 'startedAt'>,
  ): NewPatrol => ({
    unitCode: UNIT,
    memberIds: [over.ledBy],
    endedAt: new Date(over.startedAt.getTime() + 2 * 3600_000),
    methods: ['inspection'],
    keyPointIds: [],
    points: [],
    track: null,
    notes: '',
    issueCodes: [],
    recordedBy: over.ledBy,
    recordedAt: new Date(),
    ...over,
  });

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    dataSource = await openDataSource(testServers().databaseUrl, { poolSize: 4 });
    await dataSource.query(
      `INSERT INTO units (code, name, kind, parent_code) VALUES ($1, $2, 'department', 'COUNTY'), ($3, $4, 'township', 'COUNTY')`,
      [UNIT, `时钟测试局${RUN}`, OTHER, `时钟测试镇${RUN}`],
    );
    await dataSource.query(
      `INSERT INTO grids (code, unit_code, name, kind) VALUES ($1, $2, '甲网格', 'sector'), ($3, $2, '乙网格', 'sector'),
         ($4, $5, '丙村网格', 'village')`,
      [GRID_A, UNIT, GRID_B, GRID_C, OTHER],
    );
    await dataSource.query(
      `INSERT INTO members (id, unit_code, grid_code, name, roles, is_section_cadre) VALUES
         ($1, $6, NULL, '测试分网格长', '{sector_head}', false),
         ($2, $6, $7, '甲网格直接负责人', '{grid_member,direct_leader}', true),
         ($3, $6, $8, '乙网格直接负责人', '{grid_member,direct_leader}', true),
         ($4, $6, $7, '甲网格网格员', '{grid_member}', false),
         ($5, $9, NULL, '测试镇网格长', '{grid_head}', false)`,
      [HEAD, LEADER_A, LEADER_B, MEMBER_A, HEAD_2, UNIT, GRID_A, GRID_B, OTHER],
    );
    await dataSource.query(
      `INSERT INTO key_points (id, grid_code, name) VALUES ($1, $3, '甲网格水源地'), ($2, $3, '甲网格排污口')`,
      [KP_TWICE, KP_ONCE, GRID_A],
    );
    // 2027 lies ahead of the API's clock, so the records are written with explicit times.
    await insertPatrol(
      dataSource,
      patrol({
        id: id('p-w10'),
        gridCode: GRID_A,
        ledBy: LEADER_A,
        memberIds: [LEADER_A, MEMBER_A],
        startedAt: new Date('2027-03-09T02:00:00Z'), // Tuesday 10:00, week 10
        keyPointIds: [KP_TWICE, KP_ONCE],
      }),
    );
    await insertPatrol(
      dataSource,
      patrol({
        id: id('p-w11'),
        gridCode: GRID_A,
        ledBy: LEADER_A,
        startedAt: new Date('2027-03-16T02:00:00Z'),
        keyPointIds: [KP_TWICE],
      }),
    );
    await insertPatrol(
      dataSource,
      patrol({
        id: id('p-c'),
        unitCode: OTHER,
        gridCode: GRID_C,
        ledBy: HEAD_2,
        startedAt: new Date('2027-03-10T02:00:00Z'),
      }),
    );
    await insertConsultation(dataSource, {
      id: id('c-march'),
      unitCode: OTHER,
      convenedBy: HEAD_2,
      heldAt: new Date('2027-03-12T07:00:00Z'),
      topic: '三月会商',
      attendees: [
        { memberId: HEAD_2, name: '测试镇网格长', unit: OTHER },
        { name: '王工', unit: '州生态环境局' },
      ],
      minutes: '研究部署',
      decisions: [],
      issueCodes: [],
      recordedBy: HEAD_2,
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
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    // Leave the shared database as found: other files report on the whole organisation (G6, ledgers, inbox).
    await removeDutyTestData(dataSource, {
      units: [UNIT, OTHER],
      noticeRefs: REFS,
      memberIds: [HEAD, LEADER_A, LEADER_B, MEMBER_A, HEAD_2],
      clockPeriods: ['2027-W10', '2027-03'],
    });
    await nativeConnection?.close();
    await dataSource?.destroy();
    await env?.teardown();
  });

  async function travelTo(instant: string): Promise<void> {
    const wait = Date.parse(instant) - (await env.currentTimeMs());
    if (wait < 0) throw new Error(`${instant} is in the past of the test server`);
    await env.sleep(wait);
  }

  /** This test's notices in the outbox (the clock judges every grid of the county; ours are asserted). */
  const outbox = (kinds: string[]) =>
    dataSource.query<OutboxRow[]>(
      `SELECT kind, ref, audience, member_id, unit_code FROM notification_outbox
       WHERE kind = ANY($1::text[]) AND ref = ANY($2::text[]) ORDER BY ref, audience, member_id`,
      [kinds, REFS],
    );
  const arrived = (kinds: string[]) =>
    eventually(async () => {
      const rows = await outbox(kinds);
      return rows.length > 0 ? rows : undefined;
    });

  /** Waits until the workflow sleeps on its timer, so moving the clock moves it past that timer. */
  async function waitForTimer(workflowId: string, timers: number): Promise<void> {
    const handle = env.client.workflow.getHandle(workflowId);
    await eventually(async () => {
      const history = await handle.fetchHistory();
      const started = (history.events ?? []).filter((e) => e.timerStartedEventAttributes).length;
      return started >= timers ? true : undefined;
    });
  }

  /**
   * The result of a workflow that has completed, read through a plain client: the environment's own client lets
   * the server skip time while it waits for a result, which would move the test's clock years ahead.
   */
  const completed = (workflowId: string) =>
    eventually(async () => {
      const handle = new Client({
        connection: env.connection,
        namespace: env.namespace ?? 'default',
      }).workflow.getHandle(workflowId);
      return (await handle.describe()).status.name === 'COMPLETED' ? handle.result() : undefined;
    }) as Promise<ComplianceCycleResult>;

  it('P1: a week without a patrol produces exactly the right notices to the right people', async () => {
    const workflowId = `duty-weekly-patrols-${RUN}`;
    await env.client.workflow.start('weeklyPatrolCompliance', {
      workflowId,
      taskQueue: TASK_QUEUE,
      args: [{ periodId: '2027-W10' }],
    });
    await waitForTimer(workflowId, 1);

    await travelTo('2027-03-12T00:59:00Z'); // Friday 08:59 in Shanghai
    expect(await outbox(['patrol_reminder', 'patrol_missing', 'patrol_not_led_by_head'])).toEqual([]);

    await travelTo('2027-03-12T01:01:00Z'); // Friday 09:01
    expect(await arrived(['patrol_reminder'])).toEqual([
      {
        kind: 'patrol_reminder',
        ref: `grid/${GRID_B}`,
        audience: 'grid_leader',
        member_id: LEADER_B,
        unit_code: UNIT,
      },
    ]);
    await waitForTimer(workflowId, 2);

    await travelTo('2027-03-15T00:59:00Z'); // Monday 08:59: the week is over, its records may still come in
    expect(await outbox(['patrol_missing', 'patrol_not_led_by_head'])).toEqual([]);

    await travelTo('2027-03-15T01:01:00Z'); // Monday 09:01: judged
    expect(await arrived(['patrol_missing', 'patrol_not_led_by_head'])).toEqual([
      {
        kind: 'patrol_missing',
        ref: `grid/${GRID_B}`,
        audience: 'grid_leader',
        member_id: LEADER_B,
        unit_code: UNIT,
      },
      {
        kind: 'patrol_missing',
        ref: `grid/${GRID_B}`,
        audience: 'unit_head',
        member_id: HEAD,
        unit_code: UNIT,
      },
    ]);
    const result = await completed(workflowId);
    expect(result).toMatchObject({ periodId: '2027-W10' });
    await recordHistoryIfAsked(
      'duties-P1-weekly-patrol-compliance',
      env.client.workflow.getHandle(workflowId),
    );
    expect(result.notice.recorded).toBeGreaterThanOrEqual(1);

    const findings = await dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM compliance_findings WHERE grid_code = ANY($1::text[]) ORDER BY id`,
      [[GRID_A, GRID_B]],
    );
    expect(findings.map((f) => f.id)).toEqual([
      `P1-week/2027-W10/${GRID_B}/notice`,
      `P1-week/2027-W10/${GRID_B}/reminder`,
    ]);
  });

  it('P1: running the weekly clock again for a judged week finds and notifies nothing twice', async () => {
    const before = await outbox(['patrol_reminder', 'patrol_missing', 'patrol_not_led_by_head']);
    const [{ n: rows }] = await dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM notification_outbox WHERE ref IS NOT NULL`,
    );
    const workflowId = `duty-weekly-patrols-${RUN}-again`;
    await env.client.workflow.start('weeklyPatrolCompliance', {
      workflowId,
      taskQueue: TASK_QUEUE,
      args: [{ periodId: '2027-W10' }],
    });
    // The week is over: no reminder, the notice stage at once, and every finding already on record.
    const result = await completed(workflowId);
    expect(result.reminder).toBeNull();
    expect(result.notice.findings).toBeGreaterThanOrEqual(1);
    expect([result.notice.recorded, result.notice.notices]).toEqual([0, 0]);
    expect(await outbox(['patrol_reminder', 'patrol_missing', 'patrol_not_led_by_head'])).toEqual(before);
    const [{ n: after }] = await dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM notification_outbox WHERE ref IS NOT NULL`,
    );
    expect(after).toBe(rows);
  });

  it('P1 and P5: a key point covered once and a month without consultation are reminded, then notified', async () => {
    const workflowId = `duty-monthly-coverage-${RUN}`;
    await env.client.workflow.start('monthlyDutyCompliance', {
      workflowId,
      taskQueue: TASK_QUEUE,
      args: [{ periodId: '2027-03' }],
    });
    await waitForTimer(workflowId, 1);
    const kinds = [
      'key_point_reminder',
      'key_point_missing',
      'consultation_reminder',
      'consultation_missing',
    ];

    await travelTo('2027-03-27T00:59:00Z'); // March 27th 08:59 in Shanghai
    expect(await outbox(kinds)).toEqual([]);

    await travelTo('2027-03-27T01:01:00Z');
    expect(await arrived(['key_point_reminder', 'consultation_reminder'])).toEqual([
      {
        kind: 'key_point_reminder',
        ref: `key_point/${KP_ONCE}`,
        audience: 'grid_leader',
        member_id: LEADER_A,
        unit_code: UNIT,
      },
      {
        kind: 'consultation_reminder',
        ref: `unit/${UNIT}`,
        audience: 'unit_head',
        member_id: HEAD,
        unit_code: UNIT,
      },
    ]);
    await waitForTimer(workflowId, 2);

    await travelTo('2027-04-01T00:59:00Z');
    expect(await outbox(['key_point_missing', 'consultation_missing'])).toEqual([]);

    await travelTo('2027-04-01T01:01:00Z'); // April 1st 09:01: March is judged
    const notices = await arrived(['key_point_missing', 'consultation_missing']);
    const [ecoMembers] = await dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM members WHERE active AND unit_code = 'ECO'`,
    );
    expect(notices.filter((r) => r.audience !== 'eco_office')).toEqual([
      {
        kind: 'key_point_missing',
        ref: `key_point/${KP_ONCE}`,
        audience: 'grid_leader',
        member_id: LEADER_A,
        unit_code: UNIT,
      },
      {
        kind: 'key_point_missing',
        ref: `key_point/${KP_ONCE}`,
        audience: 'unit_head',
        member_id: HEAD,
        unit_code: UNIT,
      },
      {
        kind: 'consultation_missing',
        ref: `unit/${UNIT}`,
        audience: 'unit_head',
        member_id: HEAD,
        unit_code: UNIT,
      },
    ]);
    const office = notices.filter((r) => r.audience === 'eco_office');
    expect(office.length).toBe(ecoMembers.n);
    expect(
      office.every(
        (r) => r.kind === 'consultation_missing' && r.ref === `unit/${UNIT}` && r.unit_code === 'ECO',
      ),
    ).toBe(true);
    expect(office.map((r) => r.member_id)).toContain('demo-eco-1');
    await completed(workflowId);
    await recordHistoryIfAsked(
      'duties-P1-P5-monthly-duty-compliance',
      env.client.workflow.getHandle(workflowId),
    );
  });
});
