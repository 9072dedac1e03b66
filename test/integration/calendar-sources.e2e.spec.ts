import request from 'supertest';
import type { IssueState } from '../../domain/issue/issue.types';
import { PatrolRepository } from '../../persistence/repositories/patrol.repository';
import { CALENDAR_BROADCAST_WORKFLOW_ID } from '../../workflows/calendar-broadcast.workflow';
import { eventually, startHarness, type Harness } from '../support/harness';
import { daysFromNow, IssueApi } from '../support/http-lifecycle';
import { actors, fivePlan } from '../support/lifecycle-fixtures';
import { bearer } from '../support/tokens';

/** The 2028 notice as 县环委办 would load it (元旦 Sat 01-01 to Mon 01-03). */
const NOTICE_2028 = {
  notice: { title: '国务院办公厅关于2028年部分节假日安排的通知', number: '国办发明电〔2027〕8号' },
  holidays: [
    '2028-01-01',
    '2028-01-02',
    '2028-01-03',
    '2028-05-01',
    '2028-05-02',
    '2028-05-03',
    '2028-05-04',
    '2028-05-05',
    '2028-10-01',
    '2028-10-02',
    '2028-10-03',
    '2028-10-04',
    '2028-10-05',
    '2028-10-06',
    '2028-10-07',
  ],
  adjustedWorkingDays: ['2028-05-06'],
};

/**
 * L9 and L16 through the HTTP API: the real API and worker against the Temporal dev server and PostgreSQL. The
 * calendar is shared by every issue, so this file leaves the built-in calendar as it found it.
 */
describe('calendar and sources over HTTP', () => {
  let h: Harness;
  let api: IssueApi;
  const server = () => request(h.app.getHttpServer());
  const clearLoadedYears = () => h.dataSource.query(`DELETE FROM official_calendar_years`);

  beforeAll(async () => {
    h = await startHarness('it-calendar-sources');
    api = new IssueApi(h);
    await clearLoadedYears();
  });
  afterAll(async () => {
    await clearLoadedYears();
    await h?.stop();
  });

  /** An issue 执法局 found within its own duties (so it owns it at once), brought to rectification by a plan. */
  async function planned(timeLimit: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const code = await api.report(actors.uleMember, overrides);
    await eventually(async () => ((await api.state(code)).status === 'accepted' ? true : undefined));
    await api.ok(actors.uleMember, code, 'submitPlan', fivePlan(timeLimit));
    return code;
  }

  const ledgerLine = async (unit: string, code: string) => {
    const { body } = await server()
      .get(`/api/v1/ledgers/${unit}?pageSize=200`)
      .set('authorization', bearer(actors.eco))
      .expect(200);
    const pages = Math.ceil(body.total / 200);
    for (let page = 1; page <= pages; page++) {
      const { body: ledger } = await server()
        .get(`/api/v1/ledgers/${unit}?pageSize=200&page=${page}`)
        .set('authorization', bearer(actors.eco))
        .expect(200);
      const line = ledger.items.find((item: { issueCode: string }) => item.issueCode === code);
      if (line) return line as { timeLimit: string | null; deadline: string; deadlineProvisional: boolean };
    }
    throw new Error(`${code} is not in the ledger of ${unit}`);
  };

  it('L9: only 县环委办 loads a year, and an arrangement that breaks a rule is refused naming each date', async () => {
    await server()
      .put('/api/v1/calendars/2028')
      .set('authorization', bearer(actors.uleMember))
      .send(NOTICE_2028)
      .expect(403);
    const bad = await server()
      .put('/api/v1/calendars/2028')
      .set('authorization', bearer(actors.eco))
      .send({ ...NOTICE_2028, holidays: ['2028-01-01', '2029-01-01'], adjustedWorkingDays: ['2028-01-04'] })
      .expect(422);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['holidays[1]', 'adjustedWorkingDays[0]', 'holidays']));
    const gap = await server()
      .put('/api/v1/calendars/2030')
      .set('authorization', bearer(actors.eco))
      .send({
        ...NOTICE_2028,
        holidays: NOTICE_2028.holidays.map((d) => d.replace('2028', '2030')),
        adjustedWorkingDays: [],
      })
      .expect(422);
    expect(gap.body.errors.map((e: { field: string }) => e.field)).toEqual(['year']);
    const { body } = await server()
      .get('/api/v1/calendars')
      .set('authorization', bearer(actors.uleMember))
      .expect(200);
    expect(body).toMatchObject({ firstYear: 2024, lastYear: 2027, projectedYears: [2027] });
    expect(body.years.find((y: { year: number }) => y.year === 2027)).toMatchObject({
      source: 'projected',
      loaded: false,
    });
    expect(body.beyond).toContain('暂定');
  });

  it('L9: a plan past the last loaded year runs end to end: provisional in the answer, ledger and memo, re-planned when the year is loaded', async () => {
    // A major issue owes a consultation within 3 working days: the current deadline, while 整改时限 is the plan's.
    const code = await planned('2028-03-10', { severity: 'major' });
    const state = await api.state(code);
    expect(state.obligations).toContainEqual(
      expect.objectContaining({ kind: 'rectification', due: '2028-03-10T15:59:59.999Z', provisional: true }),
    );
    const { body: detail } = await server()
      .get(`/api/v1/issues/${code}`)
      .set('authorization', bearer(actors.uleMember))
      .expect(200);
    expect(detail.state.provisional).toBe(true);
    const before = await eventually(async () => {
      const line = await ledgerLine('ULE', code);
      return line.deadlineProvisional ? line : undefined;
    });
    expect(before.timeLimit).toBe('2028-03-10');
    expect(before.deadline).not.toBe('2028-03-10T15:59:59.999Z');
    const description = await h.client.workflow.getHandle(`issue-${code}`).describe();
    expect(String(description.memo?.summary)).toContain('期限暂定');

    const csv = await server()
      .get('/api/v1/ledgers/ULE/export?format=csv')
      .set('authorization', bearer(actors.eco))
      .expect(200);
    const row = String(csv.text ?? (csv.body as Buffer).toString('utf8'))
      .split('\r\n')
      .find((r) => r.includes(code));
    expect(row).toContain(',2028-03-10,');
    expect(row).toContain('（暂定）');

    const loaded = await server()
      .put('/api/v1/calendars/2028')
      .set('authorization', bearer(actors.eco))
      .send(NOTICE_2028)
      .expect(200);
    expect(loaded.body.year).toMatchObject({ year: 2028, source: 'published', loaded: true });
    expect(loaded.body.broadcast.workflowId).toBe(CALENDAR_BROADCAST_WORKFLOW_ID);
    // The broadcast signals every running issue; this one re-plans and is no longer provisional.
    const after = await eventually(async () => {
      const s: IssueState = await api.state(code);
      return s.provisional === false ? s : undefined;
    }, 60_000);
    expect(after.obligations.every((ob) => ob.provisional === false)).toBe(true);
    await eventually(async () => ((await ledgerLine('ULE', code)).deadlineProvisional ? undefined : true));
    const [replanned] = await h.dataSource.query<Array<{ payload: { rule: string } }>>(
      `SELECT payload FROM issue_events WHERE issue_code = $1 AND type = 'deadlines_replanned'`,
      [code],
    );
    expect(replanned?.payload.rule).toBe('L9');
    const result = await h.client.workflow.getHandle(CALENDAR_BROADCAST_WORKFLOW_ID).result();
    expect(result).toMatchObject({ year: 2028 });
    expect(result.signalled).toBeGreaterThan(0);
    const { body } = await server()
      .get('/api/v1/calendars/2028')
      .set('authorization', bearer(actors.uleMember))
      .expect(200);
    expect(body).toMatchObject({ source: 'published', loadedBy: actors.eco.name });
  });

  it('L9: a five-year plan runs end to end through the API and can be extended further', async () => {
    const limit = daysFromNow(5 * 365);
    const code = await planned(limit);
    const state = await api.state(code);
    expect(state.plan?.timeLimit).toBe(limit);
    expect(state.provisional).toBe(true);
    const extended = await api.ok(actors.uleMember, code, 'requestExtension', {
      reason: '工程量大，需分期实施',
      proposedTimeLimit: daysFromNow(6 * 365),
    });
    expect(extended.extensions).toHaveLength(1);
  });

  it('L16: a problem found on patrol names a patrol of the reporter’s unit', async () => {
    const missing = await server()
      .post('/api/v1/issues')
      .set('authorization', bearer(actors.township))
      .send({ ...REPORT_AT(0), source: 'patrol' })
      .expect(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'patrolId', rule: 'L16' })]);
    const unknown = await server()
      .post('/api/v1/issues')
      .set('authorization', bearer(actors.township))
      .send({ ...REPORT_AT(0), source: 'patrol', patrolId: 'patrol-nobody-recorded' })
      .expect(422);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'patrolId' });
    const patrols = new PatrolRepository(h.dataSource);
    const recorded = (id: string, unitCode: string, gridCode: string, ledBy: string) =>
      patrols.insert({
        id,
        unitCode,
        gridCode,
        ledBy,
        memberIds: [ledBy],
        startedAt: new Date(Date.now() - 3 * 3600_000),
        endedAt: new Date(Date.now() - 2 * 3600_000),
        methods: ['inspection'],
        keyPointIds: [],
        points: [],
        track: null,
        notes: '巡查',
        issueCodes: [],
        recordedBy: ledBy,
        recordedAt: new Date(),
      });
    const suffix = Date.now().toString(36);
    await recorded(`patrol-gz-${suffix}`, 'T-GUZHOU', 'DEMO-T-GUZHOU-V01', 'demo-t-guzhou-head');
    await recorded(`patrol-wrb-${suffix}`, 'WRB', 'DEMO-WRB-01', 'demo-wrb-head');
    const theirs = await server()
      .post('/api/v1/issues')
      .set('authorization', bearer(actors.township))
      .send({ ...REPORT_AT(0), source: 'patrol', patrolId: `patrol-wrb-${suffix}` })
      .expect(422);
    expect(theirs.body.errors[0]).toMatchObject({ field: 'patrolId', rule: 'L16' });
    const ours = await server()
      .post('/api/v1/issues')
      .set('authorization', bearer(actors.township))
      .send({ ...REPORT_AT(0), source: 'patrol', patrolId: `patrol-gz-${suffix}` })
      .expect(201);
    expect(ours.body.state.report.patrolId).toBe(`patrol-gz-${suffix}`);
  });

  it('L16: a media report of a problem the grid already had is not flagged; 县环委办 corrects a source over HTTP', async () => {
    const gridCode = await api.report(actors.township, REPORT_AT(1));
    // The grid's issue is in the read model, where a later report is matched against it.
    await eventually(async () => {
      const rows = await h.dataSource.query(`SELECT 1 FROM issues WHERE code = $1`, [gridCode]);
      return rows.length > 0 ? true : undefined;
    });
    const media = await server()
      .post('/api/v1/issues')
      .set('authorization', bearer(actors.eco))
      .send({ ...REPORT_AT(1, 0.0001), source: 'media' })
      .expect(201);
    expect(media.body.state.accountability).toEqual({ flagged: false, reason: null, knownAs: gridCode });

    const body = { source: 'media', reason: '经核实，该问题系新闻媒体先行曝光' };
    expect((await api.act(actors.township, gridCode, 'correctSource', body)).status).toBe(403);
    const corrected = await api.ok(actors.eco, gridCode, 'correctSource', body);
    expect(corrected.report.source).toBe('media');
    expect(corrected.accountability.flagged).toBe(true);
    await eventually(async () => {
      const [row] = await h.dataSource.query<Array<{ source: string; accountability_flagged: boolean }>>(
        `SELECT source, accountability_flagged FROM issues WHERE code = $1`,
        [gridCode],
      );
      return row?.source === 'media' && row.accountability_flagged ? true : undefined;
    });
  });
});

/** Each run its own places, so a rerun against the same database finds no issue of an earlier run near by. */
const RUN_OFFSET = (Date.now() % 997) * 0.00001;

/**
 * A report at a spot of its own (each test its own place, so no earlier issue is near by chance), inside 古州镇's
 * demo village grid near its eastern edge: a point outside every grid's area is refused (G7).
 */
function REPORT_AT(spot: number, nudge = 0) {
  return {
    title: '河道旁堆放生活垃圾',
    description: '村口河道左岸堆放生活垃圾。',
    category: 'domestic_waste',
    severity: 'general',
    source: 'resident_visit',
    township: 'T-GUZHOU',
    location: { lat: 25.905 + spot * 0.005 + nudge + RUN_OFFSET, lng: 108.545 },
  };
}
