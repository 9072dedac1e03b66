/**
 * 考核 (SPEC P7): the indicators (1)–(4) of one unit's grid work in one year, computed from the system's own
 * records. Every count comes with the ids behind it (`basis`) and every score with the formula that made it,
 * so a number in the county's assessment can always be traced back to issues, patrols, reports and findings.
 * (5) innovation is judged by the assessment group, and the weighting of the indicators is the county's
 * policy, which the seed does not state: no total is computed.
 *
 * Pure: plain records in, plain data out.
 */
import type { IssueSource, Severity } from '../../issue/issue.types';
import { DUTY_UNIT_KINDS, type DutyPolicy } from '../duty-policy';
import { endOfDay, monthPeriod, shiftPeriod, weekPeriod, yearPeriod, type Period } from '../periods';

export interface AssessedUnit {
  code: string;
  name: string;
  kind: string;
}

/** An issue as the read model holds it, with the two facts of its state the assessment needs. */
export interface AssessmentIssue {
  code: string;
  source: IssueSource;
  severity: Severity;
  finderUnit: string;
  sectorOwner: string;
  territorialOwner: string;
  /** The unit responsible for rectification; null until one accepted. */
  owner: string | null;
  reportedAt: Date;
  /** L16. */
  accountabilityFlagged: boolean;
  /** L16: a referral or media report of a problem the grid already had: the code of the grid's own issue. */
  knownAs: string | null;
  /** 县级督办 (L10). */
  countySupervision: boolean;
  /** The read model's overdue flag (an open obligation past due). */
  overdue: boolean;
  /** 五定 定整改时限, YYYY-MM-DD (Shanghai); null without a plan (立行立改, or not yet planned). */
  planTimeLimit: string | null;
  /** When it was closed and archived (销号); null while open. */
  closedAt: Date | null;
}

export interface AssessmentPatrol {
  id: string;
  unitCode: string;
  gridCode: string;
  startedAt: Date;
  /** ISO week id, e.g. 2027-W02. */
  weekId: string;
  keyPointIds: string[];
  issueCodes: string[];
}

export interface AssessmentGrid {
  code: string;
  unitCode: string;
  kind: 'sector' | 'village' | 'sub_area';
  /** The village grid a 分片 belongs to. */
  parentGridCode: string | null;
  createdAt: Date;
}

export interface AssessmentKeyPoint {
  id: string;
  gridCode: string;
  unitCode: string;
  createdAt: Date;
}

export interface AssessmentConsultation {
  id: string;
  unitCode: string;
  heldAt: Date;
}

export interface AssessmentFinding {
  id: string;
  rule: string;
  unitCode: string;
  stage: 'reminder' | 'notice';
  foundAt: Date;
}

export interface AssessmentReport {
  id: string;
  kind: string;
  unitCode: string;
  dueAt: Date | null;
  submittedAt: Date | null;
  /** As recorded at submission; derived from the dates when absent. */
  onTime: boolean | null;
}

export interface AssessmentRecords {
  issues: AssessmentIssue[];
  patrols: AssessmentPatrol[];
  grids: AssessmentGrid[];
  keyPoints: AssessmentKeyPoint[];
  consultations: AssessmentConsultation[];
  findings: AssessmentFinding[];
  reports: AssessmentReport[];
}

export type AssessmentPolicy = Pick<
  DutyPolicy,
  'patrolsPerWeek' | 'keyPointVisitsPerMonth' | 'consultationsPerMonth'
>;

export type IndicatorKey = 'discovery' | 'rectification' | 'operation' | 'materials' | 'innovation';

export interface ComputedIndicator {
  number: 1 | 2 | 3 | 4;
  key: Exclude<IndicatorKey, 'innovation'>;
  /** Chinese name as the county's assessment names it. */
  label: string;
  computed: true;
  /** False when the unit had nothing this indicator judges (不评定): then `score` is null, never a free 100. */
  assessed: boolean;
  /** 0–100, one decimal; null when not assessed. */
  score: number | null;
  /** How the score is computed, in words and symbols (Chinese). */
  formula: string;
  counts: Record<string, number>;
  /** Chinese label of each count. */
  labels: Record<string, string>;
  /** The ids behind each count (issue codes, patrol ids, report ids, finding ids, `grid@week`). */
  basis: Record<string, string[]>;
}

export interface InnovationIndicator {
  number: 5;
  key: 'innovation';
  label: string;
  computed: false;
  score: null;
  note: string;
}

export type Indicator = ComputedIndicator | InnovationIndicator;

export interface UnitAssessment {
  unitCode: string;
  unitName: string;
  unitKind: string;
  year: number;
  /** The records are counted up to this instant (the year's end, or earlier for the running year). */
  asOf: string;
  indicators: [
    ComputedIndicator,
    ComputedIndicator,
    ComputedIndicator,
    ComputedIndicator,
    InnovationIndicator,
  ];
}

/** The unit kinds whose grid work is assessed: those that carry the standing duties (P7). */
export const ASSESSED_UNIT_KINDS: readonly string[] = DUTY_UNIT_KINDS;

/** Said once, wherever the indicators are shown. */
export const ASSESSMENT_NOTE =
  '指标（1）—（4）由系统依据巡查、问题、会商、报送和合规记录计算，每项列出计算公式和依据；（5）创新工作由考核组评定。' +
  '网格化管理工作占年度生态环境目标考核的50%，各项权重以县考核办法为准，本系统不计算总分。';

export const INNOVATION: InnovationIndicator = {
  number: 5,
  key: 'innovation',
  label: '（5）创新工作',
  computed: false,
  score: null,
  note: '不由系统计算，由考核组评定',
};

/** Grids the weekly patrol is owed to: sector and village grids; a 分片 is covered within its village grid. */
const PATROLLED_GRID_KINDS: ReadonlyArray<AssessmentGrid['kind']> = ['sector', 'village'];

const ms = (d: Date) => d.getTime();
const round1 = (n: number) => Math.round(n * 10) / 10;
const clamp = (n: number) => Math.min(100, Math.max(0, n));
const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();
const within = (at: Date, from: Date, to: Date) => ms(at) >= ms(from) && ms(at) < ms(to);

/** The instant the records are counted to: `asOf` clamped into the year. */
export function assessmentCutoff(year: number, asOf: Date): Date {
  const period = yearPeriod(String(year));
  return new Date(Math.min(Math.max(ms(asOf), ms(period.start)), ms(period.end)));
}

/**
 * The ISO weeks of the year (ids `2027-Wnn`, as patrols are recorded) that ended by `asOf`. The last one may
 * end in the first days of January: it still belongs to this year, and is counted once it is over.
 */
export function completedWeeks(year: number, asOf: Date): Period[] {
  const weeks: Period[] = [];
  for (let week = weekPeriod(`${year}-W01`); week.id.startsWith(`${year}-W`); week = shiftPeriod(week, 1)) {
    if (ms(week.end) <= ms(asOf)) weeks.push(week);
  }
  return weeks;
}

/** The months of the year that ended by the cutoff. */
export function completedMonths(year: number, cutoff: Date): Period[] {
  return Array.from({ length: 12 }, (_, i) =>
    monthPeriod(`${year}-${String(i + 1).padStart(2, '0')}`),
  ).filter((month) => ms(month.end) <= ms(cutoff));
}

/** 100 × part / whole, or null (不评定) when there was nothing to judge. */
function share(part: number, whole: number): number | null {
  return whole === 0 ? null : round1(clamp((100 * part) / whole));
}

/** (1) 主动发现和报告问题. */
function discovery(unit: string, records: AssessmentRecords, from: Date, to: Date): ComputedIndicator {
  const inYear = records.issues.filter((issue) => within(issue.reportedAt, from, to));
  // Its area: issues it carries as 属地乡镇 or 行业主管部门 (L6), whoever entered them.
  const ownArea = (issue: AssessmentIssue) => issue.territorialOwner === unit || issue.sectorOwner === unit;
  const fromAbove = (issue: AssessmentIssue) =>
    issue.source === 'higher_referral' || issue.source === 'media';
  const found = inYear.filter((issue) => issue.finderUnit === unit && !fromAbove(issue));
  const foundMajor = found.filter((issue) => issue.severity === 'major');
  // A referral or media report of a problem the grid already had (L16) is not held against it.
  const againstIt = inYear.filter((issue) => ownArea(issue) && fromAbove(issue) && issue.knownAs === null);
  const alreadyKnown = inYear.filter((issue) => ownArea(issue) && fromAbove(issue) && issue.knownAs !== null);
  const flagged = inYear.filter((issue) => ownArea(issue) && issue.accountabilityFlagged);
  const patrols = records.patrols.filter((p) => p.unitCode === unit && within(p.startedAt, from, to));
  const patrolIssues = sorted(patrols.flatMap((p) => p.issueCodes));
  const basis = {
    found: sorted(found.map((i) => i.code)),
    foundMajor: sorted(foundMajor.map((i) => i.code)),
    foundByHigherOrMedia: sorted(againstIt.map((i) => i.code)),
    alreadyKnown: sorted(alreadyKnown.map((i) => i.code)),
    accountabilityFlagged: sorted(flagged.map((i) => i.code)),
    patrols: sorted(patrols.map((p) => p.id)),
    patrolIssues,
  };
  const [S, H, F] = [
    basis.found.length,
    basis.foundByHigherOrMedia.length,
    basis.accountabilityFlagged.length,
  ];
  const score = share(S, S + H + F);
  return {
    number: 1,
    key: 'discovery',
    label: '（1）主动发现和报告问题',
    computed: true,
    assessed: score !== null,
    score,
    formula:
      '得分 = 100 × 自行发现数 ÷ (自行发现数 + 辖区内被上级交办或媒体曝光数 + 辖区内L16问责标记数)；' +
      '自行发现指本单位为发现单位且来源不是上级交办或媒体曝光；辖区指本单位为属地乡镇或行业主管部门（L6）；' +
      '问责标记问题“从重从严”再计一次；上级交办或媒体曝光的问题与本网格此前已上报的问题相同（50米内、同类别、在先且未销号）的，不计入；' +
      '三项均为0时不评定。巡查次数仅列示。',
    counts: Object.fromEntries(Object.entries(basis).map(([k, v]) => [k, v.length])),
    labels: {
      found: '本单位自行发现并上报的问题数',
      foundMajor: '其中重大问题数',
      foundByHigherOrMedia: '辖区内被上级交办或新闻媒体曝光的问题数',
      alreadyKnown: '其中网格此前已上报、不计入的问题数',
      accountabilityFlagged: '辖区内被标记问责（L16）的问题数',
      patrols: '巡查次数',
      patrolIssues: '巡查中发现的问题数',
    },
    basis,
  };
}

/** (2) 问题整改和销号. */
function rectification(unit: string, records: AssessmentRecords, from: Date, to: Date): ComputedIndicator {
  const owned = records.issues.filter(
    (issue) =>
      issue.owner === unit &&
      ms(issue.reportedAt) < ms(to) &&
      (issue.closedAt === null || ms(issue.closedAt) >= ms(from)),
  );
  const closedBy = (issue: AssessmentIssue) => issue.closedAt !== null && ms(issue.closedAt) < ms(to);
  const limit = (issue: AssessmentIssue) => (issue.planTimeLimit ? endOfDay(issue.planTimeLimit) : null);
  const closed = owned.filter(closedBy);
  const closedOnTime = closed.filter((issue) => {
    const end = limit(issue);
    return end === null || ms(issue.closedAt!) <= ms(end);
  });
  const closedLate = closed.filter((issue) => !closedOnTime.includes(issue));
  const open = owned.filter((issue) => !closedBy(issue));
  const openOverdue = open.filter((issue) => {
    const end = limit(issue);
    return issue.overdue || (end !== null && ms(end) <= ms(to));
  });
  const escalated = owned.filter((issue) => issue.countySupervision);
  const basis = {
    owned: sorted(owned.map((i) => i.code)),
    closed: sorted(closed.map((i) => i.code)),
    closedOnTime: sorted(closedOnTime.map((i) => i.code)),
    closedLate: sorted(closedLate.map((i) => i.code)),
    open: sorted(open.map((i) => i.code)),
    overdue: sorted([...closedLate, ...openOverdue].map((i) => i.code)),
    escalatedToCounty: sorted(escalated.map((i) => i.code)),
  };
  const due = basis.closed.length + openOverdue.length;
  const score = share(basis.closedOnTime.length, due);
  return {
    number: 2,
    key: 'rectification',
    label: '（2）问题整改和销号',
    computed: true,
    assessed: score !== null,
    score,
    formula:
      '得分 = 100 × 按时销号数 ÷ (已销号数 + 未销号且已逾期数)；按时指在五定整改时限当日结束前销号（立行立改无时限，销号即按时）；' +
      '尚未到期的在办问题不计入；无到期问题时不评定。县级督办数仅列示。',
    counts: Object.fromEntries(Object.entries(basis).map(([k, v]) => [k, v.length])),
    labels: {
      owned: '本单位负责整改的问题数（年内在办或销号）',
      closed: '已销号数',
      closedOnTime: '按时销号数',
      closedLate: '逾期后销号数',
      open: '未销号数',
      overdue: '逾期问题数（逾期销号及未销号已逾期）',
      escalatedToCounty: '被县级督办的问题数',
    },
    basis,
  };
}

/** (3) 网格运行顺畅程度. */
function operation(
  unit: string,
  records: AssessmentRecords,
  policy: AssessmentPolicy,
  year: number,
  asOf: Date,
  from: Date,
  to: Date,
): ComputedIndicator {
  const weeks = completedWeeks(year, asOf);
  const months = completedMonths(year, to);
  const grids = records.grids.filter(
    (grid) => grid.unitCode === unit && PATROLLED_GRID_KINDS.includes(grid.kind),
  );
  // Weeks are matched by their id and months by date, so the year's last week counts its January days too.
  const patrols = records.patrols.filter((p) => p.unitCode === unit);
  // A 分片 is part of its village grid: its patrols count there (as the duty clocks judge it).
  const parents = new Map(
    records.grids.map((g) => [g.code, g.kind === 'sub_area' ? g.parentGridCode : null]),
  );
  const judgedGrid = (code: string) => parents.get(code) ?? code;

  const gridWeeksExpected: string[] = [];
  const gridWeeksPatrolled: string[] = [];
  const patrolsCounted: string[] = [];
  for (const grid of grids) {
    for (const week of weeks) {
      if (ms(grid.createdAt) >= ms(week.end)) continue;
      const key = `${grid.code}@${week.id}`;
      gridWeeksExpected.push(key);
      const those = patrols.filter((p) => judgedGrid(p.gridCode) === grid.code && p.weekId === week.id);
      if (those.length >= policy.patrolsPerWeek) {
        gridWeeksPatrolled.push(key);
        patrolsCounted.push(...those.map((p) => p.id));
      }
    }
  }

  const keyPoints = records.keyPoints.filter((kp) => kp.unitCode === unit);
  const keyPointMonthsExpected: string[] = [];
  const keyPointMonthsCovered: string[] = [];
  for (const point of keyPoints) {
    for (const month of months) {
      if (ms(point.createdAt) >= ms(month.end)) continue;
      const key = `${point.id}@${month.id}`;
      keyPointMonthsExpected.push(key);
      const visits = patrols.filter(
        (p) => p.keyPointIds.includes(point.id) && within(p.startedAt, month.start, month.end),
      );
      if (visits.length >= policy.keyPointVisitsPerMonth) keyPointMonthsCovered.push(key);
    }
  }

  const consultations = records.consultations.filter(
    (c) => c.unitCode === unit && within(c.heldAt, from, to),
  );
  const consultationMonths = months.map((m) => m.id);
  const monthsWithConsultation = months
    .filter(
      (month) =>
        consultations.filter((c) => within(c.heldAt, month.start, month.end)).length >=
        policy.consultationsPerMonth,
    )
    .map((m) => m.id);
  const findings = records.findings.filter(
    (f) => f.unitCode === unit && f.stage === 'notice' && within(f.foundAt, from, to),
  );

  const basis = {
    gridWeeksExpected: sorted(gridWeeksExpected),
    gridWeeksPatrolled: sorted(gridWeeksPatrolled),
    gridWeeksMissed: sorted(gridWeeksExpected.filter((k) => !gridWeeksPatrolled.includes(k))),
    patrolsCounted: sorted(patrolsCounted),
    keyPointMonthsExpected: sorted(keyPointMonthsExpected),
    keyPointMonthsCovered: sorted(keyPointMonthsCovered),
    consultationMonths: sorted(consultationMonths),
    monthsWithConsultation: sorted(monthsWithConsultation),
    consultations: sorted(consultations.map((c) => c.id)),
    complianceFindings: sorted(findings.map((f) => f.id)),
  };
  const ratios = [
    [basis.gridWeeksPatrolled.length, basis.gridWeeksExpected.length],
    [basis.keyPointMonthsCovered.length, basis.keyPointMonthsExpected.length],
    [basis.monthsWithConsultation.length, basis.consultationMonths.length],
  ].filter(([, whole]) => whole > 0);
  const score =
    ratios.length === 0
      ? null
      : round1(ratios.reduce((sum, [part, whole]) => sum + (100 * part) / whole, 0) / ratios.length);
  return {
    number: 3,
    key: 'operation',
    label: '（3）网格运行顺畅程度',
    computed: true,
    assessed: score !== null,
    score,
    formula:
      `得分 = 100 × 下列比率的平均数（分母为0的不计）：巡查达标网格周数 ÷ 应巡查网格周数（每网格每周不少于${policy.patrolsPerWeek}次）、` +
      `重点点位覆盖达标月数 ÷ 应覆盖点位月数（每点位每月不少于${policy.keyPointVisitsPerMonth}次）、` +
      `会商达标月数 ÷ 已过月数（每月不少于${policy.consultationsPerMonth}次），均无分母时不评定；只计已结束的周和月，周按 ISO 周（周一至周日）计入其所属年度。合规通报发现与上述比率同源，仅列示、不重复扣分。`,
    counts: Object.fromEntries(Object.entries(basis).map(([k, v]) => [k, v.length])),
    labels: {
      gridWeeksExpected: '应巡查网格周数',
      gridWeeksPatrolled: '巡查达标网格周数',
      gridWeeksMissed: '未巡查网格周数',
      patrolsCounted: '计入达标的巡查次数',
      keyPointMonthsExpected: '应覆盖重点点位月数',
      keyPointMonthsCovered: '重点点位覆盖达标月数',
      consultationMonths: '应会商月数',
      monthsWithConsultation: '会商达标月数',
      consultations: '会商次数',
      complianceFindings: '被通报的合规问题数',
    },
    basis,
  };
}

/** (4) 材料报送及时性. */
function materials(unit: string, records: AssessmentRecords, from: Date, to: Date): ComputedIndicator {
  const due = records.reports.filter(
    (r) => r.unitCode === unit && r.dueAt !== null && ms(r.dueAt) >= ms(from) && ms(r.dueAt) <= ms(to),
  );
  const submitted = (r: AssessmentReport) => r.submittedAt !== null && ms(r.submittedAt) <= ms(to);
  const onTime = (r: AssessmentReport) => r.onTime ?? ms(r.submittedAt!) <= ms(r.dueAt!);
  const basis = {
    due: sorted(due.map((r) => r.id)),
    onTime: sorted(due.filter((r) => submitted(r) && onTime(r)).map((r) => r.id)),
    late: sorted(due.filter((r) => submitted(r) && !onTime(r)).map((r) => r.id)),
    missing: sorted(due.filter((r) => !submitted(r)).map((r) => r.id)),
  };
  const score = share(basis.onTime.length, basis.due.length);
  return {
    number: 4,
    key: 'materials',
    label: '（4）材料报送及时性',
    computed: true,
    assessed: score !== null,
    score,
    formula:
      '得分 = 100 × 按时报送数 ÷ 应报送数；应报送指截止时间在本年度内且已到的周报、月度材料、风险预警清单和年度自评等；无应报送材料时不评定。',
    counts: Object.fromEntries(Object.entries(basis).map(([k, v]) => [k, v.length])),
    labels: {
      due: '应报送材料数',
      onTime: '按时报送数',
      late: '逾期报送数',
      missing: '未报送数',
    },
    basis,
  };
}

/** The indicators of one unit for one year, counting records up to `asOf` (clamped into the year). */
export function assessUnit(
  unit: AssessedUnit,
  year: number,
  asOf: Date,
  records: AssessmentRecords,
  policy: AssessmentPolicy,
): UnitAssessment {
  const from = yearPeriod(String(year)).start;
  const to = assessmentCutoff(year, asOf);
  return {
    unitCode: unit.code,
    unitName: unit.name,
    unitKind: unit.kind,
    year,
    asOf: to.toISOString(),
    indicators: [
      discovery(unit.code, records, from, to),
      rectification(unit.code, records, from, to),
      operation(unit.code, records, policy, year, asOf, from, to),
      materials(unit.code, records, from, to),
      INNOVATION,
    ],
  };
}
