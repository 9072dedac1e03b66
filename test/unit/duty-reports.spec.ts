import { createHash } from 'node:crypto';
import { DEFAULT_DUTY_POLICY, resolveDutyPolicy } from '../../domain/duties/duty-policy';
import {
  formatShanghai,
  monthPeriod,
  shanghaiInstant,
  shanghaiParts,
  shiftPeriod,
  weekPeriod,
  yearPeriod,
} from '../../domain/duties/periods';
import {
  draftAnnualSelfAssessment,
  draftBulletin,
  draftDualDispatch,
  draftMonthlySummary,
  draftRiskWarning,
  draftWeekly,
  type IssueRecord,
  type PatrolRecord,
  type ReportContent,
} from '../../domain/duties/reports/report-content';
import { dutyReportDocument, type StoredReport } from '../../domain/duties/reports/report-document';
import { sealHeading, sealLines } from '../../domain/documents/printable';
import { canonicalJson, contentHash, sealHash, sha256Hex } from '../../domain/duties/reports/report-seal';
import {
  annualRoundPeriod,
  applyApproval,
  applyContent,
  checkApprove,
  checkRevise,
  dutyReportInput,
  initialReportState,
  mayApprove,
  monthlyRoundPeriod,
  reportClock,
  reportDueAt,
  reportPeriod,
  reportReminders,
  REPORT_KIND_LABELS,
  goesToPrefecture,
  prefectureSubmissionText,
  bulletinDeliveryText,
  stepIsMoot,
  weeklyReportDue,
  weeklyRoundPeriod,
  withNarrative,
  type DutyReportState,
} from '../../domain/duties/reports/reports';
import type { Actor } from '../../domain/organisation/roles';

const policy = DEFAULT_DUTY_POLICY;
const nodeSha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const actors = {
  uleHead: { id: 'demo-ule-head', name: '执法局局长', unitCode: 'ULE', roles: ['sector_head'] },
  uleDeputy: { id: 'ule-d', name: '执法局副局长', unitCode: 'ULE', roles: ['sector_deputy'] },
  uleMember: { id: 'ule-1', name: '执法局网格员', unitCode: 'ULE', roles: ['grid_member', 'direct_leader'] },
  wrbHead: { id: 'wrb-h', name: '水务局局长', unitCode: 'WRB', roles: ['sector_head'] },
  townshipHead: { id: 'gz-h', name: '古州镇镇长', unitCode: 'T-GUZHOU', roles: ['grid_head'] },
  townshipDeputy: { id: 'gz-d', name: '古州镇副镇长', unitCode: 'T-GUZHOU', roles: ['grid_deputy'] },
  ecoStaff: { id: 'eco-1', name: '环委办干部', unitCode: 'ECO', roles: ['office_staff'] },
  ecoHead: { id: 'eco-h', name: '环委办主任', unitCode: 'ECO', roles: ['sector_head'] },
  chief: { id: 'chief', name: '县长', unitCode: 'COUNTY', roles: ['chief'] },
  deputyChief: { id: 'deputy', name: '副县长', unitCode: 'COUNTY', roles: ['deputy_chief'] },
  liaison: { id: 'liaison', name: '联络员', unitCode: 'COUNTY', roles: ['liaison'] },
} satisfies Record<string, Actor>;

const unit = { code: 'ULE', name: '县综合行政执法局', kind: 'department' };

function patrol(over: Partial<PatrolRecord> = {}): PatrolRecord {
  return {
    id: 'p-1',
    unitCode: 'ULE',
    gridCode: 'G-1',
    gridName: '执法局网格一',
    ledByName: '执法局直接负责人',
    startedAt: '2027-03-09T01:00:00.000Z',
    methods: ['inspection', 'resident_visit'],
    keyPoints: [{ id: 'kp-1', name: '车江大坝' }],
    points: ['农贸市场'],
    issueCodes: [],
    notes: '',
    ...over,
  };
}

function issue(over: Partial<IssueRecord> = {}): IssueRecord {
  return {
    code: '2027-000001',
    title: '河道倾倒垃圾',
    categoryName: '城乡生活垃圾收集处理',
    severity: 'general',
    source: 'patrol',
    townshipName: '古州镇',
    status: 'rectifying',
    finderUnit: 'ULE',
    finderUnitName: '县综合行政执法局',
    sectorOwner: 'ULE',
    sectorOwnerName: '县综合行政执法局',
    territorialOwner: 'T-GUZHOU',
    reportedAt: '2027-03-01T02:00:00.000Z',
    updatedAt: '2027-03-01T02:00:00.000Z',
    deadline: null,
    overdue: false,
    escalationLevel: 0,
    countySupervision: false,
    accountabilityFlagged: false,
    roles: ['sector_owner'],
    openedAt: '2027-03-01T02:00:00.000Z',
    closedAt: null,
    ...over,
  };
}

describe('report content hashing and the seal', () => {
  it('P3: sha256 in pure TypeScript equals Node crypto on ASCII, Chinese, emoji and block boundaries', () => {
    const samples = [
      '',
      'abc',
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '县综合行政执法局生态环境保护网格化巡查周报',
      '🌲 护林员 🌊',
      'a'.repeat(55),
      'a'.repeat(56),
      'a'.repeat(64),
      'x'.repeat(1000),
      '\ud800 lone surrogate',
    ];
    for (const text of samples) expect(sha256Hex(text)).toBe(nodeSha(text));
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('P3: the content hash is the sha256 of key-sorted JSON, whatever order the keys were built in', () => {
    const a = { kind: 'weekly', narrative: { summary: '好', remarks: '' }, n: [1, { b: 2, a: 1 }] };
    const b = { n: [1, { a: 1, b: 2 }], narrative: { remarks: '', summary: '好' }, kind: 'weekly' };
    expect(canonicalJson(a)).toBe(
      '{"kind":"weekly","n":[1,{"a":1,"b":2}],"narrative":{"remarks":"","summary":"好"}}',
    );
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).toBe(nodeSha(canonicalJson(a)));
    expect(contentHash({ ...a, narrative: { summary: '好。', remarks: '' } })).not.toBe(contentHash(a));
    // Array order is content: it is kept.
    expect(contentHash({ n: [1, 2] })).not.toBe(contentHash({ n: [2, 1] }));
  });

  it('P3: the seal is deterministic and changes with the report, revision, content, approver or time', () => {
    const seal = {
      reportId: 'weekly/ULE/2027-W10',
      revision: 2,
      contentHash: 'a'.repeat(64),
      approver: { id: 'demo-ule-head', name: '执法局局长' },
      approvedAt: '2027-03-17T03:59:00.000Z',
    };
    expect(sealHash(seal)).toBe(sealHash({ ...seal, approver: { name: '执法局局长', id: 'demo-ule-head' } }));
    expect(sealHash(seal)).toBe(
      nodeSha(
        '{"approvedAt":"2027-03-17T03:59:00.000Z","approver":{"id":"demo-ule-head","name":"执法局局长"},' +
          `"contentHash":"${'a'.repeat(64)}","reportId":"weekly/ULE/2027-W10","revision":2}`,
      ),
    );
    const variants = [
      { ...seal, reportId: 'weekly/ULE/2027-W11' },
      { ...seal, revision: 3 },
      { ...seal, contentHash: 'b'.repeat(64) },
      { ...seal, approver: { id: 'ule-d', name: '执法局局长' } },
      { ...seal, approvedAt: '2027-03-17T03:59:00.001Z' },
    ];
    for (const variant of variants) expect(sealHash(variant)).not.toBe(sealHash(seal));
  });
});

describe('report deadlines and clocks', () => {
  it('P3: every week of 2027 is due Wednesday 12:00 Shanghai of the following week', () => {
    let week = weekPeriod('2027-W01');
    for (let n = 1; n <= 52; n++) {
      const due = weeklyReportDue(week, policy);
      const parts = shanghaiParts(due);
      expect({ week: week.id, weekday: parts.weekday, hour: parts.hour, minute: parts.minute }).toEqual({
        week: week.id,
        weekday: 3,
        hour: 12,
        minute: 0,
      });
      // Monday 00:00 after the week plus two and a half days.
      expect(due.getTime() - week.end.getTime()).toBe(60 * 3600_000);
      week = shiftPeriod(week, 1);
    }
    expect(weeklyReportDue(weekPeriod('2027-W10'), policy).toISOString()).toBe('2027-03-17T04:00:00.000Z');
  });

  it('P3: across the year boundary the last weeks are due in January of the next year', () => {
    // 2026 has 53 ISO weeks: W53 is Mon 2026-12-28 … Sun 2027-01-03.
    expect(weeklyReportDue(weekPeriod('2026-W53'), policy).toISOString()).toBe('2027-01-06T04:00:00.000Z');
    expect(formatShanghai(weeklyReportDue(weekPeriod('2027-W52'), policy))).toBe('2028-01-05 12:00');
    expect(formatShanghai(weeklyReportDue(weekPeriod('2027-W01'), policy))).toBe('2027-01-13 12:00');
    expect(shiftPeriod(weekPeriod('2026-W53'), 1).id).toBe('2027-W01');
  });

  it('P3: a policy that moves the deadline moves every weekly deadline', () => {
    const thursday = resolveDutyPolicy({
      weeklyReportDueWeekday: 4,
      weeklyReportDueTime: { hour: 9, minute: 30 },
    });
    expect(formatShanghai(weeklyReportDue(weekPeriod('2027-W10'), thursday))).toBe('2027-03-18 09:30');
  });

  it('P4: monthly materials are due on the 5th at 12:00 of the following month, December in January', () => {
    expect(formatShanghai(reportDueAt('monthly_summary', monthPeriod('2027-03'), policy)!)).toBe(
      '2027-04-05 12:00',
    );
    expect(formatShanghai(reportDueAt('risk_warning', monthPeriod('2027-12'), policy)!)).toBe(
      '2028-01-05 12:00',
    );
    expect(reportDueAt('dual_dispatch', monthPeriod('2027-03'), policy)!.toISOString()).toBe(
      '2027-04-05T04:00:00.000Z',
    );
  });

  it('P6: self-assessments are due by the end of December 10, the county report by the end of December 20', () => {
    expect(reportDueAt('annual_self_assessment', yearPeriod('2027'), policy)!.toISOString()).toBe(
      '2027-12-10T15:59:59.999Z',
    );
    expect(reportDueAt('annual_county', yearPeriod('2027'), policy)!.toISOString()).toBe(
      '2027-12-20T15:59:59.999Z',
    );
    expect(reportDueAt('bulletin', weekPeriod('2027-W10'), policy)).toBeNull();
  });

  it('P3: reminders go out 24 and 3 hours before a weekly deadline; P6: 3 days before an annual one', () => {
    const due = weeklyReportDue(weekPeriod('2027-W10'), policy);
    expect(reportReminders('weekly', due, policy).map((d) => formatShanghai(d))).toEqual([
      '2027-03-16 12:00',
      '2027-03-17 09:00',
    ]);
    const annual = reportDueAt('annual_self_assessment', yearPeriod('2027'), policy);
    expect(reportReminders('annual_self_assessment', annual, policy).map((d) => d.toISOString())).toEqual([
      '2027-12-07T15:59:59.999Z',
    ]);
  });

  it('P4: monthly materials are reminded 72 and 24 hours before the 5th at 12:00, by their own hours', () => {
    const due = reportDueAt('monthly_summary', monthPeriod('2027-03'), policy);
    expect(formatShanghai(due!)).toBe('2027-04-05 12:00');
    expect(reportReminders('risk_warning', due, policy).map((d) => formatShanghai(d))).toEqual([
      '2027-04-02 12:00',
      '2027-04-04 12:00',
    ]);
    const custom = { ...policy, monthlyReportReminderHoursBefore: [48] };
    expect(reportReminders('monthly_summary', due, custom).map((d) => formatShanghai(d))).toEqual([
      '2027-04-03 12:00',
    ]);
    // Settings recorded by rounds started before the monthly hours existed replay with the weekly hours.
    const recorded = { ...policy, monthlyReportReminderHoursBefore: undefined };
    expect(reportReminders('dual_dispatch', due, recorded).map((d) => formatShanghai(d))).toEqual([
      '2027-04-04 12:00',
      '2027-04-05 09:00',
    ]);
  });

  it('P3: the clock is the reminders, the deadline, then chaseTimes chases every chaseEveryDays', () => {
    const input = dutyReportInput('weekly', 'ULE', weekPeriod('2027-W10'), policy, 'ECO');
    expect(input).toMatchObject({ dueAt: '2027-03-17T04:00:00.000Z', chase: { everyDays: 1, times: 3 } });
    const steps = reportClock(input);
    expect(steps.map((s) => `${s.kind}${s.n} ${formatShanghai(s.at)}`)).toEqual([
      'reminder1 2027-03-16 12:00',
      'reminder2 2027-03-17 09:00',
      'late1 2027-03-17 12:00',
      'chase1 2027-03-18 12:00',
      'chase2 2027-03-19 12:00',
      'chase3 2027-03-20 12:00',
    ]);
    // Started after the deadline (an old period run by hand): only the latest reminder/chase of what has passed.
    const now = Date.parse('2027-03-19T05:00:00Z');
    expect(steps.filter((s) => !stepIsMoot(s, steps, now)).map((s) => `${s.kind}${s.n}`)).toEqual([
      'late1',
      'chase2',
      'chase3',
    ]);
    expect(reportClock(dutyReportInput('bulletin', 'ECO', weekPeriod('2027-W10'), policy, 'ECO'))).toEqual(
      [],
    );
  });

  it('P3, P4, P6: each round works on the period its schedule implies', () => {
    // Monday 2027-03-15 00:05 Shanghai: last week.
    expect(weeklyRoundPeriod(shanghaiInstant(2027, 3, 15, 0, 5)).id).toBe('2027-W10');
    // Monday 2027-01-04 00:05: the last ISO week of 2026.
    expect(weeklyRoundPeriod(shanghaiInstant(2027, 1, 4, 0, 5)).id).toBe('2026-W53');
    expect(monthlyRoundPeriod(shanghaiInstant(2027, 4, 1, 0, 10)).id).toBe('2027-03');
    expect(monthlyRoundPeriod(shanghaiInstant(2027, 1, 1, 0, 10)).id).toBe('2026-12');
    expect(annualRoundPeriod(shanghaiInstant(2027, 11, 20, 0, 15)).id).toBe('2027');
    expect(() => reportPeriod('weekly', '2027-03')).toThrow('week');
    expect(reportPeriod('bulletin', '2027-03').kind).toBe('month');
  });
});

function draftState(kind: DutyReportState['kind'], unitCode: string, period: string): DutyReportState {
  const p = reportPeriod(kind, period);
  const state = initialReportState(dutyReportInput(kind, unitCode, p, policy, 'ECO'), `duty-report/x`);
  return state;
}

describe('who revises and approves', () => {
  it('P3: the unit head or deputy approves the unit report; members, other units and 县环委办 may not', () => {
    const weekly = { kind: 'weekly' as const, unit: 'ULE' };
    expect(mayApprove(actors.uleHead, weekly)).toBe(true);
    expect(mayApprove(actors.uleDeputy, weekly)).toBe(true);
    expect(mayApprove(actors.uleMember, weekly)).toBe(false);
    expect(mayApprove(actors.wrbHead, weekly)).toBe(false);
    expect(mayApprove(actors.ecoStaff, weekly)).toBe(false);
    expect(mayApprove(actors.chief, weekly)).toBe(false);
    const township = { kind: 'monthly_summary' as const, unit: 'T-GUZHOU' };
    expect(mayApprove(actors.townshipHead, township)).toBe(true);
    expect(mayApprove(actors.townshipDeputy, township)).toBe(true);
  });

  it('P4: the risk-warning list is approved by the unit’s principal head (分网格长/网格长) alone, not a deputy', () => {
    const township = { kind: 'risk_warning' as const, unit: 'T-GUZHOU' };
    expect(mayApprove(actors.townshipHead, township)).toBe(true);
    expect(mayApprove(actors.townshipDeputy, township)).toBe(false);
    const department = { kind: 'risk_warning' as const, unit: 'ULE' };
    expect(mayApprove(actors.uleHead, department)).toBe(true);
    expect(mayApprove(actors.uleDeputy, department)).toBe(false);
    expect(mayApprove(actors.chief, department)).toBe(false);
    const state = draftState('risk_warning', 'ULE', '2027-03');
    state.status = 'draft';
    expect(checkApprove(state, { actor: actors.uleDeputy })).toMatchObject({
      kind: 'forbidden',
      field: 'actor',
      rule: 'P4',
    });
    expect(checkApprove(state, { actor: actors.uleDeputy })?.message).toContain('principal head');
    // A list whose workflow started before the rule keeps the rule it started with.
    expect(checkApprove(state, { actor: actors.uleDeputy }, { principalRiskList: false })).toBeNull();
  });

  it('P4: the "双调度" report is approved by a head of 县环委办, not by its staff', () => {
    const dual = { kind: 'dual_dispatch' as const, unit: 'ECO' };
    expect(mayApprove(actors.ecoHead, dual)).toBe(true);
    expect(mayApprove(actors.ecoStaff, dual)).toBe(false);
    expect(mayApprove(actors.uleHead, dual)).toBe(false);
  });

  it('P6: the county report is approved only by the 总网格长 or 副总网格长', () => {
    const county = { kind: 'annual_county' as const, unit: 'ECO' };
    expect(mayApprove(actors.chief, county)).toBe(true);
    expect(mayApprove(actors.deputyChief, county)).toBe(true);
    expect(mayApprove(actors.ecoHead, county)).toBe(false);
    expect(mayApprove(actors.liaison, county)).toBe(false);
    expect(mayApprove(actors.uleHead, county)).toBe(false);
  });

  it('P3: revisions by the unit only, known parts only, never after approval', () => {
    const state = draftState('weekly', 'ULE', '2027-W10');
    state.status = 'draft';
    expect(checkRevise(state, { actor: actors.uleMember, narrative: { summary: '本周正常' } })).toBeNull();
    expect(checkRevise(state, { actor: actors.wrbHead, narrative: { summary: 'x' } })).toMatchObject({
      kind: 'forbidden',
      field: 'actor',
    });
    expect(checkRevise(state, { actor: actors.uleMember, narrative: { basicWork: 'x' } })).toMatchObject({
      kind: 'invalid-data',
      field: 'narrative.basicWork',
    });
    expect(checkRevise(state, { actor: actors.uleMember })).toMatchObject({ code: 'report-revision-empty' });
    expect(checkRevise(state, { actor: actors.uleMember, redraft: true })).toBeNull();
    state.status = 'submitted';
    expect(checkRevise(state, { actor: actors.uleMember, narrative: { summary: 'x' } })).toMatchObject({
      kind: 'wrong-state',
      code: 'report-submitted',
    });
  });

  it('P6: an annual self-assessment is approved only with all four parts written', () => {
    const year = yearPeriod('2027');
    const state = draftState('annual_self_assessment', 'ULE', '2027');
    applyContent(
      state,
      draftAnnualSelfAssessment(
        year,
        { unit, grids: [], patrols: [], ledger: [], consultations: [], weeklyReports: [] },
        Date.parse('2027-11-19T16:15:00Z'),
      ),
    );
    state.status = 'draft';
    expect(checkApprove(state, { actor: actors.uleHead })).toMatchObject({
      kind: 'invalid-data',
      field: 'narrative.basicWork',
      rule: 'P6',
    });
    state.content = withNarrative(state.content!, {
      basicWork: '全年巡查',
      rectification: '整改',
      problems: '困难',
      plans: '计划',
    });
    expect(checkApprove(state, { actor: actors.uleHead })).toBeNull();
    expect(checkApprove(state, { actor: actors.uleHead, revision: 7 })).toMatchObject({
      code: 'report-revision-changed',
    });
  });

  it('P3: approval at the deadline is on time, a millisecond later is late; the seal covers that revision', () => {
    const state = draftState('weekly', 'ULE', '2027-W10');
    applyContent(state, draftWeekly(weekPeriod('2027-W10'), { unit, grids: [], patrols: [], ledger: [] }));
    state.status = 'draft';
    const late = structuredClone(state);
    const due = Date.parse('2027-03-17T04:00:00.000Z');
    const approval = applyApproval(state, actors.uleHead, due);
    expect(state).toMatchObject({
      status: 'submitted',
      onTime: true,
      submittedAt: '2027-03-17T04:00:00.000Z',
    });
    expect(approval).toMatchObject({ approverId: 'demo-ule-head', approverTitle: '分网格长', revision: 1 });
    expect(approval.sealHash).toBe(
      sealHash({
        reportId: 'weekly/ULE/2027-W10',
        revision: 1,
        contentHash: contentHash(state.content),
        approver: { id: 'demo-ule-head', name: '执法局局长' },
        approvedAt: '2027-03-17T04:00:00.000Z',
      }),
    );
    applyApproval(late, actors.uleHead, due + 1);
    expect(late.onTime).toBe(false);
    expect(late.approval!.sealHash).not.toBe(approval.sealHash);
  });
});

describe('drafting from the records', () => {
  const week = weekPeriod('2027-W10');

  it('P3: the weekly briefing counts patrols, grids, methods, key points and issues; the ledger marks changes', () => {
    const content = draftWeekly(week, {
      unit,
      grids: [
        { code: 'G-1', name: '网格一' },
        { code: 'G-2', name: '网格二' },
      ],
      patrols: [
        patrol({ id: 'p-2', startedAt: '2027-03-11T01:00:00.000Z', issueCodes: ['2027-000002'] }),
        patrol({ id: 'p-1', methods: ['covert_inspection'], keyPoints: [], points: [] }),
      ],
      ledger: [
        issue({ code: '2027-000002', openedAt: '2027-03-11T02:00:00.000Z' }),
        issue({ code: '2027-000001', closedAt: '2027-03-12T02:00:00.000Z' }),
        issue({ code: '2027-000003', updatedAt: '2027-03-10T00:00:00.000Z' }),
        issue({ code: '2027-000004' }),
      ],
    });
    expect(content.briefing).toMatchObject({
      patrols: 2,
      gridsTotal: 2,
      gridsPatrolled: 1,
      keyPointVisits: 1,
      issuesFound: 1,
      gridsNotPatrolled: [{ code: 'G-2', name: '网格二' }],
      keyPointsCovered: [{ id: 'kp-1', name: '车江大坝', visits: 1 }],
    });
    expect(content.briefing.methods).toEqual([
      { method: 'covert_inspection', label: '暗查', patrols: 1 },
      { method: 'inspection', label: '巡查', patrols: 1 },
      { method: 'resident_visit', label: '访群众', patrols: 1 },
    ]);
    expect(content.briefing.patrolList.map((p) => p.id)).toEqual(['p-1', 'p-2']);
    expect(content.briefing.patrolList[1]).toMatchObject({
      points: ['车江大坝', '农贸市场'],
      methods: ['巡查', '访群众'],
    });
    expect(content.ledger.map((l) => [l.code, l.change])).toEqual([
      ['2027-000001', 'closed'],
      ['2027-000002', 'new'],
      ['2027-000003', 'changed'],
      ['2027-000004', 'open'],
    ]);
    expect(content.narrative).toEqual({ summary: '', remarks: '' });
    expect(content.period).toMatchObject({ id: '2027-W10', start: '2027-03-07T16:00:00.000Z' });
  });

  it('P4: the monthly summary counts the month’s patrols, new issues, closures and overdue ones', () => {
    const month = monthPeriod('2027-03');
    const content = draftMonthlySummary(month, {
      unit,
      grids: [{ code: 'G-1', name: '网格一' }],
      patrols: [patrol(), patrol({ id: 'p-2', issueCodes: ['2027-000002'] })],
      ledger: [
        issue({ code: '2027-000001', openedAt: '2027-02-20T00:00:00Z', closedAt: '2027-03-20T00:00:00Z' }),
        issue({ code: '2027-000002', severity: 'major', openedAt: '2027-03-10T00:00:00Z' }),
        issue({ code: '2027-000003', openedAt: '2027-02-01T00:00:00Z', overdue: true }),
      ],
    });
    expect(content.statistics).toEqual({
      patrols: 2,
      gridsTotal: 1,
      gridsPatrolled: 1,
      keyPointVisits: 2,
      issuesFound: 1,
      issuesOpened: 1,
      majorIssuesOpened: 1,
      closed: 1,
      overdue: 1,
    });
    expect(content.closures.map((i) => i.code)).toEqual(['2027-000001']);
    expect(content.overdue.map((i) => i.code)).toEqual(['2027-000003']);
  });

  it('P4: the risk-warning list holds open issues overdue, under county supervision, major or near their deadline', () => {
    const asOf = Date.parse('2027-04-01T00:00:00Z');
    const content = draftRiskWarning(
      monthPeriod('2027-03'),
      {
        unit,
        openIssues: [
          issue({ code: 'A', overdue: true, deadline: '2027-03-20T15:59:59.999Z' }),
          issue({ code: 'B', countySupervision: true, escalationLevel: 2 }),
          issue({ code: 'C', severity: 'major' }),
          issue({ code: 'D', deadline: '2027-04-05T15:59:59.999Z' }),
          issue({ code: 'E', deadline: '2027-05-30T15:59:59.999Z' }),
        ],
      },
      asOf,
      policy.riskNearDeadlineDays,
    );
    expect(content.items.map((i) => [i.code, i.reasons])).toEqual([
      ['A', ['overdue']],
      ['B', ['county_supervision']],
      ['C', ['major']],
      ['D', ['near_deadline']],
    ]);
    expect(content.asOf).toBe('2027-04-01T00:00:00.000Z');
    expect(content.nearDeadlineDays).toBe(7);
  });

  it('P4: how near a deadline puts an issue on the risk list is the policy’s riskNearDeadlineDays', () => {
    const asOf = Date.parse('2027-04-01T00:00:00Z');
    const open = [
      issue({ code: 'D', deadline: '2027-04-05T15:59:59.999Z' }),
      issue({ code: 'E', deadline: '2027-04-20T15:59:59.999Z' }),
    ];
    const near = (days: number) =>
      draftRiskWarning(monthPeriod('2027-03'), { unit, openIssues: open }, asOf, days).items.map(
        (i) => i.code,
      );
    expect(near(3)).toEqual([]);
    expect(near(7)).toEqual(['D']);
    expect(near(30)).toEqual(['D', 'E']);
  });

  it('P4: the "双调度" report lists the month’s major issues only', () => {
    const content = draftDualDispatch(
      monthPeriod('2027-03'),
      { code: 'ECO', name: '县环委办', kind: 'office' },
      [
        issue({
          code: 'M1',
          severity: 'major',
          reportedAt: '2027-03-03T00:00:00Z',
          sectorOwnerName: '县水务局',
        }),
        issue({ code: 'G1', severity: 'general', reportedAt: '2027-03-03T00:00:00Z' }),
        issue({ code: 'M0', severity: 'major', reportedAt: '2027-02-27T00:00:00Z' }),
      ],
    );
    expect(content.items.map((i) => [i.code, i.sectorOwner])).toEqual([['M1', '县水务局']]);
  });

  it('P6: the annual draft has the four parts: statistics drafted, narrative empty for the unit', () => {
    const year = yearPeriod('2027');
    const content = draftAnnualSelfAssessment(
      year,
      {
        unit,
        grids: [{ code: 'G-1', name: '网格一' }],
        patrols: [patrol(), patrol({ id: 'p-2' })],
        ledger: [
          issue({ code: 'A', openedAt: '2027-02-01T00:00:00Z', closedAt: '2027-05-01T00:00:00Z' }),
          issue({ code: 'B', openedAt: '2027-06-01T00:00:00Z', overdue: true, severity: 'major' }),
        ],
        consultations: [{ unitCode: 'ULE', heldAt: '2027-03-01T00:00:00Z' }],
        weeklyReports: [
          {
            kind: 'weekly',
            unitCode: 'ULE',
            period: '2027-W10',
            status: 'submitted',
            onTime: true,
            dueAt: null,
            submittedAt: null,
          },
          {
            kind: 'weekly',
            unitCode: 'ULE',
            period: '2027-W11',
            status: 'submitted',
            onTime: false,
            dueAt: null,
            submittedAt: null,
          },
          {
            kind: 'weekly',
            unitCode: 'ULE',
            period: '2027-W12',
            status: 'draft',
            onTime: null,
            dueAt: '2027-03-31T04:00:00Z',
            submittedAt: null,
          },
          {
            kind: 'weekly',
            unitCode: 'ULE',
            period: '2027-W46',
            status: 'draft',
            onTime: null,
            dueAt: '2027-11-24T04:00:00Z',
            submittedAt: null,
          },
        ],
      },
      Date.parse('2027-11-19T16:15:00Z'),
    );
    expect(Object.keys(content.narrative)).toEqual(['basicWork', 'rectification', 'problems', 'plans']);
    expect(content.statistics.basicWork).toMatchObject({
      patrols: 2,
      consultations: 1,
      weeklyReports: { onTime: 1, late: 1, missing: 1 },
    });
    expect(content.statistics.rectification).toMatchObject({
      opened: 2,
      major: 1,
      closed: 1,
      open: 1,
      overdue: 1,
    });
    const doc = dutyReportDocument(stored(content));
    expect(doc.sections.map((s) => s.heading)).toEqual([
      '一、基本工作开展情况',
      '二、问题整改情况',
      '三、存在的问题和困难',
      '四、下一步工作建议和计划',
    ]);
    expect(doc.seal).toBeUndefined();
  });

  it('P8: the bulletin counts on-time, late and missing submissions and the period’s patrols and issues', () => {
    const units = [
      { code: 'AGR', name: '县农业农村局', kind: 'department' },
      { code: 'ULE', name: '县综合行政执法局', kind: 'department' },
      { code: 'WRB', name: '县水务局', kind: 'department' },
    ];
    const content = draftBulletin(
      week,
      {
        office: { code: 'ECO', name: '县环委办', kind: 'office' },
        units,
        grids: [
          { code: 'G-1', name: '网格一', unitCode: 'ULE' },
          { code: 'G-W', name: '水务网格', unitCode: 'WRB' },
        ],
        patrols: [patrol(), patrol({ id: 'p-w', unitCode: 'WRB', gridCode: 'G-W' })],
        reports: [
          {
            kind: 'weekly',
            unitCode: 'ULE',
            period: week.id,
            status: 'submitted',
            onTime: true,
            dueAt: null,
            submittedAt: '2027-03-17T03:00:00.000Z',
          },
          {
            kind: 'weekly',
            unitCode: 'WRB',
            period: week.id,
            status: 'submitted',
            onTime: false,
            dueAt: null,
            submittedAt: '2027-03-17T05:00:00.000Z',
          },
          {
            kind: 'weekly',
            unitCode: 'AGR',
            period: week.id,
            status: 'draft',
            onTime: null,
            dueAt: null,
            submittedAt: null,
          },
        ],
        issuesFound: [
          issue({ code: 'I1', finderUnit: 'ULE', severity: 'major' }),
          issue({ code: 'I2', finderUnit: 'WRB', accountabilityFlagged: true }),
        ],
        closures: [
          { issueCode: 'I0', unitCode: 'ULE' },
          { issueCode: 'I0', unitCode: 'T-GUZHOU' },
        ],
        escalated: [issue({ code: 'I9', overdue: true, escalationLevel: 2, sectorOwnerName: '县水务局' })],
      },
      Date.parse('2027-03-18T00:00:00Z'),
    );
    expect(content.submissionTotals).toEqual({ on_time: 1, late: 1, missing: 1 });
    expect(content.submissions.map((s) => [s.unit, s.status])).toEqual([
      ['AGR', 'missing'],
      ['ULE', 'on_time'],
      ['WRB', 'late'],
    ]);
    expect(content.statisticTotals).toEqual({
      patrols: 2,
      gridsTotal: 2,
      gridsPatrolled: 2,
      issuesFound: 2,
      closed: 1,
    });
    expect(content.overdueIssues.map((i) => i.code)).toEqual(['I9']);
    expect(content.notable.map((n) => [n.code, n.note])).toEqual([
      ['I1', '重大问题'],
      ['I2', '上级或媒体发现（从重从严）'],
    ]);
    expect(content.audience).toBe('县委、县政府、县生态环境保护委员会');
    const doc = dutyReportDocument(stored(content));
    expect(doc.meta).toContainEqual(['呈报', '县委、县政府、县生态环境保护委员会']);
    expect(doc.sections[0].paragraphs?.[0]).toBe('应报3份，按时报送1份，逾期报送1份，未报送1份。');
  });

  it('P3 and P10: the printed weekly report carries the seal block once approved, signed or under the old scheme', () => {
    const content = draftWeekly(week, { unit, grids: [], patrols: [patrol()], ledger: [] });
    const approved = (signedWith: { keyId: string } | null) =>
      dutyReportDocument({
        ...stored(content),
        status: 'submitted',
        submittedAt: '2027-03-17T03:59:00.000Z',
        onTime: true,
        approval: {
          approverId: 'demo-ule-head',
          approverName: '执法局局长',
          approverTitle: '分网格长',
          approvedAt: '2027-03-17T03:59:00.000Z',
          sealHash: 'f'.repeat(64),
          signedWith,
        },
      });
    const doc = approved({ keyId: 'sm2-0011223344556677' });
    expect(doc.title).toBe('县综合行政执法局生态环境保护网格化巡查周报');
    expect(doc.seal).toEqual({
      unit: '县综合行政执法局',
      approvedBy: '执法局局长（分网格长）',
      approvedAt: '2027-03-17 11:59',
      contentHash: stored(content).contentHash,
      approvalHash: 'f'.repeat(64),
      signature: { scheme: 'SM2-SM3', keyId: 'sm2-0011223344556677' },
    });
    expect(sealLines(doc.seal!).map(([label]) => label)).toEqual([
      '审定单位',
      '审定人',
      '审定时间',
      '内容摘要（SHA-256，审定稿的内容）',
      '审定摘要（SHA-256，报告编号、稿次、内容摘要、审定人和时间）',
      '签章',
      '核验',
    ]);
    // Sealed before the county had a key: said so, and no claim of a signature.
    const legacy = approved(null).seal!;
    expect(legacy.signature).toEqual({ scheme: 'legacy-sha256' });
    expect(sealHeading(legacy)).toBe('审定（旧方案电子签章，未经密钥签名）');
    expect(sealLines(legacy).at(-1)?.[1]).toMatch(/^旧方案：仅有上述 SHA-256 摘要，未经县级密钥签名/);
    expect(sealLines(legacy).some(([label]) => label === '核验')).toBe(false);
    expect(doc.meta).toContainEqual(['状态', '已审定报送']);
    expect(doc.sections.map((s) => s.heading)).toEqual([
      '一、巡查简报',
      '本周工作情况',
      '二、问题台账',
      '其他需要说明的情况',
    ]);
  });

  it('P4, P6: the 双调度 report, the county report and departments’ self-assessments go on to the prefecture', () => {
    expect(goesToPrefecture('dual_dispatch', 'office')).toBe(true);
    expect(goesToPrefecture('annual_county', 'office')).toBe(true);
    expect(goesToPrefecture('annual_self_assessment', 'department')).toBe(true);
    expect(goesToPrefecture('annual_self_assessment', 'township')).toBe(false);
    expect(goesToPrefecture('annual_self_assessment', 'park')).toBe(false);
    for (const kind of ['weekly', 'monthly_summary', 'risk_warning', 'bulletin'] as const)
      expect(goesToPrefecture(kind, 'department')).toBe(false);
    const approval = {
      approverName: '王主任',
      approvedAt: '2027-04-05T03:59:00.000Z',
      sealHash: 'ab'.repeat(32),
    };
    const report = { kind: 'dual_dispatch', period: '2027-03' } as const;
    const text = prefectureSubmissionText(report, '县环委办', '州环委办', approval, null);
    expect(text.subject).toBe(`【报送】县环委办2027年3月${REPORT_KIND_LABELS.dual_dispatch}`);
    expect(text.body).toContain('州环委办：');
    expect(text.body).toContain('2027-04-05 11:59');
    expect(text.body).toContain('ab'.repeat(32));
  });

  it('P10: the covering e-mail claims a signature only when the PDF carries one, and names its key and digests', () => {
    const approval = {
      approverName: '王主任',
      approvedAt: '2027-04-05T03:59:00.000Z',
      sealHash: 'ab'.repeat(32),
    };
    const report = { kind: 'dual_dispatch', period: '2027-03' } as const;
    const seal = { keyId: 'sm2-00aa11bb22cc33dd', sm3: 'cd'.repeat(32), sha256: 'ef'.repeat(32) };
    const signed = prefectureSubmissionText(report, '县环委办', '州环委办', approval, seal).body;
    expect(signed).toContain('已审定并加盖电子签章');
    expect(signed).toContain(
      '榕江县电子签章密钥 sm2-00aa11bb22cc33dd 以 SM2/SM3（GB/T 32918、GM/T 0003）签名',
    );
    expect(signed).toContain(`附件文件摘要 SM3：${'cd'.repeat(32)}`);
    expect(signed).toContain(`附件文件摘要 SHA-256：${'ef'.repeat(32)}`);
    expect(signed).toContain('POST /api/v1/seal/verify');
    const legacy = prefectureSubmissionText(report, '县环委办', '州环委办', approval, null).body;
    expect(legacy).not.toContain('加盖电子签章');
    expect(legacy).not.toContain('SM2');
    expect(legacy).toContain('仅有 SHA-256 摘要，未经县级电子签章密钥签名');
    const bulletin = bulletinDeliveryText(
      { kind: 'bulletin', period: '2027-03' },
      '县环委办',
      '县委',
      approval,
      seal,
    );
    expect(bulletin.subject).toBe(`【情况通报】2027年3月${REPORT_KIND_LABELS.bulletin}`);
    expect(bulletin.body).toMatch(/^县委：\n现呈报2027年3月/);
    expect(bulletin.body).toContain('sm2-00aa11bb22cc33dd');
  });
});

function stored(content: ReportContent): StoredReport {
  return {
    id: `${content.kind}/${content.unit.code}/${content.period.id}`,
    kind: content.kind,
    unitCode: content.unit.code,
    period: content.period.id,
    dueAt: null,
    status: 'draft',
    content,
    revision: 1,
    contentHash: contentHash(content),
    approval: null,
    submittedAt: null,
    onTime: null,
    lateMarkedAt: null,
  };
}
