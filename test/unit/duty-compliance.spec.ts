import {
  dutyGrids,
  monthlyDutyClock,
  monthlyDutyFindings,
  patrolStatus,
  weeklyPatrolClock,
  weeklyPatrolFindings,
  type ComplianceData,
  type CompliancePatrol,
} from '../../domain/duties/patrols/compliance';
import { DEFAULT_DUTY_POLICY } from '../../domain/duties/duty-policy';
import { monthPeriod, weekPeriod } from '../../domain/duties/periods';

// 2027-W10 is Monday 2027-03-08 to Sunday 2027-03-14 (Shanghai); 2027-03 is March.
const W10 = weekPeriod('2027-W10');
const MARCH = monthPeriod('2027-03');
const OLD = '2026-01-01T00:00:00.000Z';

/** A department (two sector grids), a township (a village grid with a 分片), 县环委办 and a village unit. */
function county(patrols: CompliancePatrol[] = [], consultations: ComplianceData['consultations'] = []) {
  const data: ComplianceData = {
    units: [
      { code: 'D1', name: '测试局', kind: 'department' },
      { code: 'T1', name: '测试镇', kind: 'township' },
      { code: 'ECO', name: '县环委办', kind: 'office' },
      { code: 'V1', name: '测试村', kind: 'village' },
    ],
    grids: [
      {
        code: 'D1-G1',
        name: '一号网格',
        unitCode: 'D1',
        kind: 'sector',
        parentGridCode: null,
        createdAt: OLD,
      },
      {
        code: 'D1-G2',
        name: '二号网格',
        unitCode: 'D1',
        kind: 'sector',
        parentGridCode: null,
        createdAt: OLD,
      },
      {
        code: 'T1-V1',
        name: '一村网格',
        unitCode: 'T1',
        kind: 'village',
        parentGridCode: null,
        createdAt: OLD,
      },
      {
        code: 'T1-V1-P1',
        name: '河边片区',
        unitCode: 'T1',
        kind: 'sub_area',
        parentGridCode: 'T1-V1',
        createdAt: OLD,
      },
      {
        code: 'ECO-G',
        name: '办网格',
        unitCode: 'ECO',
        kind: 'sector',
        parentGridCode: null,
        createdAt: OLD,
      },
      // Created on Monday of the next week: not judged for week 10.
      {
        code: 'D1-G3',
        name: '新网格',
        unitCode: 'D1',
        kind: 'sector',
        parentGridCode: null,
        createdAt: '2027-03-14T16:00:00.000Z',
      },
    ],
    keyPoints: [
      { id: 'kp-1', name: '水源地', gridCode: 'D1-G1', createdAt: OLD },
      { id: 'kp-2', name: '排污口', gridCode: 'D1-G1', createdAt: OLD },
      { id: 'kp-3', name: '河滩', gridCode: 'T1-V1-P1', createdAt: OLD },
    ],
    members: [
      { id: 'd1-head', unitCode: 'D1', gridCode: null, roles: ['sector_head'], active: true },
      {
        id: 'd1-g1-leader',
        unitCode: 'D1',
        gridCode: 'D1-G1',
        roles: ['grid_member', 'direct_leader'],
        active: true,
      },
      {
        id: 'd1-g2-leader',
        unitCode: 'D1',
        gridCode: 'D1-G2',
        roles: ['grid_member', 'direct_leader'],
        active: true,
      },
      { id: 'd1-member', unitCode: 'D1', gridCode: 'D1-G2', roles: ['grid_member'], active: true },
      { id: 't1-deputy', unitCode: 'T1', gridCode: null, roles: ['grid_deputy'], active: true },
      { id: 't1-ranger', unitCode: 'V1', gridCode: 'T1-V1-P1', roles: ['public_welfare'], active: true },
    ],
    patrols,
    consultations,
  };
  return data;
}

const patrol = (
  id: string,
  gridCode: string,
  ledBy: string,
  startedAt: string,
  keyPointIds: string[] = [],
) => ({
  id,
  gridCode,
  ledBy,
  startedAt,
  keyPointIds,
});

describe('compliance clocks (P1, P2, P5)', () => {
  it('P1: the grids judged are those of departments, townships and the park that existed before the period ended', () => {
    expect(dutyGrids(county(), W10).map((g) => g.code)).toEqual(['D1-G1', 'D1-G2', 'T1-V1']);
    expect(dutyGrids(county(), weekPeriod('2027-W11')).map((g) => g.code)).toEqual([
      'D1-G1',
      'D1-G2',
      'D1-G3',
      'T1-V1',
    ]);
  });

  it('G8 and P1: a grid recorded under a village unit is judged as its township’s, with the township’s people', () => {
    const data = county();
    data.units = data.units.map((u) => (u.code === 'V1' ? { ...u, parentCode: 'T1' } : u));
    data.grids.push({
      code: 'V1-G1',
      name: '村自管网格',
      unitCode: 'V1',
      kind: 'village',
      parentGridCode: null,
      createdAt: OLD,
    });
    const judged = dutyGrids(data, W10).find((g) => g.code === 'V1-G1');
    expect(judged?.unitCode).toBe('T1');
    const status = patrolStatus(data, W10).find((g) => g.gridCode === 'V1-G1');
    expect(status).toMatchObject({ unitCode: 'T1', unitKind: 'township', patrols: 0 });
    const notices = weeklyPatrolFindings(data, W10, 'notice', DEFAULT_DUTY_POLICY).filter(
      (f) => f.gridCode === 'V1-G1',
    );
    expect(notices.length).toBeGreaterThan(0);
  });

  it('P1: before the week ends, the 直接负责人 of each grid not yet patrolled gets a reminder', () => {
    const data = county([patrol('p1', 'D1-G1', 'd1-g1-leader', '2027-03-09T01:00:00Z')]);
    const findings = weeklyPatrolFindings(data, W10, 'reminder', DEFAULT_DUTY_POLICY);
    expect(findings.map((f) => f.id)).toEqual([
      'P1-week/2027-W10/D1-G2/reminder',
      'P1-week/2027-W10/T1-V1/reminder',
    ]);
    expect(findings[0]).toMatchObject({
      rule: 'P1-week',
      period: '2027-W10',
      unitCode: 'D1',
      gridCode: 'D1-G2',
      subject: 'D1-G2',
      stage: 'reminder',
      detail: { patrols: 0, required: 1 },
      notice: {
        key: 'P1-week/2027-W10/D1-G2/reminder',
        kind: 'patrol_reminder',
        ref: 'grid/D1-G2',
        audiences: [{ role: 'grid_leader', grid: 'D1-G2' }],
      },
    });
    expect(findings[0].notice.subject).toContain('二号网格');
    expect(findings[0].notice.subject).toContain('2027年第10周');
  });

  it('P1: after the week, each grid patrolled too rarely is notified to its 直接负责人 and the unit’s head', () => {
    const data = county([patrol('p1', 'D1-G1', 'd1-g1-leader', '2027-03-09T01:00:00Z')]);
    const findings = weeklyPatrolFindings(data, W10, 'notice', DEFAULT_DUTY_POLICY);
    expect(findings.map((f) => f.id)).toEqual([
      'P1-week/2027-W10/D1-G2/notice',
      'P1-week/2027-W10/T1-V1/notice',
    ]);
    expect(findings[1].notice).toMatchObject({
      kind: 'patrol_missing',
      audiences: [
        { role: 'grid_leader', grid: 'T1-V1' },
        { role: 'unit_head', unit: 'T1' },
      ],
    });
    expect(findings[1].notice.body).toContain('测试镇一村网格');
    expect(findings[1].notice.body).toContain('网格长');
    expect(findings[0].notice.body).toContain('分网格长');
  });

  it('P1: the week is Monday 00:00 to Sunday 24:00 in Shanghai, and a 分片’s patrol counts for its village grid', () => {
    const data = county([
      patrol('early', 'D1-G1', 'd1-g1-leader', '2027-03-07T15:59:00Z'), // Sunday 23:59 of week 9
      patrol('late', 'D1-G2', 'd1-g2-leader', '2027-03-14T16:00:00Z'), // Monday 00:00 of week 11
      patrol('sub', 'T1-V1-P1', 't1-deputy', '2027-03-14T15:59:00Z'), // Sunday 23:59 of week 10
    ]);
    const status = patrolStatus(data, W10);
    expect(status.map((g) => [g.gridCode, g.patrols])).toEqual([
      ['D1-G1', 0],
      ['D1-G2', 0],
      ['T1-V1', 1],
    ]);
    expect(weeklyPatrolFindings(data, W10, 'notice', DEFAULT_DUTY_POLICY).map((f) => f.subject)).toEqual([
      'D1-G1',
      'D1-G2',
    ]);
  });

  it('P2: a grid whose patrols were none led by its 直接负责人 or a head of its unit is notified after the week', () => {
    const data = county([
      patrol('g1', 'D1-G1', 'd1-g2-leader', '2027-03-09T01:00:00Z'), // another grid's 直接负责人
      patrol('g2', 'D1-G2', 'd1-member', '2027-03-09T01:00:00Z'),
      patrol('g2b', 'D1-G2', 'd1-head', '2027-03-10T01:00:00Z'), // the 分网格长
      patrol('v1', 'T1-V1', 't1-deputy', '2027-03-10T01:00:00Z'), // the 副网格长
    ]);
    expect(patrolStatus(data, W10).map((g) => [g.gridCode, g.patrols, g.ledByHead])).toEqual([
      ['D1-G1', 1, 0],
      ['D1-G2', 2, 1],
      ['T1-V1', 1, 1],
    ]);
    const findings = weeklyPatrolFindings(data, W10, 'notice', DEFAULT_DUTY_POLICY);
    expect(findings.map((f) => f.id)).toEqual(['P2-led-by-head/2027-W10/D1-G1/notice']);
    expect(findings[0].notice).toMatchObject({
      kind: 'patrol_not_led_by_head',
      audiences: [
        { role: 'grid_leader', grid: 'D1-G1' },
        { role: 'unit_head', unit: 'D1' },
      ],
    });
    // Not a reminder matter: the week may still bring a led patrol.
    expect(weeklyPatrolFindings(data, W10, 'reminder', DEFAULT_DUTY_POLICY)).toEqual([]);
  });

  it('P1: the weekly count is the policy’s, not a constant', () => {
    const data = county([patrol('p', 'D1-G1', 'd1-g1-leader', '2027-03-09T01:00:00Z')]);
    const policy = { ...DEFAULT_DUTY_POLICY, patrolsPerWeek: 2 };
    expect(weeklyPatrolFindings(data, W10, 'notice', policy).map((f) => f.subject)).toEqual([
      'D1-G1',
      'D1-G2',
      'T1-V1',
    ]);
  });

  it('P1: a key point covered fewer than twice in the month is reminded, then notified to the heads', () => {
    const data = county([
      patrol('a', 'D1-G1', 'd1-g1-leader', '2027-03-02T01:00:00Z', ['kp-1', 'kp-2']),
      patrol('b', 'D1-G1', 'd1-g1-leader', '2027-03-20T01:00:00Z', ['kp-1', 'kp-1']), // listed twice: one visit
      patrol('c', 'D1-G1', 'd1-g1-leader', '2027-02-28T01:00:00Z', ['kp-2']), // February
      patrol('d', 'T1-V1-P1', 't1-ranger', '2027-03-05T01:00:00Z', ['kp-3']),
      patrol('e', 'T1-V1', 't1-deputy', '2027-03-25T01:00:00Z', ['kp-3']),
    ]);
    expect(
      patrolStatus(data, MARCH).flatMap((g) => g.keyPoints.map((k) => [g.gridCode, k.id, k.visits])),
    ).toEqual([
      ['D1-G1', 'kp-1', 2],
      ['D1-G1', 'kp-2', 1],
      ['T1-V1', 'kp-3', 2],
    ]);
    const policy = DEFAULT_DUTY_POLICY;
    const reminders = monthlyDutyFindings(data, MARCH, 'reminder', policy, 'ECO').filter(
      (f) => f.rule === 'P1-key-point',
    );
    expect(reminders.map((f) => f.id)).toEqual(['P1-key-point/2027-03/kp-2/reminder']);
    expect(reminders[0].notice.audiences).toEqual([{ role: 'grid_leader', grid: 'D1-G1' }]);
    const notices = monthlyDutyFindings(data, MARCH, 'notice', policy, 'ECO').filter(
      (f) => f.rule === 'P1-key-point',
    );
    expect(notices.map((f) => f.id)).toEqual(['P1-key-point/2027-03/kp-2/notice']);
    expect(notices[0]).toMatchObject({
      unitCode: 'D1',
      gridCode: 'D1-G1',
      detail: { visits: 1, required: 2 },
      notice: {
        kind: 'key_point_missing',
        ref: 'key_point/kp-2',
        audiences: [
          { role: 'grid_leader', grid: 'D1-G1' },
          { role: 'unit_head', unit: 'D1' },
        ],
      },
    });
    expect(notices[0].notice.body).toContain('排污口');
    expect(notices[0].notice.body).toContain('2027年3月');
  });

  it('P5: a unit whose head held no consultation in the month is reminded, then notified with 县环委办', () => {
    const data = county([], [{ id: 'c1', unitCode: 'T1', heldAt: '2027-03-15T02:00:00Z' }]);
    const reminders = monthlyDutyFindings(data, MARCH, 'reminder', DEFAULT_DUTY_POLICY, 'ECO').filter(
      (f) => f.rule === 'P5-month',
    );
    expect(reminders.map((f) => f.id)).toEqual(['P5-month/2027-03/D1/reminder']);
    expect(reminders[0].notice.audiences).toEqual([{ role: 'unit_head', unit: 'D1' }]);
    const notices = monthlyDutyFindings(data, MARCH, 'notice', DEFAULT_DUTY_POLICY, 'ECO').filter(
      (f) => f.rule === 'P5-month',
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      subject: 'D1',
      gridCode: null,
      notice: {
        kind: 'consultation_missing',
        ref: 'unit/D1',
        audiences: [
          { role: 'unit_head', unit: 'D1' },
          { role: 'eco_office', unit: 'ECO' },
        ],
      },
    });
    expect(notices[0].notice.body).toContain('测试局');
    // A consultation in February or April does not count for March; the monthly count is the policy's.
    const elsewhere = county(
      [],
      [
        { id: 'feb', unitCode: 'D1', heldAt: '2027-02-28T15:59:00Z' },
        { id: 'apr', unitCode: 'D1', heldAt: '2027-03-31T16:00:00Z' },
      ],
    );
    expect(
      monthlyDutyFindings(elsewhere, MARCH, 'notice', DEFAULT_DUTY_POLICY, 'ECO')
        .filter((f) => f.rule === 'P5-month')
        .map((f) => f.subject),
    ).toEqual(['D1', 'T1']);
    const twice = { ...DEFAULT_DUTY_POLICY, consultationsPerMonth: 2 };
    expect(
      monthlyDutyFindings(data, MARCH, 'notice', twice, 'ECO')
        .filter((f) => f.rule === 'P5-month')
        .map((f) => f.subject),
    ).toEqual(['D1', 'T1']);
  });

  it('P1: evaluating the same period twice gives the same findings with the same ids', () => {
    const data = county([patrol('p1', 'D1-G1', 'd1-member', '2027-03-09T01:00:00Z', ['kp-1'])]);
    expect(weeklyPatrolFindings(data, W10, 'notice', DEFAULT_DUTY_POLICY)).toEqual(
      weeklyPatrolFindings(data, W10, 'notice', DEFAULT_DUTY_POLICY),
    );
    expect(monthlyDutyFindings(data, MARCH, 'notice', DEFAULT_DUTY_POLICY, 'ECO')).toEqual(
      monthlyDutyFindings(data, MARCH, 'notice', DEFAULT_DUTY_POLICY, 'ECO'),
    );
  });

  it('P1: the weekly clock reminds Friday 09:00 and judges Monday 09:00 (week end + 9 h grace), Shanghai', () => {
    expect(weeklyPatrolClock(W10, DEFAULT_DUTY_POLICY)).toEqual({
      reminderAt: new Date('2027-03-12T01:00:00Z'),
      judgeAt: new Date('2027-03-15T01:00:00Z'),
    });
    const policy = {
      ...DEFAULT_DUTY_POLICY,
      patrolReminderWeekday: 4,
      patrolReminderTime: { hour: 15, minute: 30 },
    };
    expect(weeklyPatrolClock(W10, policy).reminderAt).toEqual(new Date('2027-03-11T07:30:00Z'));
  });

  it('P1: the monthly clock reminds 5 days before the month ends at 09:00 and judges the 1st at 09:00, Shanghai', () => {
    expect(monthlyDutyClock(MARCH, DEFAULT_DUTY_POLICY)).toEqual({
      reminderAt: new Date('2027-03-27T01:00:00Z'),
      judgeAt: new Date('2027-04-01T01:00:00Z'),
    });
    expect(monthlyDutyClock(monthPeriod('2027-02'), DEFAULT_DUTY_POLICY).reminderAt).toEqual(
      new Date('2027-02-24T01:00:00Z'),
    );
  });
});
