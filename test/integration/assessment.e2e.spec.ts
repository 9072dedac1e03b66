import ExcelJS from 'exceljs';
import request from 'supertest';
import { AssessmentController } from '../../api/assessment/assessment.controller';
import type { ComputedIndicator } from '../../domain/duties/assessment/assessment';
import { shanghaiInstant } from '../../domain/duties/periods';
import type { Actor } from '../../domain/organisation/roles';
import { startHarness, type Harness } from '../support/harness';
import { actors } from '../support/lifecycle-fixtures';
import { checkPdf, compactText } from '../support/pdf-check';
import { bearer } from '../support/tokens';

// A township of its own per run, and a peer department, so no other test's records are counted.
const marker = `AS${Date.now().toString(36)}`;
const U = marker;
const PEER = `${marker}P`;
const UNIT_NAME = `考核测试镇${marker}`;
const head: Actor = { id: `${U}-head`, name: '考核测试镇网格长', unitCode: U, roles: ['grid_head'] };
const c = (name: string) => `${marker}-${name}`;
const at = (month: number, day: number, hour = 10, minute = 0) =>
  shanghaiInstant(2027, month, day, hour, minute);
/** Counted to the end of 28 February 2027: January, February and the weeks W01–W08 are over. */
const AS_OF = '2027-02-28';

function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe(AssessmentController.name, () => {
  let h: Harness;
  const server = () => request(h.app.getHttpServer());
  const get = (who: Actor, url: string) => server().get(url).set('authorization', bearer(who));
  const q = (sql: string, params: unknown[]) => h.dataSource.query(sql, params);

  async function issue(
    code: string,
    o: {
      source?: string;
      severity?: string;
      finder?: string;
      territorial?: string;
      owner?: string | null;
      flagged?: boolean;
      county?: boolean;
      timeLimit?: string;
      archivedAt?: Date;
      reportedAt?: Date;
    },
  ): Promise<void> {
    const state = {
      plan: o.timeLimit
        ? {
            responsiblePerson: '王某',
            responsibleUnit: UNIT_NAME,
            measures: '整改',
            timeLimit: o.timeLimit,
            target: '达标',
            milestones: [],
          }
        : null,
      closure: { archivedAt: o.archivedAt ? o.archivedAt.toISOString() : null },
    };
    await q(
      `INSERT INTO issues (code, workflow_id, title, description, category, severity, source, township, finder_unit,
         reported_by, sector_owner, territorial_owner, owner, status, definition_version, reported_at, last_event_seq,
         updated_at, county_supervision, accountability_flagged, overdue, state)
       VALUES ($1, $14, $2, '考核测试', 'domestic_waste', $3, $4, $5, $6, '测试', $7, $5, $8, $9, 'test',
         $10, 1, $10, $11, $12, false, $13)`,
      [
        code,
        `考核测试问题${code}`,
        o.severity ?? 'general',
        o.source ?? 'patrol',
        o.territorial ?? U,
        o.finder ?? U,
        o.territorial === PEER ? PEER : 'ULE',
        o.owner ?? null,
        o.archivedAt ? 'archived' : 'rectifying',
        o.reportedAt ?? at(1, 5),
        o.county ?? false,
        o.flagged ?? false,
        state,
        `issue-${code}`,
      ],
    );
  }

  async function patrol(
    id: string,
    grid: string,
    week: string,
    startedAt: Date,
    keyPoints: string[] = [],
    issues: string[] = [],
  ) {
    await q(
      `INSERT INTO patrols (id, unit_code, grid_code, led_by, member_ids, started_at, ended_at, methods, key_point_ids,
         issue_codes, week_id, month_id, recorded_by)
       VALUES ($1, $2, $3, $4, $10, $5, $11, ARRAY['巡查'], $6, $7, $8, $9, $4)`,
      [
        id,
        U,
        grid,
        head.id,
        startedAt,
        keyPoints,
        issues,
        week,
        `2027-${String(startedAt.getUTCMonth() + 1).padStart(2, '0')}`,
        [head.id],
        new Date(startedAt.getTime() + 2 * 3600_000),
      ],
    );
  }

  async function report(
    kind: string,
    period: string,
    due: Date,
    submitted: Date | null,
    onTime: boolean | null,
  ) {
    await q(
      `INSERT INTO duty_reports (id, kind, unit_code, period, period_start, period_end, due_at, status, content,
         content_hash, approved_by, approved_at, seal_hash, submitted_at, on_time)
       VALUES ($1, $2, $3, $4, $5, $5, $6, $7, '{}', $8, $9, $10, $11, $10, $12)`,
      [
        `${kind}/${U}/${period}`,
        kind,
        U,
        period,
        at(1, 1, 0),
        due,
        submitted ? 'submitted' : 'draft',
        'a'.repeat(64),
        submitted ? head.id : null,
        submitted,
        submitted ? 'b'.repeat(64) : null,
        onTime,
      ],
    );
  }

  beforeAll(async () => {
    h = await startHarness('it-assessment');
    await q(`INSERT INTO units (code, name, kind, parent_code) VALUES ($1, $2, 'township', 'COUNTY')`, [
      U,
      UNIT_NAME,
    ]);
    await q(`INSERT INTO units (code, name, kind, parent_code) VALUES ($1, $2, 'department', 'COUNTY')`, [
      PEER,
      `考核测试局${marker}`,
    ]);
    await q(
      `INSERT INTO grids (code, unit_code, name, kind, village) VALUES ($1, $2, '一村网格', 'village', '一村')`,
      [c('V1'), U],
    );
    await q(
      `INSERT INTO grids (code, unit_code, name, kind, parent_grid_code, village) VALUES ($1, $2, '一村河边片区', 'sub_area', $3, '一村')`,
      [c('V1-P1'), U, c('V1')],
    );
    await q(
      `INSERT INTO grids (code, unit_code, name, kind, village, created_at) VALUES ($1, $2, '二村网格', 'village', '二村', $3)`,
      [c('V2'), U, at(2, 1)],
    );
    await q(
      `INSERT INTO key_points (id, grid_code, name, lat, lng) VALUES ($1, $2, '一村水源地', 25.93, 108.52)`,
      [c('KP1'), c('V1')],
    );
    await q(
      `INSERT INTO members (id, unit_code, name, roles) VALUES ($1, $2, '考核测试镇网格长', '{grid_head}')`,
      [head.id, U],
    );

    // (1) discovery
    await issue(c('A1'), { severity: 'major' });
    await issue(c('A2'), { source: 'resident_visit' });
    await issue(c('A3'), { finder: 'ECO', source: 'media', flagged: true });
    await issue(c('A4'), { finder: PEER, source: 'higher_referral' });
    await issue(c('A5'), { finder: PEER, source: 'patrol' });
    await issue(c('A0'), { reportedAt: shanghaiInstant(2026, 12, 31, 10) });
    // (2) rectification: owned by the township, found and carried elsewhere
    const owned = { finder: PEER, territorial: PEER, owner: U };
    await issue(c('R1'), { ...owned, timeLimit: '2027-01-20', archivedAt: at(1, 20, 15) });
    await issue(c('R2'), { ...owned, timeLimit: '2027-01-20', archivedAt: at(1, 21, 9) });
    await issue(c('R3'), { ...owned, timeLimit: '2027-02-10', county: true });
    await issue(c('R4'), { ...owned, timeLimit: '2027-03-15' });
    // (3) operation
    await patrol(c('p1'), c('V1'), '2027-W01', at(1, 5), [c('KP1')], [c('A1')]);
    await patrol(c('p2'), c('V1-P1'), '2027-W02', at(1, 12), [c('KP1')]);
    await patrol(c('p3'), c('V1'), '2027-W05', at(2, 2), [c('KP1')]);
    await patrol(c('p4'), c('V2'), '2027-W06', at(2, 10));
    await q(
      `INSERT INTO consultations (id, unit_code, convened_by, held_at, topic, attendees, minutes, month_id, recorded_by)
       VALUES ($1, $2, $3, $4, '一月会商', '[{"name":"考核测试镇网格长"}]', '研究整改', '2027-01', $3)`,
      [c('c1'), U, head.id, at(1, 15)],
    );
    for (const stage of ['notice', 'reminder'])
      await q(
        `INSERT INTO compliance_findings (id, rule, period, unit_code, grid_code, subject, stage, found_at)
         VALUES ($1, 'P1-week', '2027-W03', $2, $3, $3, $4, $5)`,
        [`P1-week/2027-W03/${c('V1')}/${stage}`, U, c('V1'), stage, at(1, 25, 9)],
      );
    // (4) materials
    await report('weekly', '2027-W01', at(1, 13, 12), at(1, 13, 11), true);
    await report('weekly', '2027-W02', at(1, 20, 12), at(1, 20, 14), false);
    await report('weekly', '2027-W03', at(1, 27, 12), null, null);
    await report('monthly_summary', '2027-02', at(3, 5, 12), null, null);
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  const unitUrl = (query = `asOf=${AS_OF}`) => `/api/v1/assessment/2027/units/${U}?${query}`;
  const indicators = (body: { indicators: ComputedIndicator[] }) => body.indicators;

  it('P7: (1) proactive discovery: found itself vs found in its area by a higher level or the media, L16 counted again', async () => {
    const { body } = await get(head, unitUrl()).expect(200);
    expect(body).toMatchObject({ unitCode: U, unitName: UNIT_NAME, unitKind: 'township', year: 2027 });
    expect(body.asOf).toBe('2027-02-28T16:00:00.000Z');
    const [discovery] = indicators(body);
    expect(discovery.basis).toMatchObject({
      found: [c('A1'), c('A2')],
      foundMajor: [c('A1')],
      foundByHigherOrMedia: [c('A3'), c('A4')],
      accountabilityFlagged: [c('A3')],
      patrols: [c('p1'), c('p2'), c('p3'), c('p4')],
      patrolIssues: [c('A1')],
    });
    expect(discovery.counts).toMatchObject({
      found: 2,
      foundByHigherOrMedia: 2,
      accountabilityFlagged: 1,
      patrols: 4,
    });
    expect(discovery.score).toBe(40);
    expect(discovery.formula).toContain('L16');
  });

  it('P7: (2) rectification and closure: closed on time by the 五定 time limit, overdue, escalated to the county', async () => {
    const { body } = await get(head, unitUrl()).expect(200);
    const rect = indicators(body)[1];
    expect(rect.basis).toEqual({
      owned: [c('R1'), c('R2'), c('R3'), c('R4')],
      closed: [c('R1'), c('R2')],
      closedOnTime: [c('R1')],
      closedLate: [c('R2')],
      open: [c('R3'), c('R4')],
      overdue: [c('R2'), c('R3')],
      escalatedToCounty: [c('R3')],
    });
    // 1 on time of 2 closed + 1 open and overdue.
    expect(rect.score).toBe(33.3);
  });

  it('P7: (3) how smoothly the grid runs: grid-weeks patrolled, key-point months, consultations, findings', async () => {
    const { body } = await get(head, unitUrl()).expect(200);
    const op = indicators(body)[2];
    expect(op.counts).toMatchObject({
      gridWeeksExpected: 12,
      gridWeeksPatrolled: 4,
      gridWeeksMissed: 8,
      keyPointMonthsExpected: 2,
      keyPointMonthsCovered: 1,
      consultationMonths: 2,
      monthsWithConsultation: 1,
      complianceFindings: 1,
    });
    expect(op.basis.gridWeeksPatrolled).toEqual([
      `${c('V1')}@2027-W01`,
      `${c('V1')}@2027-W02`,
      `${c('V1')}@2027-W05`,
      `${c('V2')}@2027-W06`,
    ]);
    expect(op.basis.keyPointMonthsCovered).toEqual([`${c('KP1')}@2027-01`]);
    expect(op.basis.consultations).toEqual([c('c1')]);
    expect(op.basis.complianceFindings).toEqual([`P1-week/2027-W03/${c('V1')}/notice`]);
    expect(op.score).toBe(44.4);
  });

  it('P7: (4) timely materials: due, on time, late and missing reports; (5) innovation is left to the assessment group', async () => {
    const { body } = await get(head, unitUrl()).expect(200);
    const mat = indicators(body)[3];
    expect(mat.basis).toEqual({
      due: [`weekly/${U}/2027-W01`, `weekly/${U}/2027-W02`, `weekly/${U}/2027-W03`],
      onTime: [`weekly/${U}/2027-W01`],
      late: [`weekly/${U}/2027-W02`],
      missing: [`weekly/${U}/2027-W03`],
    });
    expect(mat.score).toBe(33.3);
    expect(body.indicators[4]).toMatchObject({
      number: 5,
      computed: false,
      score: null,
      note: '不由系统计算，由考核组评定',
    });
    expect(body.note).toContain('不计算总分');
    expect(body).not.toHaveProperty('total');
  });

  it('P7: 县环委办 and the county heads read every assessed unit; the same numbers as the unit’s own', async () => {
    const { body } = await get(actors.eco, `/api/v1/assessment/2027?asOf=${AS_OF}`).expect(200);
    expect(body.year).toBe(2027);
    const codes = body.units.map((u: { unitCode: string }) => u.unitCode);
    expect(codes).toEqual(expect.arrayContaining([U, PEER, 'ULE', 'T-GUZHOU']));
    expect(codes).not.toContain('ECO');
    expect(codes).not.toContain('V-GUZHOU-01');
    const mine = body.units.find((u: { unitCode: string }) => u.unitCode === U);
    expect(mine.indicators.map((i: { score: number | null }) => i.score)).toEqual([
      40,
      33.3,
      44.4,
      33.3,
      null,
    ]);
    await get(actors.chief, `/api/v1/assessment/2027`).expect(200);
    await get(actors.deputyChief, `/api/v1/assessment/2027/units/${U}`).expect(200);
  });

  it('P7: a unit reads only its own assessment; bad input is a 4xx naming the field', async () => {
    const all = await get(head, '/api/v1/assessment/2027').expect(403);
    expect(all.body.code).toBe('assessment-not-in-scope');
    expect((await get(head, '/api/v1/assessment/2027/units/ULE').expect(403)).body.code).toBe(
      'assessment-not-in-scope',
    );
    expect((await get(actors.eco, '/api/v1/assessment/2027/units/ECO').expect(404)).body.code).toBe(
      'unit-not-assessed',
    );
    expect((await get(actors.eco, '/api/v1/assessment/2027/units/NOPE').expect(404)).body.code).toBe(
      'unit-not-found',
    );
    const year = await get(actors.eco, '/api/v1/assessment/20x7').expect(400);
    expect(year.headers['content-type']).toContain('application/problem+json');
    expect(year.body.errors[0]).toMatchObject({ field: 'year', rule: 'year' });
    expect((await get(head, unitUrl('asOf=2027-02-30')).expect(400)).body.errors[0].field).toBe('asOf');
    expect((await get(head, unitUrl('format=doc')).expect(400)).body.errors[0].field).toBe('format');
    await server().get('/api/v1/assessment/2027').expect(401);
  });

  it('P7: the unit’s assessment prints as a PDF in Chinese with each score, formula and basis', async () => {
    const response = await get(head, unitUrl(`asOf=${AS_OF}&format=pdf`))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const check = await checkPdf(response.body as Buffer, 'assessment-unit');
    const text = compactText(check);
    expect(compactText(check, 0)).toContain(`${UNIT_NAME}2027年度网格化管理工作考核指标`);
    expect(text).toContain('（1）主动发现和报告问题：40分');
    expect(text).toContain('（3）网格运行顺畅程度：44.4分');
    expect(text).toContain(`${c('A3')}`);
    expect(text).toContain('由考核组评定');
    expect({ coverage: check.render.glyphCoverage, missing: check.render.missing }).toEqual({
      coverage: 1,
      missing: '',
    });
    expect(check.pages[0].fonts.map((f) => f.name).join()).toContain('NotoSansSC');
  });

  it('P7: every unit’s assessment exports as XLSX: the scores sheet and the counts with their basis', async () => {
    const response = await get(actors.eco, `/api/v1/assessment/2027?asOf=${AS_OF}&format=xlsx`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(response.headers['content-disposition']).toContain('assessment-2027.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as Parameters<ExcelJS.Xlsx['load']>[0]);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '说明',
      '二、指标得分汇总',
      '三、各单位计数及依据',
    ]);
    const scores = workbook.getWorksheet('二、指标得分汇总')!;
    expect((scores.getRow(2).values as unknown[]).slice(1)).toEqual([
      '序号',
      '单位',
      '类型',
      '（1）主动发现',
      '（2）整改销号',
      '（3）运行顺畅',
      '（4）材料报送',
      '（5）创新工作',
    ]);
    let mine: unknown[] | undefined;
    scores.eachRow((row) => {
      if (row.getCell(2).value === UNIT_NAME) mine = (row.values as unknown[]).slice(3);
    });
    expect(mine).toEqual(['乡镇（街道）', 40, 33.3, 44.4, 33.3, '由考核组评定']);
    const details = workbook.getWorksheet('三、各单位计数及依据')!;
    let basis: unknown;
    details.eachRow((row) => {
      if (row.getCell(1).value === UNIT_NAME && row.getCell(3).value === '辖区内被标记问责（L16）的问题数')
        basis = row.getCell(5).value;
    });
    expect(basis).toBe(c('A3'));
  });
});
