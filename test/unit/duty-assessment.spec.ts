import {
  assessUnit,
  assessmentCutoff,
  completedMonths,
  completedWeeks,
  type AssessmentIssue,
  type AssessmentRecords,
  type ComputedIndicator,
} from '../../domain/duties/assessment/assessment';
import { DEFAULT_DUTY_POLICY } from '../../domain/duties/duty-policy';
import { shanghaiInstant } from '../../domain/duties/periods';

const UNIT = { code: 'T1', name: '示范镇', kind: 'township' };
/** Counted up to 2027-03-01 00:00 Shanghai: January and February are over, weeks W01–W08 too. */
const AS_OF = shanghaiInstant(2027, 3, 1);
const at = (month: number, day: number, hour = 10, minute = 0) =>
  shanghaiInstant(2027, month, day, hour, minute);

function issue(code: string, overrides: Partial<AssessmentIssue>): AssessmentIssue {
  return {
    code,
    source: 'patrol',
    severity: 'general',
    finderUnit: 'T1',
    sectorOwner: 'ULE',
    territorialOwner: 'T1',
    owner: null,
    reportedAt: at(1, 5),
    accountabilityFlagged: false,
    knownAs: null,
    countySupervision: false,
    overdue: false,
    planTimeLimit: null,
    closedAt: null,
    ...overrides,
  };
}

const patrol = (
  id: string,
  gridCode: string,
  weekId: string,
  startedAt: Date,
  extra: { keyPointIds?: string[]; issueCodes?: string[]; unitCode?: string } = {},
) => ({
  id,
  unitCode: extra.unitCode ?? 'T1',
  gridCode,
  weekId,
  startedAt,
  keyPointIds: extra.keyPointIds ?? [],
  issueCodes: extra.issueCodes ?? [],
});

const records: AssessmentRecords = {
  issues: [
    // (1) discovery
    issue('A1', { severity: 'major' }),
    issue('A2', { source: 'resident_visit' }),
    issue('A3', { finderUnit: 'ECO', source: 'media', accountabilityFlagged: true }),
    issue('A4', { finderUnit: 'ECO', source: 'higher_referral' }),
    issue('A5', { finderUnit: 'WRB', source: 'patrol' }),
    issue('A6', { reportedAt: shanghaiInstant(2026, 12, 31, 10) }),
    issue('A7', { source: 'higher_referral' }),
    // (2) rectification: owned by T1, found elsewhere so they do not disturb (1)
    issue('R1', {
      finderUnit: 'X',
      territorialOwner: 'X',
      owner: 'T1',
      planTimeLimit: '2027-01-20',
      closedAt: at(1, 20, 15),
    }),
    issue('R2', {
      finderUnit: 'X',
      territorialOwner: 'X',
      owner: 'T1',
      planTimeLimit: '2027-01-20',
      closedAt: at(1, 21, 9),
    }),
    issue('R3', { finderUnit: 'X', territorialOwner: 'X', owner: 'T1', closedAt: at(2, 2) }),
    issue('R4', {
      finderUnit: 'X',
      territorialOwner: 'X',
      owner: 'T1',
      planTimeLimit: '2027-02-10',
      countySupervision: true,
    }),
    issue('R5', { finderUnit: 'X', territorialOwner: 'X', owner: 'T1', planTimeLimit: '2027-03-15' }),
    issue('R6', {
      finderUnit: 'X',
      territorialOwner: 'X',
      owner: 'T1',
      reportedAt: shanghaiInstant(2026, 11, 1),
      planTimeLimit: '2026-12-20',
      closedAt: shanghaiInstant(2026, 12, 20),
    }),
    issue('R7', {
      finderUnit: 'X',
      territorialOwner: 'X',
      owner: 'T1',
      reportedAt: shanghaiInstant(2026, 11, 1),
      planTimeLimit: '2027-04-01',
      overdue: true,
    }),
    issue('R8', {
      finderUnit: 'X',
      territorialOwner: 'X',
      owner: 'ULE',
      planTimeLimit: '2027-01-10',
      closedAt: at(1, 9),
    }),
    issue('R9', {
      finderUnit: 'X',
      territorialOwner: 'X',
      owner: 'T1',
      planTimeLimit: '2027-02-20',
      closedAt: at(3, 5),
    }),
  ],
  grids: [
    {
      code: 'V1',
      unitCode: 'T1',
      kind: 'village',
      parentGridCode: null,
      createdAt: shanghaiInstant(2026, 6, 1),
    },
    {
      code: 'V1-P1',
      unitCode: 'T1',
      kind: 'sub_area',
      parentGridCode: 'V1',
      createdAt: shanghaiInstant(2026, 6, 1),
    },
    {
      code: 'V2',
      unitCode: 'T1',
      kind: 'village',
      parentGridCode: null,
      createdAt: shanghaiInstant(2026, 6, 1),
    },
    { code: 'V3', unitCode: 'T1', kind: 'village', parentGridCode: null, createdAt: at(2, 1) },
    {
      code: 'OTHER',
      unitCode: 'T2',
      kind: 'village',
      parentGridCode: null,
      createdAt: shanghaiInstant(2026, 6, 1),
    },
  ],
  patrols: [
    patrol('p-w01', 'V1', '2027-W01', at(1, 5), { keyPointIds: ['KP1'], issueCodes: ['A1'] }),
    patrol('p-w02-sub', 'V1-P1', '2027-W02', at(1, 12), { keyPointIds: ['KP1'] }),
    patrol('p-w04', 'V1', '2027-W04', at(1, 26)),
    patrol('p-w05', 'V1', '2027-W05', at(2, 2), { keyPointIds: ['KP1'] }),
    patrol('p-w06', 'V1', '2027-W06', at(2, 9)),
    patrol('p-w07', 'V1', '2027-W07', at(2, 16)),
    patrol('p-w08', 'V1', '2027-W08', at(2, 23)),
    patrol('p-w08b', 'V1', '2027-W08', at(2, 24)),
    patrol('p-v2-w01', 'V2', '2027-W01', at(1, 6)),
    patrol('p-v3-w06', 'V3', '2027-W06', at(2, 10)),
    patrol('p-2026', 'V2', '2026-W53', shanghaiInstant(2026, 12, 30)),
    patrol('p-other', 'OTHER', '2027-W03', at(1, 19), { unitCode: 'T2' }),
  ],
  keyPoints: [
    { id: 'KP1', gridCode: 'V1', unitCode: 'T1', createdAt: shanghaiInstant(2026, 6, 1) },
    { id: 'KP-OTHER', gridCode: 'OTHER', unitCode: 'T2', createdAt: shanghaiInstant(2026, 6, 1) },
  ],
  consultations: [
    { id: 'c-jan', unitCode: 'T1', heldAt: at(1, 15) },
    { id: 'c-other', unitCode: 'T2', heldAt: at(2, 15) },
  ],
  findings: [
    {
      id: 'P1-week/2027-W03/V1/notice',
      rule: 'P1-week',
      unitCode: 'T1',
      stage: 'notice',
      foundAt: at(1, 25, 9),
    },
    {
      id: 'P1-week/2027-W03/V1/reminder',
      rule: 'P1-week',
      unitCode: 'T1',
      stage: 'reminder',
      foundAt: at(1, 22, 9),
    },
    {
      id: 'P1-week/2027-W03/OTHER/notice',
      rule: 'P1-week',
      unitCode: 'T2',
      stage: 'notice',
      foundAt: at(1, 25, 9),
    },
  ],
  reports: [
    {
      id: 'weekly/T1/2027-W01',
      kind: 'weekly',
      unitCode: 'T1',
      dueAt: at(1, 13, 12),
      submittedAt: at(1, 13, 11),
      onTime: true,
    },
    {
      id: 'weekly/T1/2027-W02',
      kind: 'weekly',
      unitCode: 'T1',
      dueAt: at(1, 20, 12),
      submittedAt: at(1, 20, 14),
      onTime: false,
    },
    {
      id: 'weekly/T1/2027-W03',
      kind: 'weekly',
      unitCode: 'T1',
      dueAt: at(1, 27, 12),
      submittedAt: null,
      onTime: null,
    },
    {
      id: 'weekly/T1/2027-W04',
      kind: 'weekly',
      unitCode: 'T1',
      dueAt: at(2, 3, 12),
      submittedAt: at(2, 3, 10),
      onTime: null,
    },
    {
      id: 'weekly/T1/2026-W52',
      kind: 'weekly',
      unitCode: 'T1',
      dueAt: shanghaiInstant(2026, 12, 30, 12),
      submittedAt: null,
      onTime: null,
    },
    {
      id: 'monthly_summary/T1/2027-02',
      kind: 'monthly_summary',
      unitCode: 'T1',
      dueAt: at(3, 5, 12),
      submittedAt: null,
      onTime: null,
    },
    {
      id: 'weekly/T2/2027-W01',
      kind: 'weekly',
      unitCode: 'T2',
      dueAt: at(1, 13, 12),
      submittedAt: null,
      onTime: null,
    },
  ],
};

const assessment = assessUnit(UNIT, 2027, AS_OF, records, DEFAULT_DUTY_POLICY);
const indicator = (n: number) => assessment.indicators[n - 1] as ComputedIndicator;

describe('assessUnit', () => {
  it('P7: (1) proactive discovery counts the issues the unit found itself against those a higher level or the media found in its area', () => {
    const discovery = indicator(1);
    expect(discovery.label).toBe('（1）主动发现和报告问题');
    expect(discovery.basis.found).toEqual(['A1', 'A2']);
    expect(discovery.basis.foundMajor).toEqual(['A1']);
    // A7 was entered by the unit itself but came from a higher referral: not its own discovery.
    expect(discovery.basis.foundByHigherOrMedia).toEqual(['A3', 'A4', 'A7']);
    expect(discovery.basis.accountabilityFlagged).toEqual(['A3']);
    expect(discovery.counts).toMatchObject({ found: 2, foundByHigherOrMedia: 3, accountabilityFlagged: 1 });
    expect(discovery.basis.patrolIssues).toEqual(['A1']);
    expect(discovery.counts.patrols).toBe(10);
  });

  it('P7: (1) an L16 flag counts against the unit once more (从重从严)', () => {
    // 100 × 2 / (2 + 3 + 1)
    expect(indicator(1).score).toBe(33.3);
    expect(indicator(1).formula).toContain('L16');
  });

  it('P7: (2) rectification: on time means closed by the end of the 五定 time limit day; open and past it is overdue', () => {
    const rect = indicator(2);
    expect(rect.basis.owned).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R7', 'R9']);
    expect(rect.basis.closed).toEqual(['R1', 'R2', 'R3']);
    expect(rect.basis.closedOnTime).toEqual(['R1', 'R3']);
    expect(rect.basis.closedLate).toEqual(['R2']);
    // R9 closes after the cutoff: as of 1 March it is open and past its limit.
    expect(rect.basis.open).toEqual(['R4', 'R5', 'R7', 'R9']);
    expect(rect.basis.overdue).toEqual(['R2', 'R4', 'R7', 'R9']);
    expect(rect.basis.escalatedToCounty).toEqual(['R4']);
    // 100 × 2 on time / (3 closed + 3 open and overdue); R5 is not yet due.
    expect(rect.score).toBe(33.3);
  });

  it('P7: (3) grid operation: grid-weeks patrolled, key-point months covered, consultation months', () => {
    const op = indicator(3);
    // V1 and V2 for 8 weeks, V3 (created 1 February) for 4.
    expect(op.counts.gridWeeksExpected).toBe(20);
    // V1 every week but W03 (the 分片's patrol counts for V1 in W02), V2 in W01, V3 in W06.
    expect(op.basis.gridWeeksPatrolled).toEqual([
      'V1@2027-W01',
      'V1@2027-W02',
      'V1@2027-W04',
      'V1@2027-W05',
      'V1@2027-W06',
      'V1@2027-W07',
      'V1@2027-W08',
      'V2@2027-W01',
      'V3@2027-W06',
    ]);
    expect(op.basis.gridWeeksMissed).toContain('V1@2027-W03');
    expect(op.counts.gridWeeksMissed).toBe(11);
    expect(op.basis.patrolsCounted).toContain('p-w08b');
    expect(op.basis.keyPointMonthsExpected).toEqual(['KP1@2027-01', 'KP1@2027-02']);
    expect(op.basis.keyPointMonthsCovered).toEqual(['KP1@2027-01']);
    expect(op.basis.monthsWithConsultation).toEqual(['2027-01']);
    expect(op.basis.consultations).toEqual(['c-jan']);
    expect(op.basis.complianceFindings).toEqual(['P1-week/2027-W03/V1/notice']);
    // mean(9/20, 1/2, 1/2) × 100
    expect(op.score).toBe(48.3);
  });

  it('P7: (4) timely materials: reports due in the year by the cutoff, on time, late and missing', () => {
    const mat = indicator(4);
    expect(mat.basis).toEqual({
      due: ['weekly/T1/2027-W01', 'weekly/T1/2027-W02', 'weekly/T1/2027-W03', 'weekly/T1/2027-W04'],
      onTime: ['weekly/T1/2027-W01', 'weekly/T1/2027-W04'],
      late: ['weekly/T1/2027-W02'],
      missing: ['weekly/T1/2027-W03'],
    });
    expect(mat.score).toBe(50);
  });

  it('P7: (5) innovation is not computed, and there is no total', () => {
    expect(assessment.indicators[4]).toEqual({
      number: 5,
      key: 'innovation',
      label: '（5）创新工作',
      computed: false,
      score: null,
      note: '不由系统计算，由考核组评定',
    });
    expect(Object.keys(assessment)).not.toContain('total');
  });

  it('P7: every count has its basis and a Chinese label, every score its formula', () => {
    for (const ind of assessment.indicators.slice(0, 4) as ComputedIndicator[]) {
      expect(ind.formula).toMatch(/^得分 = /);
      for (const [key, count] of Object.entries(ind.counts)) {
        expect(ind.basis[key]).toHaveLength(count);
        expect(ind.labels[key]).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('P7: a unit with nothing to judge is not assessed (不评定, no score), not 100, but still owes a consultation every month', () => {
    const empty = assessUnit(
      { code: 'NONE', name: '空', kind: 'department' },
      2027,
      AS_OF,
      records,
      DEFAULT_DUTY_POLICY,
    );
    for (const n of [0, 1, 3]) {
      const ind = empty.indicators[n] as ComputedIndicator;
      expect([ind.assessed, ind.score]).toEqual([false, null]);
      expect(ind.formula).toContain('不评定');
      expect(Object.values(ind.counts).every((count) => count === 0)).toBe(true);
    }
    const op = empty.indicators[2];
    expect(op.basis.consultationMonths).toEqual(['2027-01', '2027-02']);
    expect(op.score).toBe(0);
    expect(op.assessed).toBe(true);
  });

  it('P7 and L16: a media or higher-level report of a problem the grid already had is not counted against it', () => {
    const known = issue('A8', { finderUnit: 'ECO', source: 'media', knownAs: 'A1' });
    const withKnown = assessUnit(
      UNIT,
      2027,
      AS_OF,
      { ...records, issues: [...records.issues, known] },
      DEFAULT_DUTY_POLICY,
    ).indicators[0];
    expect(withKnown.basis.foundByHigherOrMedia).toEqual(['A3', 'A4', 'A7']);
    expect(withKnown.basis.alreadyKnown).toEqual(['A8']);
    expect(withKnown.score).toBe(indicator(1).score);
    // The same report without the match counts against the unit.
    const unmatched = assessUnit(
      UNIT,
      2027,
      AS_OF,
      { ...records, issues: [...records.issues, { ...known, knownAs: null }] },
      DEFAULT_DUTY_POLICY,
    ).indicators[0];
    expect(unmatched.basis.foundByHigherOrMedia).toEqual(['A3', 'A4', 'A7', 'A8']);
    expect(unmatched.score).toBeLessThan(withKnown.score!);
  });

  it('P7: the running year is counted to the cutoff, a past year to its end', () => {
    const end = assessmentCutoff(2027, shanghaiInstant(2028, 6, 1));
    expect(end.toISOString()).toBe('2027-12-31T16:00:00.000Z');
    // ISO 2027 has 52 weeks; the last (27 Dec – 2 Jan) counts once it is over.
    expect(completedWeeks(2027, end)).toHaveLength(51);
    expect(
      completedWeeks(2027, shanghaiInstant(2028, 6, 1))
        .map((w) => w.id)
        .at(-1),
    ).toBe('2027-W52');
    expect(completedWeeks(2027, shanghaiInstant(2028, 6, 1))).toHaveLength(52);
    expect(completedMonths(2027, end)).toHaveLength(12);
    expect(completedWeeks(2027, AS_OF).map((w) => w.id)).toEqual([
      '2027-W01',
      '2027-W02',
      '2027-W03',
      '2027-W04',
      '2027-W05',
      '2027-W06',
      '2027-W07',
      '2027-W08',
    ]);
  });
});
