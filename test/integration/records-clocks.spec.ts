import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { DEFAULT_CALENDAR } from '../../domain/calendar/working-days';
import { DEFAULT_DUTY_POLICY } from '../../domain/duties/duty-policy';
import { DEFAULT_DEADLINE_POLICY } from '../../domain/process/issue-process.definition';
import type { Actor } from '../../domain/organisation/roles';
import {
  clueTerms,
  clueWorkflowId,
  formatClueId,
  type ClueInput,
  type ClueState,
} from '../../domain/records/violation-clues';
import {
  formatTaskCode,
  initialTaskState,
  taskLadderTimes,
  taskWorkflowId,
  type AssignedTaskInput,
  type AssignedTaskState,
} from '../../domain/tasks/assigned-task';
import { generateSealKey } from '../../documents/seal/seal-keys';
import { openDataSource } from '../../persistence/data-source';
import type { WorkPlanCycleResult } from '../../workflows/duties/work-plan.workflow';
import { answerClueUpdate } from '../../workflows/records/violation-clue.messages';
import { acceptTaskUpdate, reportTaskUpdate } from '../../workflows/tasks/assigned-task.messages';
import { createWorker } from '../../worker/worker';
import { removeDutyTestData } from '../support/duty-test-data';
import { eventually } from '../support/harness';
import { recordHistoryIfAsked } from '../support/histories';
import { testServers } from '../support/servers';
import { createTimeSkippingEnv } from '../support/time-skipping';

const TASK_QUEUE = 'it-records-clocks';
const RUN = Date.now().toString(36).toUpperCase();
const N = Date.now() % 1_000_000;
const CLUE_LATE = formatClueId(9000, N);
const CLUE_ANSWERED = formatClueId(9001, N);
const TASK = formatTaskCode(9000, N);
const PLAN_UNIT = `WPC${RUN}-A`; // submitted its plan
const MISSING_UNIT = `WPC${RUN}-B`; // did not
const FILE = Buffer.from(`%PDF-1.7\n% work plan clock ${RUN}\n%%EOF\n`);

const eebMember: Actor = {
  id: 'demo-eeb-member-1',
  name: '演示-EEB网格员1',
  unitCode: 'EEB',
  roles: ['grid_member'],
};
const eebHead: Actor = {
  id: 'demo-eeb-head',
  name: '演示-EEB分网格长',
  unitCode: 'EEB',
  roles: ['sector_head'],
};
const eco: Actor = { id: 'demo-eco-1', name: '演示-环委办干部', unitCode: 'ECO', roles: ['office_staff'] };
const chief: Actor = { id: 'demo-chief', name: '演示-县长', unitCode: 'COUNTY', roles: ['chief'] };

interface Notice {
  kind: string;
  audience: string;
  member_id: string | null;
}

/**
 * The clocks of R2, R3 and R4 on simulated time: the real worker (real activities, test PostgreSQL) against the
 * Java time-skipping test server, whose clock the test moves forward from today: a clue's first-answer term, an
 * assigned task's escalation ladder, then the work-plan clock of next year's March.
 */
describe('records clocks on the time-skipping server (R2, R3, R4)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let nativeConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  /** Waits for results without unlocking time skipping (the test client's `result()` would skip years ahead). */
  let plain: Client;
  const started: string[] = [];

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    dataSource = await openDataSource(testServers().databaseUrl, { poolSize: 4 });
    nativeConnection = await NativeConnection.connect({ address: env.address });
    worker = await createWorker({
      connection: nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue: TASK_QUEUE,
      dataSource,
      sealKey: generateSealKey(),
    });
    running = worker.run();
    plain = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
  });

  afterAll(async () => {
    for (const workflowId of started) {
      const handle = env.client.workflow.getHandle(workflowId);
      if ((await handle.describe()).status.name === 'RUNNING') await handle.terminate('test done');
    }
    worker?.shutdown();
    await running;
    const refs = [
      `violation-clue/${CLUE_LATE}`,
      `violation-clue/${CLUE_ANSWERED}`,
      `assigned-task/${TASK}`,
      `unit/${PLAN_UNIT}`,
      `unit/${MISSING_UNIT}`,
    ];
    await removeDutyTestData(dataSource, {
      units: [],
      noticeRefs: refs,
      clockPeriods: ['2027'],
    });
    await dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`DELETE FROM violation_clue_events WHERE clue_id = ANY($1)`, [
        [CLUE_LATE, CLUE_ANSWERED],
      ]);
      await m.query(`DELETE FROM violation_clues WHERE id = ANY($1)`, [[CLUE_LATE, CLUE_ANSWERED]]);
      await m.query(`DELETE FROM assigned_task_events WHERE task_code = $1`, [TASK]);
      await m.query(`DELETE FROM assigned_tasks WHERE code = $1`, [TASK]);
      await m.query(`DELETE FROM work_plans WHERE unit_code = ANY($1)`, [[PLAN_UNIT, MISSING_UNIT]]);
      await m.query(`DELETE FROM members WHERE unit_code = ANY($1)`, [[PLAN_UNIT, MISSING_UNIT]]);
      await m.query(`DELETE FROM units WHERE code = ANY($1)`, [[PLAN_UNIT, MISSING_UNIT]]);
    });
    await nativeConnection?.close();
    await dataSource?.destroy();
    await env?.teardown();
  });

  async function travelTo(instant: number): Promise<void> {
    const wait = instant - (await env.currentTimeMs());
    if (wait < 0) throw new Error(`${new Date(instant).toISOString()} is in the past of the test server`);
    await env.sleep(wait);
  }

  const notices = (ref: string, kind: string) =>
    dataSource.query<Notice[]>(
      `SELECT kind, audience, member_id FROM notification_outbox WHERE ref = $1 AND kind = $2 ORDER BY audience, member_id`,
      [ref, kind],
    );
  const noticesAre = (ref: string, kind: string, count: number) =>
    eventually(async () => {
      const rows = await notices(ref, kind);
      return rows.length === count ? rows : undefined;
    });
  const people = (rows: Notice[]) => rows.map((r) => [r.audience, r.member_id]);

  describe('R2 clue', () => {
    let terms: ClueInput['terms'];

    it('R2: an unanswered clue is reminded to the bureau before its first-answer term and told to 县环委办 after it; an answered one is not', async () => {
      const handedAt = await env.currentTimeMs();
      terms = clueTerms(DEFAULT_CALENDAR, handedAt, DEFAULT_DUTY_POLICY);
      expect(terms.reminderAt).not.toBeNull();
      const input = (id: string): ClueInput => ({
        id,
        title: `测试线索${id}`,
        description: '河道边疑似偷排。',
        township: 'T-GUZHOU',
        village: null,
        location: null,
        suspect: { kind: 'organisation', name: '测试企业', creditCode: '91350100M000100Y43' },
        evidence: [],
        issueCodes: [],
        handedBy: { id: 'demo-t-guzhou-head', name: '演示-T-GUZHOU网格长' },
        handedByUnit: 'T-GUZHOU',
        handedByUnitName: '古州镇（演示）',
        handedAt: new Date(handedAt).toISOString(),
        terms,
        receiver: 'EEB',
        ecoOffice: 'ECO',
      });
      for (const id of [CLUE_LATE, CLUE_ANSWERED]) {
        await env.client.workflow.start('violationClue', {
          workflowId: clueWorkflowId(id),
          taskQueue: TASK_QUEUE,
          args: [input(id)],
        });
        started.push(clueWorkflowId(id));
      }
      await noticesAre(`violation-clue/${CLUE_LATE}`, 'violation_clue', 2);
      await env.client.workflow.getHandle(clueWorkflowId(CLUE_ANSWERED)).executeUpdate(answerClueUpdate, {
        args: [{ actor: eebMember, answer: 'acknowledge', note: '已受理。' }],
      });

      const reminderAt = Date.parse(terms.reminderAt!);
      await travelTo(reminderAt - 60_000);
      expect(await notices(`violation-clue/${CLUE_LATE}`, 'violation_clue_reminder')).toEqual([]);
      await travelTo(reminderAt + 30_000);
      const reminded = await noticesAre(`violation-clue/${CLUE_LATE}`, 'violation_clue_reminder', 2);
      expect(people(reminded)).toEqual([
        ['unit_deputy', 'demo-eeb-deputy'],
        ['unit_head', 'demo-eeb-head'],
      ]);

      await travelTo(Date.parse(terms.firstAnswerDue) + 30_000);
      const overdue = await noticesAre(`violation-clue/${CLUE_LATE}`, 'violation_clue_overdue', 3);
      expect(people(overdue)).toEqual([
        ['eco_office', 'demo-eco-1'],
        ['eco_office', 'demo-eco-head'],
        ['unit_head', 'demo-eeb-head'],
      ]);
      const late = env.client.workflow.getHandle(clueWorkflowId(CLUE_LATE));
      expect((await late.describe()).searchAttributes).toMatchObject({
        Overdue: [true],
        DutyStatus: ['received'],
      });
      const [row] = await dataSource.query<Array<{ status: string; overdue_marked_at: Date | null }>>(
        `SELECT status, overdue_marked_at FROM violation_clues WHERE id = $1`,
        [CLUE_LATE],
      );
      expect(row.status).toBe('received');
      expect(row.overdue_marked_at).not.toBeNull();
      // The answered clue was neither reminded nor reported overdue.
      for (const kind of ['violation_clue_reminder', 'violation_clue_overdue'])
        expect(await notices(`violation-clue/${CLUE_ANSWERED}`, kind)).toEqual([]);
    });

    it('R2: a late first answer is recorded as late; deciding the clue completes its workflow', async () => {
      const late = env.client.workflow.getHandle(clueWorkflowId(CLUE_LATE));
      const acknowledged: ClueState = await late.executeUpdate(answerClueUpdate, {
        args: [{ actor: eebMember, answer: 'acknowledge', note: '已受理（逾期）。' }],
      });
      expect(acknowledged.status).toBe('investigating');
      const [event] = await dataSource.query<Array<{ payload: { onTime: boolean } }>>(
        `SELECT payload FROM violation_clue_events WHERE clue_id = $1 AND type = 'acknowledged'`,
        [CLUE_LATE],
      );
      expect(event.payload.onTime).toBe(false);
      await late.executeUpdate(answerClueUpdate, {
        args: [{ actor: eebHead, answer: 'no_case', note: '经核查未发现违法排污行为。' }],
      });
      const answered = env.client.workflow.getHandle(clueWorkflowId(CLUE_ANSWERED));
      await answered.executeUpdate(answerClueUpdate, {
        args: [{ actor: eebHead, answer: 'open_case', note: '予以立案。', caseNumber: '测试立〔2026〕1号' }],
      });
      for (const handle of [late, answered]) {
        const result: ClueState = await plain.workflow.getHandle(handle.workflowId).result();
        expect(['no_case', 'case_opened']).toContain(result.status);
      }
      await recordHistoryIfAsked('records-R2-clue-late', late);
      await recordHistoryIfAsked('records-R2-clue-answered', answered);
    });
  });

  describe('R4 task', () => {
    it('R4: an assigned task’s deadline climbs the ladder: reminder, overdue, county supervision, the 总网格长; a report holds it', async () => {
      const now = await env.currentTimeMs();
      const deadline = new Date(now + 8 * 3600_000 + 12 * 86_400_000).toISOString().slice(0, 10);
      const input: AssignedTaskInput = {
        code: TASK,
        title: '测试交办任务',
        description: '测试督办阶梯。',
        assignee: 'ECO',
        assigneeName: '县环委办',
        assigner: { id: chief.id, name: chief.name, unitCode: chief.unitCode },
        deadline,
        issueCodes: [],
        assignedAt: new Date(now).toISOString(),
        policy: {
          reminderWorkingDaysBefore: DEFAULT_DEADLINE_POLICY.reminderWorkingDaysBefore,
          countySupervisionAfterWorkingDays: DEFAULT_DEADLINE_POLICY.countySupervisionAfterWorkingDays,
          chiefEscalationAfterWorkingDays: DEFAULT_DEADLINE_POLICY.chiefEscalationAfterWorkingDays,
        },
        calendar: DEFAULT_CALENDAR,
        ecoOffice: 'ECO',
      };
      const handle = await env.client.workflow.start('assignedTask', {
        workflowId: taskWorkflowId(TASK),
        taskQueue: TASK_QUEUE,
        args: [input],
      });
      started.push(handle.workflowId);
      const ref = `assigned-task/${TASK}`;
      await noticesAre(ref, 'task_assigned', 2);
      const times = taskLadderTimes(initialTaskState(input), DEFAULT_CALENDAR);

      await travelTo(times[0] - 60_000);
      expect(await notices(ref, 'task_reminder')).toEqual([]);
      await travelTo(times[0] + 30_000);
      // 县环委办 carries the task: its members are reminded.
      expect(people(await noticesAre(ref, 'task_reminder', 2))).toEqual([
        ['eco_office', 'demo-eco-1'],
        ['eco_office', 'demo-eco-head'],
      ]);

      await travelTo(times[1] + 30_000);
      const escalations = () => noticesAre.bind(null, ref, 'task_escalation');
      expect(people(await escalations()(2))).toEqual([
        ['member', 'demo-chief'],
        ['unit_head', 'demo-eco-head'],
      ]);
      expect((await handle.describe()).searchAttributes).toMatchObject({
        Overdue: [true],
        EscalationLevel: [1],
      });
      await travelTo(times[2] + 30_000);
      const county = await escalations()(5);
      expect(
        people(county).filter(([audience]) => audience !== 'member' && audience !== 'unit_head'),
      ).toEqual([
        ['deputy_chief', 'demo-deputy-chief'],
        ['eco_office', 'demo-eco-1'],
        ['eco_office', 'demo-eco-head'],
      ]);
      await travelTo(times[3] + 30_000);
      const all = await escalations()(6);
      expect(all.filter((n) => n.audience === 'chief').map((n) => n.member_id)).toEqual(['demo-chief']);
      const [row] = await dataSource.query<
        Array<{ step: number; overdue: boolean; county_supervision: boolean }>
      >(`SELECT step, overdue, county_supervision FROM assigned_tasks WHERE code = $1`, [TASK]);
      expect(row).toEqual({ step: 3, overdue: true, county_supervision: true });

      // The report holds the task for the assigner; accepted, the task is done.
      const reported: AssignedTaskState = await handle.executeUpdate(reportTaskUpdate, {
        args: [{ actor: eco, text: '已完成。' }],
      });
      expect(reported.status).toBe('reported');
      const accepted: AssignedTaskState = await handle.executeUpdate(acceptTaskUpdate, {
        args: [{ actor: chief, text: '同意办结。' }],
      });
      expect(accepted).toMatchObject({ status: 'accepted', overdue: false, countySupervision: true });
      expect((await plain.workflow.getHandle(handle.workflowId).result()).status).toBe('accepted');
      const events = await dataSource.query<Array<{ type: string }>>(
        `SELECT type FROM assigned_task_events WHERE task_code = $1 ORDER BY seq`,
        [TASK],
      );
      expect(events.map((e) => e.type)).toEqual([
        'assigned',
        'reminded',
        'escalated',
        'escalated',
        'escalated',
        'reported',
        'accepted',
      ]);
      await recordHistoryIfAsked('tasks-R4-ladder', handle);
    });
  });

  describe('R3 work plans', () => {
    it('R3: the yearly clock reminds the departments whose plan is missing, notifies them and 县环委办 after the due day, and finds nothing twice', async () => {
      await dataSource.query(
        `INSERT INTO units (code, name, kind, parent_code) VALUES ($1, '方案时钟甲局', 'department', 'COUNTY'),
           ($2, '方案时钟乙局', 'department', 'COUNTY')`,
        [PLAN_UNIT, MISSING_UNIT],
      );
      for (const unit of [PLAN_UNIT, MISSING_UNIT])
        await dataSource.query(
          `INSERT INTO members (id, unit_code, name, roles) VALUES ($1, $2, $3, '{sector_head}'), ($4, $2, $5, '{sector_deputy}')`,
          [
            `${unit}-head`.toLowerCase(),
            unit,
            `${unit}局长`,
            `${unit}-deputy`.toLowerCase(),
            `${unit}副局长`,
          ],
        );
      const fileId = (await import('node:crypto')).createHash('sha256').update(FILE).digest('hex');
      await dataSource.query(
        `INSERT INTO evidence_files (id, content, media_type, size, uploaded_by) VALUES ($1, $2, 'application/pdf', $3, 'test')
         ON CONFLICT DO NOTHING`,
        [fileId, FILE, FILE.length],
      );
      await dataSource.query(
        `INSERT INTO work_plans (id, unit_code, year, title, file_id, submitted_by, submitted_by_name, submitted_at)
         VALUES ($1, $2, 2027, '方案', $3, 'x', 'x', now())`,
        [`${PLAN_UNIT}-2027`, PLAN_UNIT, fileId],
      );
      const handle = await env.client.workflow.start('annualWorkPlanCompliance', {
        workflowId: `duty-annual-work-plans-${RUN}`,
        taskQueue: TASK_QUEUE,
        args: [{ periodId: '2027' }],
      });
      started.push(handle.workflowId);
      // Due by the end of March 31 (Shanghai); reminded 7 days before at 09:00 (01:00Z); judged April 1, 09:00.
      await travelTo(Date.parse('2027-03-24T00:59:00Z'));
      expect(await notices(`unit/${MISSING_UNIT}`, 'work_plan_reminder')).toEqual([]);
      await travelTo(Date.parse('2027-03-24T01:00:30Z'));
      const reminded = await noticesAre(`unit/${MISSING_UNIT}`, 'work_plan_reminder', 2);
      expect(people(reminded)).toEqual([
        ['unit_deputy', `${MISSING_UNIT}-deputy`.toLowerCase()],
        ['unit_head', `${MISSING_UNIT}-head`.toLowerCase()],
      ]);
      expect(await notices(`unit/${PLAN_UNIT}`, 'work_plan_reminder')).toEqual([]);

      await travelTo(Date.parse('2027-04-01T01:00:30Z'));
      const result: WorkPlanCycleResult = await plain.workflow.getHandle(handle.workflowId).result();
      expect(result.year).toBe(2027);
      expect(result.reminder?.recorded).toBeGreaterThan(0);
      const missing = await noticesAre(`unit/${MISSING_UNIT}`, 'work_plan_missing', 3);
      expect(people(missing)).toEqual([
        ['eco_office', 'demo-eco-1'],
        ['eco_office', 'demo-eco-head'],
        ['unit_head', `${MISSING_UNIT}-head`.toLowerCase()],
      ]);
      expect(await notices(`unit/${PLAN_UNIT}`, 'work_plan_missing')).toEqual([]);
      const findings = await dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM compliance_findings WHERE rule = 'R3-work-plan' AND unit_code = $1 ORDER BY id`,
        [MISSING_UNIT],
      );
      expect(findings.map((f) => f.id)).toEqual([
        `R3-work-plan/2027/${MISSING_UNIT}/notice`,
        `R3-work-plan/2027/${MISSING_UNIT}/reminder`,
      ]);
      await recordHistoryIfAsked('duties-R3-work-plans', handle);

      // The clock run again for the judged year records and notifies nothing twice.
      const again: WorkPlanCycleResult = await plain.workflow.execute('annualWorkPlanCompliance', {
        workflowId: `duty-annual-work-plans-${RUN}-again`,
        taskQueue: TASK_QUEUE,
        args: [{ periodId: '2027' }],
      });
      expect(again.reminder).toBeNull();
      expect([again.notice.recorded, again.notice.notices]).toEqual([0, 0]);
      expect(again.notice.findings).toBeGreaterThan(0);
    });
  });
});
