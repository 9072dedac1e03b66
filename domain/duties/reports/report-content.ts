/**
 * What each report says, drafted from the records (patrols, ledgers, issues, other reports): the activities load
 * the records, these pure functions write the content. The unit adds its narrative (reports.ts NARRATIVE_PARTS).
 */
import type { Severity } from '../../issue/issue.types';
import { responsiblePartyLine, type ResponsibleParty } from '../../records/responsible-party';
import { PATROL_METHOD_LABELS } from '../patrols/patrol';
import { inPeriod, periodLabel, type Period } from '../periods';
import { emptyNarrative, REPORT_KIND_LABELS, type DutyReportKind, type ReportContentBase } from './reports';

// ---------------------------------------------------------------------------------------------------------------
// Records, as the activities load them

export interface ReportUnit {
  code: string;
  name: string;
  kind: string;
}

export interface GridRecord {
  code: string;
  name: string;
}

/** One patrol (P2) with names resolved. */
export interface PatrolRecord {
  id: string;
  unitCode: string;
  gridCode: string;
  gridName: string;
  ledByName: string;
  startedAt: string;
  methods: string[];
  keyPoints: Array<{ id: string; name: string }>;
  /** Places visited that are not key points. */
  points: string[];
  issueCodes: string[];
  notes: string;
}

/** One issue from the read model, with the reporting unit's ledger lines when there is a unit. */
export interface IssueRecord {
  code: string;
  title: string;
  categoryName: string;
  severity: Severity;
  source: string;
  townshipName: string;
  status: string;
  finderUnit: string;
  finderUnitName: string;
  sectorOwner: string;
  sectorOwnerName: string;
  territorialOwner: string;
  reportedAt: string;
  updatedAt: string;
  deadline: string | null;
  overdue: boolean;
  escalationLevel: number;
  countySupervision: boolean;
  accountabilityFlagged: boolean;
  /** L12: when the issue became major, if it was raised to major after its report (definition v3). */
  majorSince?: string | null;
  /** The unit's ledger roles for it (empty for county-wide lists). */
  roles: string[];
  /** When the unit's first line opened, and when its last line closed (null while one is open). */
  openedAt: string | null;
  closedAt: string | null;
  /** L21: the responsible party (业主), when named. */
  responsibleParty?: ResponsibleParty | null;
}

/** A report of the same or another kind, as another report counts it. */
export interface ReportRecord {
  kind: DutyReportKind;
  unitCode: string;
  period: string;
  status: 'draft' | 'submitted';
  onTime: boolean | null;
  dueAt: string | null;
  submittedAt: string | null;
}

/** R1: a resident's opinion collected in one of the unit's grids, without the resident's contact. */
export interface OpinionRecord {
  id: string;
  gridName: string;
  kind: 'opinion' | 'suggestion';
  content: string;
  collectedAt: string;
  collectedByName: string;
  answer: { text: string; at: string } | null;
}

export interface ConsultationRecord {
  unitCode: string;
  heldAt: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Content pieces

/** One line of a ledger or list in a report. */
export interface IssueItem {
  code: string;
  title: string;
  category: string;
  severity: Severity;
  township: string;
  status: string;
  reportedAt: string;
  deadline: string | null;
  overdue: boolean;
  escalationLevel: number;
  countySupervision: boolean;
  /** L21: `名称（统一社会信用代码）` of the responsible party; absent from older drafts. */
  responsibleParty?: string;
}

function issueItem(issue: IssueRecord): IssueItem {
  return {
    code: issue.code,
    title: issue.title,
    category: issue.categoryName,
    severity: issue.severity,
    township: issue.townshipName,
    status: issue.status,
    reportedAt: issue.reportedAt,
    deadline: issue.deadline,
    overdue: issue.overdue,
    escalationLevel: issue.escalationLevel,
    countySupervision: issue.countySupervision,
    ...(issue.responsibleParty ? { responsibleParty: responsiblePartyLine(issue.responsibleParty) } : {}),
  };
}

const byCode = <T extends { code: string }>(a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function base(kind: DutyReportKind, unit: ReportUnit, period: Period, title: string): ReportContentBase {
  return {
    kind,
    title,
    unit: { code: unit.code, name: unit.name },
    period: {
      id: period.id,
      label: periodLabel(period),
      start: period.start.toISOString(),
      end: period.end.toISOString(),
    },
    narrative: emptyNarrative(kind),
  };
}

/** Patrol counts of a unit in a period: how many, which grids, which methods and key points. */
export interface PatrolStatistics {
  patrols: number;
  gridsTotal: number;
  gridsPatrolled: number;
  keyPointVisits: number;
  issuesFound: number;
}

function patrolStatistics(patrols: PatrolRecord[], grids: GridRecord[]): PatrolStatistics {
  const gridCodes = new Set(grids.map((g) => g.code));
  return {
    patrols: patrols.length,
    gridsTotal: grids.length,
    gridsPatrolled: new Set(patrols.map((p) => p.gridCode).filter((g) => gridCodes.has(g))).size,
    keyPointVisits: patrols.reduce((n, p) => n + p.keyPoints.length, 0),
    issuesFound: new Set(patrols.flatMap((p) => p.issueCodes)).size,
  };
}

const methodLabel = (method: string): string =>
  (PATROL_METHOD_LABELS as Record<string, string>)[method] ?? method;

const sortedPatrols = (patrols: PatrolRecord[]) =>
  [...patrols].sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));

// ---------------------------------------------------------------------------------------------------------------
// P3 weekly: the briefing (简报) and the problem ledger (问题台账)

export type LedgerChange = 'new' | 'closed' | 'changed' | 'open';

export interface WeeklyContent extends ReportContentBase {
  kind: 'weekly';
  /** 简报 */
  briefing: PatrolStatistics & {
    gridsNotPatrolled: GridRecord[];
    methods: Array<{ method: string; label: string; patrols: number }>;
    keyPointsCovered: Array<{ id: string; name: string; visits: number }>;
    patrolList: Array<{
      id: string;
      gridCode: string;
      grid: string;
      leader: string;
      startedAt: string;
      methods: string[];
      points: string[];
      issueCodes: string[];
      notes: string;
    }>;
  };
  /** 问题台账: the unit's issues open or changed in the week. */
  ledger: Array<IssueItem & { roles: string[]; change: LedgerChange; closedAt: string | null }>;
}

export interface WeeklyRecords {
  unit: ReportUnit;
  grids: GridRecord[];
  /** The unit's patrols that started in the week. */
  patrols: PatrolRecord[];
  /** The unit's ledger issues open at some time in the week or changed in it. */
  ledger: IssueRecord[];
}

function ledgerChange(issue: IssueRecord, period: Period): LedgerChange {
  if (issue.openedAt && inPeriod(period, Date.parse(issue.openedAt))) return 'new';
  if (issue.closedAt && inPeriod(period, Date.parse(issue.closedAt))) return 'closed';
  if (inPeriod(period, Date.parse(issue.updatedAt))) return 'changed';
  return 'open';
}

export function draftWeekly(week: Period, records: WeeklyRecords): WeeklyContent {
  const patrols = sortedPatrols(records.patrols);
  const patrolled = new Set(patrols.map((p) => p.gridCode));
  const methods = new Map<string, number>();
  const keyPoints = new Map<string, { id: string; name: string; visits: number }>();
  for (const patrol of patrols) {
    for (const method of new Set(patrol.methods)) methods.set(method, (methods.get(method) ?? 0) + 1);
    for (const point of patrol.keyPoints) {
      const seen = keyPoints.get(point.id) ?? { ...point, visits: 0 };
      seen.visits += 1;
      keyPoints.set(point.id, seen);
    }
  }
  return {
    ...base('weekly', records.unit, week, `${records.unit.name}生态环境保护网格化巡查周报`),
    kind: 'weekly',
    briefing: {
      ...patrolStatistics(patrols, records.grids),
      gridsNotPatrolled: records.grids.filter((g) => !patrolled.has(g.code)).sort(byCode),
      methods: [...methods.entries()]
        .map(([method, count]) => ({ method, label: methodLabel(method), patrols: count }))
        .sort((a, b) => a.method.localeCompare(b.method)),
      keyPointsCovered: [...keyPoints.values()].sort((a, b) => a.id.localeCompare(b.id)),
      patrolList: patrols.map((p) => ({
        id: p.id,
        gridCode: p.gridCode,
        grid: p.gridName,
        leader: p.ledByName,
        startedAt: p.startedAt,
        methods: p.methods.map(methodLabel),
        points: [...p.keyPoints.map((k) => k.name), ...p.points],
        issueCodes: [...p.issueCodes].sort(),
        notes: p.notes,
      })),
    },
    ledger: [...records.ledger].sort(byCode).map((issue) => ({
      ...issueItem(issue),
      roles: [...issue.roles].sort(),
      change: ledgerChange(issue, week),
      closedAt: issue.closedAt,
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// P4 monthly: the summary material (总结提炼类综合材料)

export interface MonthlySummaryContent extends ReportContentBase {
  kind: 'monthly_summary';
  statistics: PatrolStatistics & {
    issuesOpened: number;
    majorIssuesOpened: number;
    closed: number;
    overdue: number;
  };
  /** Ledger lines opened in the month. */
  issuesOpened: IssueItem[];
  /** Ledger lines closed (销号) in the month. */
  closures: IssueItem[];
  /** Open issues that are overdue. */
  overdue: IssueItem[];
  /** R1: residents' opinions collected in the month, with the unit's answers (absent from older drafts). */
  opinions?: OpinionRecord[];
}

export interface MonthlyRecords {
  unit: ReportUnit;
  grids: GridRecord[];
  patrols: PatrolRecord[];
  /** The unit's ledger issues open at some time in the month. */
  ledger: IssueRecord[];
  /** R1: the residents' opinions collected in the unit's grids in the month. */
  opinions?: OpinionRecord[];
}

export function draftMonthlySummary(month: Period, records: MonthlyRecords): MonthlySummaryContent {
  const ledger = [...records.ledger].sort(byCode);
  const opened = ledger.filter((i) => i.openedAt && inPeriod(month, Date.parse(i.openedAt)));
  const closed = ledger.filter((i) => i.closedAt && inPeriod(month, Date.parse(i.closedAt)));
  const overdue = ledger.filter((i) => i.closedAt === null && i.overdue);
  return {
    ...base('monthly_summary', records.unit, month, `${records.unit.name}生态环境保护网格化管理月度工作总结`),
    kind: 'monthly_summary',
    statistics: {
      ...patrolStatistics(records.patrols, records.grids),
      issuesOpened: opened.length,
      majorIssuesOpened: opened.filter((i) => i.severity === 'major').length,
      closed: closed.length,
      overdue: overdue.length,
    },
    issuesOpened: opened.map(issueItem),
    closures: closed.map(issueItem),
    overdue: overdue.map(issueItem),
    opinions: [...(records.opinions ?? [])].sort(
      (a, b) => a.collectedAt.localeCompare(b.collectedAt) || a.id.localeCompare(b.id),
    ),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// P4 monthly: the risk-warning list (生态环境保护风险预警问题清单)

export const RISK_REASONS = ['overdue', 'county_supervision', 'major', 'near_deadline'] as const;
export type RiskReason = (typeof RISK_REASONS)[number];

export const RISK_REASON_LABELS: Record<RiskReason, string> = {
  overdue: '已逾期',
  county_supervision: '县级督办',
  major: '重大问题',
  near_deadline: '临近整改时限',
};

export interface RiskWarningContent extends ReportContentBase {
  kind: 'risk_warning';
  /** When the list was drafted (workflow time): "close to the deadline" is counted from here. */
  asOf: string;
  nearDeadlineDays: number;
  items: Array<IssueItem & { reasons: RiskReason[] }>;
}

export interface RiskWarningRecords {
  unit: ReportUnit;
  /** The unit's ledger issues still open in its ledger. */
  openIssues: IssueRecord[];
}

export function riskReasons(issue: IssueRecord, asOf: number, nearDays: number): RiskReason[] {
  const reasons: RiskReason[] = [];
  if (issue.overdue) reasons.push('overdue');
  if (issue.countySupervision || issue.escalationLevel >= 2) reasons.push('county_supervision');
  if (issue.severity === 'major') reasons.push('major');
  const deadline = issue.deadline ? Date.parse(issue.deadline) : null;
  if (!issue.overdue && deadline !== null && deadline >= asOf && deadline <= asOf + nearDays * 86_400_000)
    reasons.push('near_deadline');
  return reasons;
}

export function draftRiskWarning(
  month: Period,
  records: RiskWarningRecords,
  asOf: number,
  /** An open issue whose deadline falls within this many days of `asOf` is "close to its deadline". */
  nearDays: number,
): RiskWarningContent {
  return {
    ...base('risk_warning', records.unit, month, `${records.unit.name}${REPORT_KIND_LABELS.risk_warning}`),
    kind: 'risk_warning',
    asOf: new Date(asOf).toISOString(),
    nearDeadlineDays: nearDays,
    items: [...records.openIssues]
      .sort(byCode)
      .map((issue) => ({ ...issueItem(issue), reasons: riskReasons(issue, asOf, nearDays) }))
      .filter((item) => item.reasons.length > 0),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// P4 "双调度": the month's major issues, from 县环委办 to the prefecture

export interface DualDispatchContent extends ReportContentBase {
  kind: 'dual_dispatch';
  items: Array<IssueItem & { finderUnit: string; sectorOwner: string }>;
}

export function draftDualDispatch(
  month: Period,
  office: ReportUnit,
  issues: IssueRecord[],
): DualDispatchContent {
  return {
    ...base('dual_dispatch', office, month, `榕江县生态环境保护网格巡查发现重大问题“双调度”报告`),
    kind: 'dual_dispatch',
    items: issues
      .filter((i) => i.severity === 'major' && inPeriod(month, Date.parse(i.majorSince ?? i.reportedAt)))
      .sort(byCode)
      .map((issue) => ({
        ...issueItem(issue),
        finderUnit: issue.finderUnitName,
        sectorOwner: issue.sectorOwnerName,
      })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// P6 annual: a unit's self-assessment, and the county's

/** How a unit's weekly reports went in a period: submitted by the deadline, after it, or not (deadline passed). */
export interface SubmissionCounts {
  onTime: number;
  late: number;
  missing: number;
}

export function submissionCounts(reports: ReportRecord[], asOf: number): SubmissionCounts {
  const counts: SubmissionCounts = { onTime: 0, late: 0, missing: 0 };
  for (const r of reports) {
    if (r.status === 'submitted') counts[r.onTime === false ? 'late' : 'onTime'] += 1;
    else if (r.dueAt && Date.parse(r.dueAt) < asOf) counts.missing += 1;
  }
  return counts;
}

export interface AnnualStatistics {
  /** 一、基本工作开展情况 */
  basicWork: PatrolStatistics & { consultations: number; weeklyReports: SubmissionCounts };
  /** 二、问题整改情况 */
  rectification: {
    opened: number;
    major: number;
    closed: number;
    open: number;
    overdue: number;
    countySupervision: number;
    accountabilityFlagged: number;
  };
}

export interface AnnualSelfAssessmentContent extends ReportContentBase {
  kind: 'annual_self_assessment';
  asOf: string;
  statistics: AnnualStatistics;
}

export interface AnnualRecords {
  unit: ReportUnit;
  grids: GridRecord[];
  patrols: PatrolRecord[];
  /** The unit's ledger issues open at some time in the year. */
  ledger: IssueRecord[];
  consultations: ConsultationRecord[];
  /** The unit's weekly reports of the year's weeks. */
  weeklyReports: ReportRecord[];
}

function annualStatistics(year: Period, records: AnnualRecords, asOf: number): AnnualStatistics {
  const opened = records.ledger.filter((i) => i.openedAt && inPeriod(year, Date.parse(i.openedAt)));
  const open = records.ledger.filter((i) => i.closedAt === null);
  return {
    basicWork: {
      ...patrolStatistics(records.patrols, records.grids),
      consultations: records.consultations.length,
      weeklyReports: submissionCounts(records.weeklyReports, asOf),
    },
    rectification: {
      opened: opened.length,
      major: opened.filter((i) => i.severity === 'major').length,
      closed: records.ledger.filter((i) => i.closedAt && inPeriod(year, Date.parse(i.closedAt))).length,
      open: open.length,
      overdue: open.filter((i) => i.overdue).length,
      countySupervision: open.filter((i) => i.countySupervision).length,
      accountabilityFlagged: opened.filter((i) => i.accountabilityFlagged).length,
    },
  };
}

export function draftAnnualSelfAssessment(
  year: Period,
  records: AnnualRecords,
  asOf: number,
): AnnualSelfAssessmentContent {
  return {
    ...base(
      'annual_self_assessment',
      records.unit,
      year,
      `${records.unit.name}${year.id}年度生态环境保护网格化管理自评报告`,
    ),
    kind: 'annual_self_assessment',
    asOf: new Date(asOf).toISOString(),
    statistics: annualStatistics(year, records, asOf),
  };
}

export interface AnnualCountyContent extends ReportContentBase {
  kind: 'annual_county';
  asOf: string;
  units: Array<
    { unit: string; unitName: string; unitKind: string } & AnnualStatistics & {
        selfAssessment: 'on_time' | 'late' | 'draft' | 'none';
      }
  >;
  totals: AnnualStatistics;
}

export function draftAnnualCounty(
  year: Period,
  office: ReportUnit,
  perUnit: Array<AnnualRecords & { selfAssessment: ReportRecord | null }>,
  asOf: number,
): AnnualCountyContent {
  const units = [...perUnit]
    .sort((a, b) => byCode(a.unit, b.unit))
    .map((records) => {
      const r = records.selfAssessment;
      return {
        unit: records.unit.code,
        unitName: records.unit.name,
        unitKind: records.unit.kind,
        ...annualStatistics(year, records, asOf),
        selfAssessment: !r
          ? ('none' as const)
          : r.status !== 'submitted'
            ? ('draft' as const)
            : r.onTime === false
              ? ('late' as const)
              : ('on_time' as const),
      };
    });
  return {
    ...base('annual_county', office, year, `榕江县${year.id}年度生态环境保护网格化管理自评报告`),
    kind: 'annual_county',
    asOf: new Date(asOf).toISOString(),
    units,
    totals: sumStatistics(units),
  };
}

function sumStatistics(rows: AnnualStatistics[]): AnnualStatistics {
  const total: AnnualStatistics = {
    basicWork: {
      patrols: 0,
      gridsTotal: 0,
      gridsPatrolled: 0,
      keyPointVisits: 0,
      issuesFound: 0,
      consultations: 0,
      weeklyReports: { onTime: 0, late: 0, missing: 0 },
    },
    rectification: {
      opened: 0,
      major: 0,
      closed: 0,
      open: 0,
      overdue: 0,
      countySupervision: 0,
      accountabilityFlagged: 0,
    },
  };
  for (const row of rows) {
    const b = row.basicWork;
    total.basicWork.patrols += b.patrols;
    total.basicWork.gridsTotal += b.gridsTotal;
    total.basicWork.gridsPatrolled += b.gridsPatrolled;
    total.basicWork.keyPointVisits += b.keyPointVisits;
    total.basicWork.issuesFound += b.issuesFound;
    total.basicWork.consultations += b.consultations;
    total.basicWork.weeklyReports.onTime += b.weeklyReports.onTime;
    total.basicWork.weeklyReports.late += b.weeklyReports.late;
    total.basicWork.weeklyReports.missing += b.weeklyReports.missing;
    for (const key of Object.keys(total.rectification) as Array<keyof AnnualStatistics['rectification']>)
      total.rectification[key] += row.rectification[key];
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------------------
// P8 bulletin (情况通报)

export type SubmissionStatus = 'on_time' | 'late' | 'missing';

export const SUBMISSION_LABELS: Record<SubmissionStatus, string> = {
  on_time: '按时报送',
  late: '逾期报送',
  missing: '未报送',
};

/** The report kinds a bulletin checks: the weekly reports of a week, the monthly materials of a month. */
export function bulletinReportKinds(period: Period): DutyReportKind[] {
  return period.kind === 'week' ? ['weekly'] : ['monthly_summary', 'risk_warning'];
}

export interface BulletinContent extends ReportContentBase {
  kind: 'bulletin';
  asOf: string;
  /** 县委、县政府、县环委会 */
  audience: string;
  submissions: Array<{
    unit: string;
    unitName: string;
    kind: DutyReportKind;
    status: SubmissionStatus;
    submittedAt: string | null;
  }>;
  submissionTotals: Record<SubmissionStatus, number>;
  statistics: Array<{
    unit: string;
    unitName: string;
    patrols: number;
    gridsTotal: number;
    gridsPatrolled: number;
    issuesFound: number;
    closed: number;
  }>;
  statisticTotals: {
    patrols: number;
    gridsTotal: number;
    gridsPatrolled: number;
    issuesFound: number;
    closed: number;
  };
  /** Open issues overdue or escalated (L10), county-wide. */
  overdueIssues: Array<IssueItem & { sectorOwner: string }>;
  /** Notable: major issues found in the period, and issues a higher level or the media found (L16). */
  notable: Array<IssueItem & { note: string }>;
}

export interface BulletinRecords {
  office: ReportUnit;
  units: ReportUnit[];
  grids: Array<GridRecord & { unitCode: string }>;
  patrols: PatrolRecord[];
  /** The period's reports of the kinds the bulletin checks. */
  reports: ReportRecord[];
  /** Issues reported in the period (county-wide). */
  issuesFound: IssueRecord[];
  /** Ledger lines closed in the period: issue code and unit. */
  closures: Array<{ issueCode: string; unitCode: string }>;
  /** Open issues that are overdue or escalated now. */
  escalated: IssueRecord[];
}

export const BULLETIN_AUDIENCE = '县委、县政府、县生态环境保护委员会';

export function draftBulletin(period: Period, records: BulletinRecords, asOf: number): BulletinContent {
  const units = [...records.units].sort(byCode);
  const kinds = bulletinReportKinds(period);
  const submissions = units.flatMap((unit) =>
    kinds.map((kind) => {
      const report = records.reports.find((r) => r.unitCode === unit.code && r.kind === kind);
      const status: SubmissionStatus =
        report?.status === 'submitted' ? (report.onTime === false ? 'late' : 'on_time') : 'missing';
      return {
        unit: unit.code,
        unitName: unit.name,
        kind,
        status,
        submittedAt: report?.status === 'submitted' ? report.submittedAt : null,
      };
    }),
  );
  const submissionTotals = { on_time: 0, late: 0, missing: 0 };
  for (const s of submissions) submissionTotals[s.status] += 1;

  const statistics = units.map((unit) => {
    const stats = patrolStatistics(
      records.patrols.filter((p) => p.unitCode === unit.code),
      records.grids.filter((g) => g.unitCode === unit.code),
    );
    return {
      unit: unit.code,
      unitName: unit.name,
      patrols: stats.patrols,
      gridsTotal: stats.gridsTotal,
      gridsPatrolled: stats.gridsPatrolled,
      issuesFound: records.issuesFound.filter((i) => i.finderUnit === unit.code).length,
      closed: new Set(records.closures.filter((c) => c.unitCode === unit.code).map((c) => c.issueCode)).size,
    };
  });
  const statisticTotals = { patrols: 0, gridsTotal: 0, gridsPatrolled: 0, issuesFound: 0, closed: 0 };
  for (const row of statistics)
    for (const key of Object.keys(statisticTotals) as Array<keyof typeof statisticTotals>)
      statisticTotals[key] += row[key];

  const found = [...records.issuesFound].sort(byCode);
  const notable = [
    ...found.filter((i) => i.severity === 'major').map((i) => ({ ...issueItem(i), note: '重大问题' })),
    ...found
      .filter((i) => i.accountabilityFlagged && i.severity !== 'major')
      .map((i) => ({ ...issueItem(i), note: '上级或媒体发现（从重从严）' })),
  ];
  return {
    ...base(
      'bulletin',
      records.office,
      period,
      `关于${periodLabel(period).replace(/（.*）$/, '')}生态环境保护网格化管理工作情况的通报`,
    ),
    kind: 'bulletin',
    asOf: new Date(asOf).toISOString(),
    audience: BULLETIN_AUDIENCE,
    submissions,
    submissionTotals,
    statistics,
    statisticTotals,
    overdueIssues: [...records.escalated]
      .sort(byCode)
      .map((i) => ({ ...issueItem(i), sectorOwner: i.sectorOwnerName })),
    notable,
  };
}

/** Any report's content, by kind. */
export type ReportContent =
  | WeeklyContent
  | MonthlySummaryContent
  | RiskWarningContent
  | DualDispatchContent
  | AnnualSelfAssessmentContent
  | AnnualCountyContent
  | BulletinContent;
