import ExcelJS from 'exceljs';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { ReportsController } from '../../api/reports/reports.controller';
import { DEFAULT_DUTY_POLICY } from '../../domain/duties/duty-policy';
import { weekPeriod } from '../../domain/duties/periods';
import { sealHash } from '../../domain/duties/reports/report-seal';
import {
  dutyReportId,
  dutyReportInput,
  dutyReportWorkflowId,
  type DutyReportInput,
} from '../../domain/duties/reports/reports';
import type { Actor } from '../../domain/organisation/roles';
import type { ReportRoundResult } from '../../workflows/duties/report-rounds.workflow';
import { eventually, startHarness, type Harness } from '../support/harness';
import { actors } from '../support/lifecycle-fixtures';
import { checkPdf, compactText } from '../support/pdf-check';
import { bearer } from '../support/tokens';
import { removeDutyTestData } from '../support/duty-test-data';
import { createNotificationActivities } from '../../activities/notifications/notification.activities';
import { loadNotificationConfig } from '../../config/notification-config';
import { SmtpCapture } from '../support/notification-receivers';

// Units of this run only: the shared database keeps other files' organisation and reports.
const RUN = Date.now().toString(36).toUpperCase();
const X = `RE${RUN}-X`; // a department
const Y = `RE${RUN}-Y`; // a township
const Z = `RE${RUN}-Z`; // a department that reports late
const UNITS = [X, Y, Z];
const id = (name: string) => `re-${RUN.toLowerCase()}-${name}`;
const GRID = `${X}-G1`;
const WEEK = '2027-W20';
const MONTH = '2027-05';
const YEAR = '2027';
const ISSUE_BASE = 100000 + (Date.now() % 800000);
const issueCode = (n: number) => `2027-${String(ISSUE_BASE + n).padStart(6, '0')}`;

const who = {
  xHead: { id: id('x-head'), name: '测试X局局长', unitCode: X, roles: ['sector_head'] },
  xDeputy: { id: id('x-deputy'), name: '测试X局副局长', unitCode: X, roles: ['sector_deputy'] },
  xMember: {
    id: id('x-member'),
    name: '测试X局网格员',
    unitCode: X,
    roles: ['grid_member', 'direct_leader'],
  },
  yHead: { id: id('y-head'), name: '测试Y镇镇长', unitCode: Y, roles: ['grid_head'] },
  zHead: { id: id('z-head'), name: '测试Z局局长', unitCode: Z, roles: ['sector_head'] },
  ecoHead: { id: id('eco-head'), name: '测试环委办主任', unitCode: 'ECO', roles: ['sector_head'] },
  eco: actors.eco,
  chief: { id: 'demo-chief', name: '演示-县长', unitCode: 'COUNTY', roles: ['chief'] },
  deputyChief: { id: 'demo-deputy-chief', name: '演示-副县长', unitCode: 'COUNTY', roles: ['deputy_chief'] },
} satisfies Record<string, Actor>;

function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

/**
 * The reports over HTTP (P3, P4, P6) with the real API, a real worker and the Temporal dev server. Its clock is
 * the real one (2026), so the 2027 deadlines lie ahead: the reports wait, and the test ends them by cancelling.
 */
describe(ReportsController.name, () => {
  let h: Harness;
  let db: DataSource;
  const workflows = new Set<string>();
  const server = () => request(h.app.getHttpServer());
  const get = (actor: Actor, url: string) => server().get(url).set('authorization', bearer(actor));
  const post = (actor: Actor, url: string, body: object = {}) =>
    server().post(url).set('authorization', bearer(actor)).send(body);
  const url = (kind: string, unit: string, period: string, tail = '') =>
    `/api/v1/reports/${kind}/${unit}/${period}${tail}`;

  async function startReport(input: DutyReportInput): Promise<void> {
    const workflowId = dutyReportWorkflowId(input.kind, input.unit, input.period);
    await h.client.workflow.start('dutyReport', {
      workflowId,
      taskQueue: h.config.TEMPORAL_TASK_QUEUE,
      args: [input],
    });
    workflows.add(workflowId);
    await eventually(async () => {
      const [row] = await db.query<Array<{ id: string }>>(`SELECT id FROM duty_reports WHERE id = $1`, [
        dutyReportId(input.kind, input.unit, input.period),
      ]);
      return row;
    });
  }

  async function runRound(type: string, periodId: string): Promise<ReportRoundResult> {
    const result = await h.client.workflow.execute(type, {
      workflowId: `${type}-${RUN}-${periodId}`,
      taskQueue: h.config.TEMPORAL_TASK_QUEUE,
      args: [{ periodId }],
    });
    const round = result as ReportRoundResult;
    for (const w of [...round.started, ...round.existing]) workflows.add(w);
    return round;
  }

  async function insertIssue(
    n: number,
    over: {
      severity?: 'general' | 'major';
      reportedAt: string;
      status?: string;
      deadline?: string | null;
      overdue?: boolean;
      escalation?: number;
      closedAt?: string | null;
    },
  ): Promise<string> {
    const code = issueCode(n);
    await db.query(
      `INSERT INTO issues (code, workflow_id, title, description, category, severity, source, township, finder_unit,
         reported_by, sector_owner, territorial_owner, status, definition_version, deadline, overdue, escalation_level,
         county_supervision, reported_at, last_event_seq, updated_at)
       VALUES ($1, $2, $3, '测试问题', 'domestic_waste', $4, 'patrol', 'T-GUZHOU', $5, '测试', $5, 'T-GUZHOU', $6, '2',
         $7, $8, $9, $10, $11, 1, $11)`,
      [
        code,
        `issue-${code}`,
        `报告测试问题${n}`,
        over.severity ?? 'general',
        X,
        over.status ?? 'rectifying',
        over.deadline ?? null,
        over.overdue ?? false,
        over.escalation ?? 0,
        (over.escalation ?? 0) >= 2,
        over.reportedAt,
      ],
    );
    await db.query(
      `INSERT INTO ledger_entries (issue_code, unit_code, role, opened_at, closed_at, opened_by_event)
       VALUES ($1, $2, 'sector_owner', $3, $4, $5)`,
      [code, X, over.reportedAt, over.closedAt ?? null, `issue-${code}#1`],
    );
    return code;
  }

  beforeAll(async () => {
    h = await startHarness('it-reports');
    db = h.dataSource;
    await db.query(
      `INSERT INTO units (code, name, kind, parent_code) VALUES ($1, '报告测试X局', 'department', 'COUNTY'),
         ($2, '报告测试Y镇', 'township', 'COUNTY'), ($3, '报告测试Z局', 'department', 'COUNTY')`,
      UNITS,
    );
    await db.query(`INSERT INTO grids (code, unit_code, name, kind) VALUES ($1, $2, 'X局网格一', 'sector')`, [
      GRID,
      X,
    ]);
    for (const actor of [who.xHead, who.xDeputy, who.yHead, who.zHead, who.ecoHead])
      await db.query(`INSERT INTO members (id, unit_code, name, roles) VALUES ($1, $2, $3, $4)`, [
        actor.id,
        actor.unitCode,
        actor.name,
        actor.roles,
      ]);
    await db.query(
      `INSERT INTO members (id, unit_code, grid_code, name, roles, is_section_cadre) VALUES ($1, $2, $3, $4, $5, true)`,
      [who.xMember.id, X, GRID, who.xMember.name, who.xMember.roles],
    );
    const week = weekPeriod(WEEK);
    await startReport(dutyReportInput('weekly', X, week, DEFAULT_DUTY_POLICY, 'ECO'));
    await startReport(dutyReportInput('weekly', Y, week, DEFAULT_DUTY_POLICY, 'ECO'));
    // Z's deadline has passed already: its report is marked late at once, so its approval is a late one.
    await startReport({
      ...dutyReportInput('weekly', Z, week, DEFAULT_DUTY_POLICY, 'ECO'),
      dueAt: new Date(Date.now() - 3600_000).toISOString(),
      reminders: [],
    });
  });

  afterAll(async () => {
    await db?.query(`UPDATE units SET prefecture_email = NULL WHERE code = 'ECO'`);
    for (const workflowId of workflows) {
      const handle = h.client.workflow.getHandle(workflowId);
      if ((await handle.describe()).status.name === 'RUNNING') await handle.cancel();
    }
    const reportIds = (
      await db.query<Array<{ id: string }>>(
        `SELECT id FROM duty_reports WHERE workflow_id = ANY($1) OR unit_code = ANY($2)`,
        [[...workflows], UNITS],
      )
    ).map((r) => r.id);
    await removeDutyTestData(db, {
      units: UNITS,
      reportIds,
      issueCodes: Array.from({ length: 10 }, (_, n) => issueCode(n)),
      memberIds: [who.xHead, who.xDeputy, who.xMember, who.yHead, who.zHead, who.ecoHead].map((a) => a.id),
    });
    await h?.stop();
  });

  it('P3: a unit reads its own reports only; 县环委办 and the county heads read all', async () => {
    const own = await get(who.xMember, `/api/v1/reports?period=${WEEK}`).expect(200);
    expect(own.body.items.map((i: { unitCode: string }) => i.unitCode)).toEqual([X]);
    expect(own.body.items[0]).toMatchObject({ kind: 'weekly', status: 'draft', revision: 1, late: false });
    expect(own.body.items[0].dueAt).toBe('2027-05-26T04:00:00.000Z');

    const all = await get(who.eco, `/api/v1/reports?kind=weekly&period=${WEEK}&pageSize=200`).expect(200);
    expect(all.body.items.map((i: { unitCode: string }) => i.unitCode)).toEqual(
      expect.arrayContaining(UNITS),
    );

    const refused = await get(who.yHead, url('weekly', X, WEEK)).expect(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 403, code: 'report-not-in-scope' });

    const detail = await get(who.deputyChief, url('weekly', X, WEEK)).expect(200);
    expect(detail.body).toMatchObject({ id: `weekly/${X}/${WEEK}`, status: 'draft', seal: null });
    expect(detail.body.live).toMatchObject({ status: 'draft', revision: 1, next: { kind: 'reminder' } });
    expect(detail.body.content.briefing).toMatchObject({ patrols: 0, gridsTotal: 1, gridsPatrolled: 0 });
    expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual(['drafted']);
  });

  it('P3: bad paths and bodies are 4xx problem+json naming the field and rule, and change nothing', async () => {
    const badKind = await get(who.eco, url('yearly', X, WEEK)).expect(400);
    expect(badKind.body.errors[0]).toMatchObject({ field: 'kind', rule: 'report-kind' });
    const badPeriod = await get(who.eco, url('monthly_summary', X, WEEK)).expect(400);
    expect(badPeriod.body.errors[0]).toMatchObject({ field: 'period', rule: 'report-period' });
    await get(who.eco, url('weekly', X, '2027-W21')).expect(404);

    const unknownPart = await post(who.xMember, url('weekly', X, WEEK, '/revise'), {
      narrative: { basicWork: '不是周报的部分' },
    }).expect(422);
    expect(unknownPart.body.errors[0]).toMatchObject({ field: 'narrative.basicWork', rule: 'P3' });
    const notText = await post(who.xMember, url('weekly', X, WEEK, '/revise'), {
      narrative: { summary: 5 },
    }).expect(400);
    expect(notText.body.errors[0]).toMatchObject({ field: 'narrative', rule: 'narrativeTexts' });
    const extra = await post(who.xMember, url('weekly', X, WEEK, '/revise'), { approved: true }).expect(400);
    expect(extra.body.errors[0]).toMatchObject({ field: 'approved', rule: 'unknown-field' });
    const otherUnit = await post(who.yHead, url('weekly', X, WEEK, '/revise'), {
      narrative: { summary: '越权修改' },
    }).expect(403);
    expect(otherUnit.body).toMatchObject({ code: 'actor-not-permitted' });
    const [row] = await db.query<Array<{ revision: number }>>(
      `SELECT revision FROM duty_reports WHERE id = $1`,
      [`weekly/${X}/${WEEK}`],
    );
    expect(row.revision).toBe(1);
  });

  it('P3: a member revises the narrative (revision + 1); only the unit head approves, sealing that revision', async () => {
    const revised = await post(who.xMember, url('weekly', X, WEEK, '/revise'), {
      narrative: { summary: '本周各网格均已巡查。' },
    }).expect(200);
    expect(revised.body).toMatchObject({ status: 'draft', revision: 2 });
    expect(revised.body.content.narrative).toEqual({ summary: '本周各网格均已巡查。', remarks: '' });

    const member = await post(who.xMember, url('weekly', X, WEEK, '/approve')).expect(403);
    expect(member.body.errors[0]).toMatchObject({ field: 'actor', rule: 'P3' });
    const stale = await post(who.xHead, url('weekly', X, WEEK, '/approve'), { revision: 1 }).expect(409);
    expect(stale.body).toMatchObject({ code: 'report-revision-changed' });

    const approved = await post(who.xHead, url('weekly', X, WEEK, '/approve'), { revision: 2 }).expect(200);
    expect(approved.body).toMatchObject({ status: 'submitted', onTime: true, revision: 2 });

    const detail = await get(who.xMember, url('weekly', X, WEEK)).expect(200);
    expect(detail.body).toMatchObject({
      status: 'submitted',
      onTime: true,
      late: false,
      approvedByName: who.xHead.name,
    });
    expect(detail.body.seal).toMatchObject({
      approvedBy: who.xHead.id,
      approverTitle: '分网格长',
      revision: 2,
      sealHash: approved.body.approval.sealHash,
    });
    expect(detail.body.seal.sealHash).toBe(
      sealHash({
        reportId: `weekly/${X}/${WEEK}`,
        revision: 2,
        contentHash: detail.body.contentHash,
        approver: { id: who.xHead.id, name: who.xHead.name },
        approvedAt: detail.body.seal.approvedAt,
      }),
    );
    expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual([
      'drafted',
      'revised',
      'approved',
    ]);

    // Approved is final: neither a second approval nor a revision changes it.
    const again = await post(who.xHead, url('weekly', X, WEEK, '/approve')).expect(409);
    expect(again.body).toMatchObject({ code: 'report-submitted' });
    await post(who.xMember, url('weekly', X, WEEK, '/revise'), { narrative: { remarks: '补充' } }).expect(
      409,
    );
  });

  it('P3: 县环委办 sees which units have not submitted, which submitted late, and the deadline', async () => {
    await eventually(async () => {
      const [row] = await db.query<Array<{ late_marked_at: Date | null }>>(
        `SELECT late_marked_at FROM duty_reports WHERE id = $1`,
        [`weekly/${Z}/${WEEK}`],
      );
      return row?.late_marked_at ? true : undefined;
    });
    await post(who.zHead, url('weekly', Z, WEEK, '/approve')).expect(200);

    await get(who.xHead, `/api/v1/reports/missing?kind=weekly&period=${WEEK}`).expect(403);
    const bad = await get(who.eco, `/api/v1/reports/missing?kind=weekly&period=2027-05`).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'period' });

    const { body } = await get(who.eco, `/api/v1/reports/missing?kind=weekly&period=${WEEK}`).expect(200);
    const [{ count }] = await db.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM units WHERE kind IN ('department','township','park')`,
    );
    expect(body).toMatchObject({
      kind: 'weekly',
      period: WEEK,
      dueAt: '2027-05-26T04:00:00.000Z',
      expected: count,
    });
    expect(body.onTime.map((u: { unitCode: string }) => u.unitCode)).toEqual([X]);
    expect(body.late).toEqual([
      expect.objectContaining({
        unitCode: Z,
        approvedByName: who.zHead.name,
        lateMarkedAt: expect.any(String),
      }),
    ]);
    expect(body.missing).toHaveLength(count - 2);
    expect(body.missing).toContainEqual(
      expect.objectContaining({ unitCode: Y, reportId: `weekly/${Y}/${WEEK}`, lateMarkedAt: null }),
    );
    expect(body.missing).toContainEqual(expect.objectContaining({ unitCode: 'ULE', reportId: null }));

    const late = await get(who.eco, `/api/v1/reports?kind=weekly&period=${WEEK}&late=true`).expect(200);
    expect(late.body.items.map((i: { unitCode: string }) => i.unitCode)).toEqual([Z]);
  });

  it('P3: the printable report carries the seal, as PDF and as XLSX', async () => {
    const detail = await get(who.xHead, url('weekly', X, WEEK)).expect(200);
    const pdf = await get(who.xHead, url('weekly', X, WEEK, '/document?format=pdf'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const check = await checkPdf(pdf.body as Buffer, 'weekly-report-e2e');
    const text = compactText(check);
    expect(text).toContain('报告测试X局生态环境保护网格化巡查周报');
    expect(text).toContain(detail.body.seal.sealHash);
    expect(text).toContain('本周各网格均已巡查。');

    const xlsx = await get(who.xHead, url('weekly', X, WEEK, '/document?format=xlsx'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as Parameters<ExcelJS.Xlsx['load']>[0]);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.text))));
    expect(cells.join('\n')).toContain(detail.body.seal.sealHash);

    await get(who.xHead, url('weekly', X, WEEK, '/document?format=doc')).expect(400);
    await get(who.yHead, url('weekly', X, WEEK, '/document')).expect(403);
  });

  it('P4: the monthly round drafts each unit’s summary and risk list from the month’s records, and the “双调度” report', async () => {
    const major = await insertIssue(1, { severity: 'major', reportedAt: '2027-05-10T02:00:00Z' });
    const closed = await insertIssue(2, {
      reportedAt: '2027-04-01T02:00:00Z',
      status: 'closed',
      closedAt: '2027-05-20T02:00:00Z',
    });
    const overdue = await insertIssue(3, {
      reportedAt: '2027-03-01T02:00:00Z',
      overdue: true,
      escalation: 2,
      deadline: '2027-04-01T15:59:59.999Z',
    });
    // "Close to the deadline" is counted from the drafting, which on this server is today.
    const near = await insertIssue(4, {
      reportedAt: '2027-05-15T02:00:00Z',
      deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    await db.query(
      `INSERT INTO patrols (id, unit_code, grid_code, led_by, member_ids, started_at, ended_at, methods, issue_codes,
         week_id, month_id, recorded_by)
       VALUES ($1, $2, $3, $4, $5, '2027-05-10T01:00:00Z', '2027-05-10T03:00:00Z', '{inspection,plant_outside}', $6,
         '2027-W19', '2027-05', $4)`,
      [id('patrol-may'), X, GRID, who.xMember.id, [who.xMember.id], [major]],
    );

    const round = await runRound('monthlyReportRound', MONTH);
    expect(round.started).toEqual(
      expect.arrayContaining([
        dutyReportWorkflowId('monthly_summary', X, MONTH),
        dutyReportWorkflowId('risk_warning', X, MONTH),
        dutyReportWorkflowId('dual_dispatch', 'ECO', MONTH),
      ]),
    );
    expect(round.started.some((w) => w.includes('/monthly_summary/ECO/'))).toBe(false);

    const summary = await eventually(async () => {
      const r = await get(who.xHead, url('monthly_summary', X, MONTH));
      return r.status === 200 ? r.body : undefined;
    });
    expect(summary.dueAt).toBe('2027-06-05T04:00:00.000Z');
    expect(summary.content.statistics).toEqual({
      patrols: 1,
      gridsTotal: 1,
      gridsPatrolled: 1,
      keyPointVisits: 0,
      issuesFound: 1,
      issuesOpened: 2,
      majorIssuesOpened: 1,
      closed: 1,
      overdue: 1,
    });
    expect(summary.content.closures.map((i: { code: string }) => i.code)).toEqual([closed]);

    const risk = await eventually(async () => {
      const r = await get(who.xHead, url('risk_warning', X, MONTH));
      return r.status === 200 ? r.body : undefined;
    });
    expect(risk.content.items.map((i: { code: string; reasons: string[] }) => [i.code, i.reasons])).toEqual([
      [major, ['major']],
      [overdue, ['overdue', 'county_supervision']],
      [near, ['near_deadline']],
    ]);

    const dual = await eventually(async () => {
      const r = await get(who.eco, url('dual_dispatch', 'ECO', MONTH));
      return r.status === 200 ? r.body : undefined;
    });
    expect(dual.content.items.map((i: { code: string }) => i.code)).toContain(major);
    expect(dual.content.items.every((i: { severity: string }) => i.severity === 'major')).toBe(true);
    await post(who.eco, url('dual_dispatch', 'ECO', MONTH, '/approve')).expect(403);
    await post(who.xHead, url('dual_dispatch', 'ECO', MONTH, '/approve')).expect(403);
    const sealed = await post(who.ecoHead, url('dual_dispatch', 'ECO', MONTH, '/approve')).expect(200);
    expect(sealed.body).toMatchObject({ status: 'submitted', approval: { approverId: who.ecoHead.id } });

    // A second run of the round starts nothing twice.
    const again = await runRound('monthlyReportRound', MONTH);
    expect(again.started).toEqual([]);
  });

  it('P6: annual drafts are due Dec 10 (units) and Dec 20 (county); the county report is approved only by 总网格长/副总网格长', async () => {
    const round = await runRound('annualReportRound', YEAR);
    expect(round.started).toEqual(
      expect.arrayContaining([
        dutyReportWorkflowId('annual_self_assessment', X, YEAR),
        dutyReportWorkflowId('annual_county', 'ECO', YEAR),
      ]),
    );
    const own = await eventually(async () => {
      const r = await get(who.xHead, url('annual_self_assessment', X, YEAR));
      return r.status === 200 ? r.body : undefined;
    });
    expect(own.dueAt).toBe('2027-12-10T15:59:59.999Z');
    expect(own.content.narrative).toEqual({ basicWork: '', rectification: '', problems: '', plans: '' });
    expect(own.content.statistics.rectification).toMatchObject({
      opened: 4,
      major: 1,
      closed: 1,
      open: 3,
      overdue: 1,
    });
    const unwritten = await post(who.xHead, url('annual_self_assessment', X, YEAR, '/approve')).expect(422);
    expect(unwritten.body.errors[0]).toMatchObject({ field: 'narrative.basicWork', rule: 'P6' });

    const county = await eventually(async () => {
      const r = await get(who.eco, url('annual_county', 'ECO', YEAR));
      return r.status === 200 ? r.body : undefined;
    });
    expect(county.dueAt).toBe('2027-12-20T15:59:59.999Z');
    expect(county.content.units.map((u: { unit: string }) => u.unit)).toEqual(expect.arrayContaining(UNITS));

    for (const actor of [who.ecoHead, who.eco, who.xHead])
      await post(actor, url('annual_county', 'ECO', YEAR, '/approve')).expect(403);
    await post(who.chief, url('annual_county', 'ECO', YEAR, '/approve')).expect(422);
    await post(who.chief, url('annual_county', 'ECO', YEAR, '/revise'), { narrative: { plans: 'x' } }).expect(
      403,
    );
    await post(who.eco, url('annual_county', 'ECO', YEAR, '/revise'), {
      narrative: {
        basicWork: '全县网格化管理运行平稳。',
        rectification: '问题整改按期推进。',
        problems: '部分网格人员不足。',
        plans: '明年加强培训。',
      },
    }).expect(200);
    const approved = await post(who.deputyChief, url('annual_county', 'ECO', YEAR, '/approve')).expect(200);
    expect(approved.body).toMatchObject({
      status: 'submitted',
      onTime: true,
      revision: 2,
      approval: { approverId: who.deputyChief.id, approverTitle: '副总网格长' },
    });
  });
  it('P6: approved reports due to the prefecture are e-mailed to its counterpart with the sealed PDF; county-only ones are not', async () => {
    await db.query(
      `UPDATE units SET prefecture_counterpart = '测试州X局', prefecture_email = 'x-dept@prefecture.example' WHERE code = $1`,
      [X],
    );
    await db.query(
      `UPDATE units SET prefecture_counterpart = '测试州Y', prefecture_email = 'y@prefecture.example' WHERE code = $1`,
      [Y],
    );
    await db.query(`UPDATE units SET prefecture_email = NULL WHERE code = 'ECO'`);
    await runRound('annualReportRound', YEAR);
    const narrative = {
      basicWork: '网格巡查全覆盖。',
      rectification: '问题按期整改。',
      problems: '人员不足。',
      plans: '加强培训。',
    };
    for (const [unit, head] of [
      [X, who.xHead],
      [Y, who.yHead],
    ] as const) {
      await eventually(async () => {
        const r = await get(head, url('annual_self_assessment', unit, YEAR));
        return r.status === 200 ? r.body : undefined;
      });
      await post(head, url('annual_self_assessment', unit, YEAR, '/revise'), { narrative }).expect(200);
      await post(head, url('annual_self_assessment', unit, YEAR, '/approve')).expect(200);
    }
    const xReport = dutyReportId('annual_self_assessment', X, YEAR);
    const outbox = await db.query<Array<{ ref: string; recipient_name: string; status: string }>>(
      `SELECT ref, recipient_name, status FROM notification_outbox WHERE audience = 'prefecture' AND ref = ANY($1)`,
      [[xReport, dutyReportId('annual_self_assessment', Y, YEAR)]],
    );
    // A department's self-assessment goes to its counterpart as well; a township's stays in the county.
    expect(outbox).toEqual([{ ref: xReport, recipient_name: '测试州X局', status: 'pending' }]);

    const smtp = await SmtpCapture.start();
    try {
      const dispatcher = createNotificationActivities({
        dataSource: db,
        notificationConfig: loadNotificationConfig({
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(smtp.port),
          SMTP_FROM: '榕江县生态环境网格化管理 <noreply@eco-grid.test>',
          NOTIFY_BATCH_SIZE: '100',
          NOTIFY_BACKOFF_SECONDS: '600',
        }),
      });
      while ((await dispatcher.deliverDueNotifications()).claimed > 0);
    } finally {
      await smtp.close();
    }
    const mail = smtp.accepted.find((m) => m.to.includes('x-dept@prefecture.example'));
    expect(mail).toBeDefined();
    const raw = mail!.raw;
    expect(raw).toMatch(/^Subject: /m);
    expect(raw).toContain('Content-Type: application/pdf');
    const attachment = /Content-Type: application\/pdf[^]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(raw);
    const pdf = Buffer.from(attachment![1].replace(/\s+/g, ''), 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const check = await checkPdf(pdf, 'prefecture-submission');
    const text = compactText(check);
    expect(text).toContain('报告测试X局');
    expect(text).toContain('测试X局局长');
    const detail = await get(who.xHead, url('annual_self_assessment', X, YEAR)).expect(200);
    expect(detail.body.prefectureSubmission).toMatchObject({ recipient: '测试州X局', status: 'delivered' });
    expect(smtp.accepted.filter((m) => m.to.includes('y@prefecture.example'))).toEqual([]);
  });

  it('P4: a report due to the prefecture whose counterpart has no mailbox is kept for 县环委办 as unresolved', async () => {
    const county = await eventually(async () => {
      const r = await get(who.eco, url('annual_county', 'ECO', YEAR));
      return r.status === 200 && r.body.status === 'submitted' ? r.body : undefined;
    });
    expect(county.prefectureSubmission).toMatchObject({ recipient: '州环委办', status: 'unresolved' });
    const weekly = await get(who.xHead, url('weekly', X, WEEK)).expect(200);
    expect(weekly.body.prefectureSubmission).toBeNull();
  });
});
