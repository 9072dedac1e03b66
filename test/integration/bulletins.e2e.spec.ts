import request from 'supertest';
import type { DataSource } from 'typeorm';
import { BulletinsController } from '../../api/bulletins/bulletins.controller';
import { DEFAULT_DUTY_POLICY } from '../../domain/duties/duty-policy';
import { weekPeriod } from '../../domain/duties/periods';
import {
  dutyReportId,
  dutyReportInput,
  dutyReportWorkflowId,
  type DutyReportInput,
} from '../../domain/duties/reports/reports';
import type { Actor } from '../../domain/organisation/roles';
import { eventually, startHarness, type Harness } from '../support/harness';
import { actors } from '../support/lifecycle-fixtures';
import { checkPdf, compactText } from '../support/pdf-check';
import { bearer } from '../support/tokens';
import { removeDutyTestData } from '../support/duty-test-data';

// Units of this run only: the shared database keeps other files' organisation and reports.
const RUN = Date.now().toString(36).toUpperCase();
const P = `BU${RUN}-P`; // submits on time
const Q = `BU${RUN}-Q`; // submits late
const R = `BU${RUN}-R`; // drafts, never submits
const UNITS = [P, Q, R];
const id = (name: string) => `bu-${RUN.toLowerCase()}-${name}`;
const WEEK = '2027-W30'; // Mon 2027-07-26 … Sun 08-01 Shanghai
const MONTH = '2027-07';
const ISSUE_BASE = 100000 + ((Date.now() + 400000) % 800000);
const issueCode = (n: number) => `2027-${String(ISSUE_BASE + n).padStart(6, '0')}`;

const head = (unit: string, name: string): Actor => ({
  id: id(`${unit.slice(-1).toLowerCase()}-head`),
  name,
  unitCode: unit,
  roles: ['sector_head'],
});
const who = {
  pHead: head(P, '测试P局局长'),
  qHead: head(Q, '测试Q局局长'),
  rHead: head(R, '测试R局局长'),
  ecoHead: { id: id('eco-head'), name: '测试环委办主任', unitCode: 'ECO', roles: ['sector_head'] },
  eco: actors.eco,
} satisfies Record<string, Actor>;
const leader = (unit: string) => id(`${unit.slice(-1).toLowerCase()}-leader`);
const grid = (unit: string) => `${unit}-G1`;

function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

interface BulletinBody {
  submissions: Array<{ unit: string; kind: string; status: string }>;
  submissionTotals: Record<string, number>;
  statistics: Array<{
    unit: string;
    patrols: number;
    gridsPatrolled: number;
    issuesFound: number;
    closed: number;
  }>;
  overdueIssues: Array<{ code: string }>;
  notable: Array<{ code: string; note: string }>;
  audience: string;
}

/**
 * P8 over HTTP: 县环委办 compiles the bulletin of a week from the units' weekly reports and the records, its head
 * seals it. Real API, real worker, Temporal dev server (real clock, 2026), test PostgreSQL.
 */
describe(BulletinsController.name, () => {
  let h: Harness;
  let db: DataSource;
  let reportingUnits: number;
  const workflows = new Set<string>();
  const server = () => request(h.app.getHttpServer());
  const get = (actor: Actor, url: string) => server().get(url).set('authorization', bearer(actor));
  const post = (actor: Actor, url: string, body: object = {}) =>
    server().post(url).set('authorization', bearer(actor)).send(body);

  async function startReport(input: DutyReportInput): Promise<void> {
    const workflowId = dutyReportWorkflowId(input.kind, input.unit, input.period);
    await h.client.workflow.start('dutyReport', {
      workflowId,
      taskQueue: h.config.TEMPORAL_TASK_QUEUE,
      args: [input],
    });
    workflows.add(workflowId);
    await eventually(async () => {
      const [row] = await db.query<Array<{ late_marked_at: Date | null }>>(
        `SELECT late_marked_at FROM duty_reports WHERE id = $1`,
        [dutyReportId(input.kind, input.unit, input.period)],
      );
      // A report already past its deadline is marked late before it is approved.
      return row && (Date.parse(input.dueAt!) > Date.now() || row.late_marked_at) ? row : undefined;
    });
  }

  async function patrol(
    unit: string,
    n: number,
    startedAt: string,
    issueCodes: string[] = [],
  ): Promise<void> {
    await db.query(
      `INSERT INTO patrols (id, unit_code, grid_code, led_by, member_ids, started_at, ended_at, methods, issue_codes,
         week_id, month_id, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $6::timestamptz + interval '2 hours', '{inspection}', $7, '2027-W30', '2027-07', $4)`,
      [
        id(`patrol-${unit.slice(-1)}-${n}`),
        unit,
        grid(unit),
        leader(unit),
        [leader(unit)],
        startedAt,
        issueCodes,
      ],
    );
  }

  async function issue(
    n: number,
    finder: string,
    over: {
      severity?: string;
      reportedAt: string;
      accountability?: boolean;
      overdue?: boolean;
      escalation?: number;
    },
    line: { openedAt: string; closedAt?: string },
  ): Promise<string> {
    const code = issueCode(n);
    await db.query(
      `INSERT INTO issues (code, workflow_id, title, description, category, severity, source, township, finder_unit,
         reported_by, sector_owner, territorial_owner, status, definition_version, overdue, escalation_level,
         county_supervision, accountability_flagged, reported_at, last_event_seq, updated_at)
       VALUES ($1, $2, $3, '测试问题', 'domestic_waste', $4, 'patrol', 'T-GUZHOU', $5, '测试', $5, 'T-GUZHOU',
         $6, '2', $7, $8, $9, $10, $11, 1, $11)`,
      [
        code,
        `issue-${code}`,
        `通报测试问题${n}`,
        over.severity ?? 'general',
        finder,
        line.closedAt ? 'closed' : 'rectifying',
        over.overdue ?? false,
        over.escalation ?? 0,
        (over.escalation ?? 0) >= 2,
        over.accountability ?? false,
        over.reportedAt,
      ],
    );
    await db.query(
      `INSERT INTO ledger_entries (issue_code, unit_code, role, opened_at, closed_at, opened_by_event)
       VALUES ($1, $2, 'finder', $3, $4, $5)`,
      [code, finder, line.openedAt, line.closedAt ?? null, `issue-${code}#1`],
    );
    return code;
  }

  const codes = { major: '', flagged: '', closed: '', escalated: '' };

  beforeAll(async () => {
    h = await startHarness('it-bulletins');
    db = h.dataSource;
    await db.query(
      `INSERT INTO units (code, name, kind, parent_code) VALUES ($1, '通报测试P局', 'department', 'COUNTY'),
         ($2, '通报测试Q局', 'department', 'COUNTY'), ($3, '通报测试R局', 'department', 'COUNTY')`,
      UNITS,
    );
    for (const unit of UNITS) {
      await db.query(
        `INSERT INTO grids (code, unit_code, name, kind) VALUES ($1, $2, '测试网格', 'sector')`,
        [grid(unit), unit],
      );
      await db.query(
        `INSERT INTO members (id, unit_code, grid_code, name, roles, is_section_cadre)
         VALUES ($1, $2, $3, '测试直接负责人', '{grid_member,direct_leader}', true)`,
        [leader(unit), unit, grid(unit)],
      );
    }
    for (const actor of [who.pHead, who.qHead, who.rHead, who.ecoHead])
      await db.query(`INSERT INTO members (id, unit_code, name, roles) VALUES ($1, $2, $3, $4)`, [
        actor.id,
        actor.unitCode,
        actor.name,
        actor.roles,
      ]);
    codes.major = await issue(
      1,
      P,
      { severity: 'major', reportedAt: '2027-07-27T02:00:00Z' },
      {
        openedAt: '2027-07-27T02:00:00Z',
      },
    );
    codes.flagged = await issue(
      2,
      Q,
      { reportedAt: '2027-07-28T02:00:00Z', accountability: true },
      {
        openedAt: '2027-07-28T02:00:00Z',
      },
    );
    codes.closed = await issue(
      3,
      P,
      { reportedAt: '2027-06-01T02:00:00Z' },
      {
        openedAt: '2027-06-01T02:00:00Z',
        closedAt: '2027-07-29T02:00:00Z',
      },
    );
    codes.escalated = await issue(
      4,
      R,
      { reportedAt: '2027-05-01T02:00:00Z', overdue: true, escalation: 2 },
      {
        openedAt: '2027-05-01T02:00:00Z',
      },
    );
    await patrol(P, 1, '2027-07-27T01:00:00Z', [codes.major]);
    await patrol(P, 2, '2027-07-29T01:00:00Z');
    await patrol(Q, 1, '2027-07-28T01:00:00Z', [codes.flagged]);

    const week = weekPeriod(WEEK);
    await startReport(dutyReportInput('weekly', P, week, DEFAULT_DUTY_POLICY, 'ECO'));
    await startReport({
      ...dutyReportInput('weekly', Q, week, DEFAULT_DUTY_POLICY, 'ECO'),
      dueAt: new Date(Date.now() - 3600_000).toISOString(),
      reminders: [],
    });
    await startReport(dutyReportInput('weekly', R, week, DEFAULT_DUTY_POLICY, 'ECO'));
    await post(who.pHead, `/api/v1/reports/weekly/${P}/${WEEK}/approve`).expect(200);
    await post(who.qHead, `/api/v1/reports/weekly/${Q}/${WEEK}/approve`).expect(200);
    [{ count: reportingUnits }] = await db.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM units WHERE kind IN ('department','township','park')`,
    );
  });

  afterAll(async () => {
    for (const workflowId of workflows) {
      const handle = h.client.workflow.getHandle(workflowId);
      if ((await handle.describe()).status.name === 'RUNNING') await handle.cancel();
    }
    const reportIds = (
      await db.query<Array<{ id: string }>>(`SELECT id FROM duty_reports WHERE workflow_id = ANY($1)`, [
        [...workflows],
      ])
    ).map((r) => r.id);
    await removeDutyTestData(db, {
      units: UNITS,
      reportIds,
      issueCodes: Object.values(codes),
      memberIds: [who.ecoHead.id],
    });
    await h?.stop();
  });

  it('P8: only 县环委办 compiles a bulletin, and only of a week or a month', async () => {
    const unit = await post(who.pHead, '/api/v1/bulletins', { period: WEEK }).expect(403);
    expect(unit.headers['content-type']).toContain('application/problem+json');
    expect(unit.body.errors[0]).toMatchObject({ field: 'actor', rule: 'P8' });
    const year = await post(who.eco, '/api/v1/bulletins', { period: '2027' }).expect(400);
    expect(year.body.errors[0]).toMatchObject({ field: 'period' });
    const list = await get(who.eco, `/api/v1/bulletins?period=${WEEK}`).expect(200);
    expect(list.body.total).toBe(0);
  });

  it('P8: the week’s bulletin counts on-time, late and missing reports, the week’s patrols and issues, and the escalated ones', async () => {
    const compiled = await post(who.eco, '/api/v1/bulletins', { period: WEEK }).expect(201);
    expect(compiled.headers.location).toBe(`/api/v1/bulletins/${WEEK}`);
    expect(compiled.body).toMatchObject({
      id: `bulletin/ECO/${WEEK}`,
      state: { status: 'draft', revision: 1 },
    });
    workflows.add(compiled.body.workflowId);

    const { body } = await get(who.eco, `/api/v1/bulletins/${WEEK}`).expect(200);
    const content = body.content as BulletinBody;
    expect(content.audience).toBe('县委、县政府、县生态环境保护委员会');
    const status = (unit: string) => content.submissions.find((s) => s.unit === unit)?.status;
    expect([status(P), status(Q), status(R), status('ULE')]).toEqual([
      'on_time',
      'late',
      'missing',
      'missing',
    ]);
    expect(content.submissions).toHaveLength(reportingUnits);
    expect(content.submissionTotals).toEqual({ on_time: 1, late: 1, missing: reportingUnits - 2 });

    const stats = (unit: string) => content.statistics.find((s) => s.unit === unit);
    expect(stats(P)).toMatchObject({ patrols: 2, gridsPatrolled: 1, issuesFound: 1, closed: 1 });
    expect(stats(Q)).toMatchObject({ patrols: 1, gridsPatrolled: 1, issuesFound: 1, closed: 0 });
    expect(stats(R)).toMatchObject({ patrols: 0, gridsPatrolled: 0, issuesFound: 0, closed: 0 });
    expect(content.notable).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: codes.major, note: '重大问题' }),
        expect.objectContaining({ code: codes.flagged, note: '上级或媒体发现（从重从严）' }),
      ]),
    );
    expect(content.overdueIssues.map((i) => i.code)).toContain(codes.escalated);
    expect(content.overdueIssues.map((i) => i.code)).not.toContain(codes.major);
  });

  it('P8: one bulletin a period; a redraft takes new records; the head of 县环委办 seals it, then every unit reads it', async () => {
    const twice = await post(who.eco, '/api/v1/bulletins', { period: WEEK }).expect(409);
    expect(twice.body).toMatchObject({ code: 'bulletin-exists' });
    await get(who.pHead, `/api/v1/bulletins/${WEEK}`).expect(403); // a draft is 县环委办's own

    await patrol(R, 1, '2027-07-30T01:00:00Z');
    const redrafted = await post(who.eco, `/api/v1/bulletins/${WEEK}/revise`, {
      redraft: true,
      narrative: { summary: '本周各单位巡查总体正常。' },
    }).expect(200);
    expect(redrafted.body.revision).toBe(2);
    const rStats = (redrafted.body.content as BulletinBody).statistics.find((s) => s.unit === R);
    expect(rStats).toMatchObject({ patrols: 1, gridsPatrolled: 1 });

    for (const actor of [who.eco, who.pHead])
      await post(actor, `/api/v1/bulletins/${WEEK}/approve`).expect(403);
    const sealed = await post(who.ecoHead, `/api/v1/bulletins/${WEEK}/approve`).expect(200);
    expect(sealed.body).toMatchObject({ status: 'submitted', onTime: true, approval: { revision: 2 } });

    const read = await get(who.pHead, `/api/v1/bulletins/${WEEK}`).expect(200);
    expect(read.body.seal).toMatchObject({
      approvedBy: who.ecoHead.id,
      sealHash: sealed.body.approval.sealHash,
    });
    const list = await get(who.qHead, '/api/v1/bulletins').expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(`bulletin/ECO/${WEEK}`);

    const pdf = await get(who.pHead, `/api/v1/bulletins/${WEEK}/document?format=pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = compactText(await checkPdf(pdf.body as Buffer, 'bulletin-e2e'));
    expect(text).toContain('县委、县政府、县生态环境保护委员会');
    expect(text).toContain(sealed.body.approval.sealHash);
    expect(text).toContain('本周各单位巡查总体正常。');
  });

  it('P8: a month’s bulletin checks each unit’s monthly summary and risk-warning list', async () => {
    const compiled = await post(who.eco, '/api/v1/bulletins', { period: MONTH }).expect(201);
    workflows.add(compiled.body.workflowId);
    const content = compiled.body.state.content as BulletinBody;
    expect(content.submissions).toHaveLength(reportingUnits * 2);
    expect(new Set(content.submissions.map((s) => s.kind))).toEqual(
      new Set(['monthly_summary', 'risk_warning']),
    );
    expect(content.statistics.find((s) => s.unit === P)).toMatchObject({ patrols: 2, issuesFound: 1 });
  });
});
