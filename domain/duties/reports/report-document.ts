/**
 * A report or bulletin as the county prints and files it (PrintableDocument): title, who sends it to whom,
 * the drafted tables, the unit's narrative, and the seal block of the approval (SPEC P3, P4, P6, P8).
 */
import type { PrintableDocument, PrintableSection, PrintableTable } from '../../documents/printable';
import { ISSUE_PROCESS, STATE_IDS, type StateId } from '../../process/issue-process.definition';
import { formatShanghai } from '../periods';
import {
  RISK_REASON_LABELS,
  SUBMISSION_LABELS,
  type AnnualCountyContent,
  type AnnualSelfAssessmentContent,
  type AnnualStatistics,
  type BulletinContent,
  type DualDispatchContent,
  type IssueItem,
  type MonthlySummaryContent,
  type ReportContent,
  type RiskWarningContent,
  type WeeklyContent,
} from './report-content';
import {
  NARRATIVE_PARTS,
  REPORT_KIND_LABELS,
  REPORT_KIND_RULES,
  REPORT_RECIPIENTS,
  type DutyReportKind,
} from './reports';

/** A report as stored, with its approval. */
export interface StoredReport {
  id: string;
  kind: DutyReportKind;
  unitCode: string;
  period: string;
  dueAt: string | null;
  status: 'draft' | 'submitted';
  content: ReportContent;
  revision: number;
  contentHash: string;
  approval: {
    approverId: string;
    approverName: string;
    /** 分网格长, 网格长, 总网格长 … (from the approval event). */
    approverTitle: string | null;
    approvedAt: string;
    sealHash: string;
    /** P10: the county key that signed its PDF; null for a report sealed under the old unkeyed scheme. */
    signedWith: { keyId: string } | null;
  } | null;
  submittedAt: string | null;
  onTime: boolean | null;
  lateMarkedAt: string | null;
}

const SEVERITY: Record<string, string> = { general: '一般', major: '重大' };
const LEDGER_ROLE: Record<string, string> = {
  finder: '发现单位',
  sector_owner: '行业主管部门',
  territorial_owner: '属地乡镇',
};
const CHANGE: Record<string, string> = {
  new: '本周新增',
  closed: '本周销号',
  changed: '本周有进展',
  open: '持续整改',
};

const when = (iso: string | null): string => (iso ? formatShanghai(Date.parse(iso)) : '');
const day = (iso: string | null): string => when(iso).slice(0, 10);
const yes = (flag: boolean): string => (flag ? '是' : '否');

function statusLabel(status: string): string {
  return (STATE_IDS as readonly string[]).includes(status)
    ? (ISSUE_PROCESS.states.find((s) => s.id === (status as StateId))?.label ?? status)
    : status;
}

function issueTable(
  items: IssueItem[],
  ...extras: Array<{ column: string; cell: (i: number) => string }>
): PrintableTable {
  return {
    columns: [
      '序号',
      '问题编号',
      '问题',
      '类别',
      '性质',
      '所在乡镇',
      '状态',
      '上报时间',
      '整改时限',
      '逾期',
      ...extras.map((e) => e.column),
    ],
    rows: items.map((item, i) => [
      i + 1,
      item.code,
      item.title,
      item.category,
      SEVERITY[item.severity] ?? item.severity,
      item.township,
      statusLabel(item.status),
      day(item.reportedAt),
      day(item.deadline),
      yes(item.overdue),
      ...extras.map((e) => e.cell(i)),
    ]),
    widths: [1, 3, 6, 3, 1.5, 3, 4, 2.5, 2.5, 1.5, ...extras.map(() => 3)],
  };
}

function statisticsTable(rows: Array<[string, string | number]>): PrintableTable {
  return { columns: ['项目', '数值'], rows, widths: [3, 2] };
}

function narrativeSections(content: ReportContent, keys?: string[]): PrintableSection[] {
  return NARRATIVE_PARTS[content.kind]
    .filter((part) => !keys || keys.includes(part.key))
    .map((part) => ({
      heading: part.label,
      paragraphs: (content.narrative[part.key] ?? '').trim()
        ? content.narrative[part.key].split(/\n+/).filter((p) => p.trim())
        : ['（待填写）'],
    }));
}

function weeklySections(c: WeeklyContent): PrintableSection[] {
  const b = c.briefing;
  return [
    {
      heading: '一、巡查简报',
      paragraphs: [
        `本周共开展巡查${b.patrols}次，覆盖网格${b.gridsPatrolled}个（共${b.gridsTotal}个），重点点位巡查${b.keyPointVisits}次，巡查发现问题${b.issuesFound}个。`,
        ...(b.gridsNotPatrolled.length
          ? [`本周未巡查的网格：${b.gridsNotPatrolled.map((g) => g.name).join('、')}。`]
          : []),
        ...(b.methods.length
          ? [`巡查方式：${b.methods.map((m) => `${m.label}${m.patrols}次`).join('，')}。`]
          : []),
      ],
      table: {
        columns: ['序号', '时间', '网格', '带队', '方式', '巡查点位', '发现问题', '备注'],
        rows: b.patrolList.map((p, i) => [
          i + 1,
          when(p.startedAt),
          p.grid,
          p.leader,
          p.methods.join('、'),
          p.points.join('、'),
          p.issueCodes.join('、'),
          p.notes,
        ]),
        widths: [1, 3, 4, 2, 3, 5, 3, 4],
      },
    },
    ...narrativeSections(c, ['summary']),
    {
      heading: '二、问题台账',
      table: issueTable(
        c.ledger,
        { column: '台账角色', cell: (i) => c.ledger[i].roles.map((r) => LEDGER_ROLE[r] ?? r).join('、') },
        { column: '本周变化', cell: (i) => CHANGE[c.ledger[i].change] ?? c.ledger[i].change },
      ),
      paragraphs: c.ledger.length ? undefined : ['本周无在账问题。'],
    },
    ...narrativeSections(c, ['remarks']),
  ];
}

function monthlySections(c: MonthlySummaryContent): PrintableSection[] {
  const s = c.statistics;
  return [
    {
      heading: '一、本月工作数据',
      table: statisticsTable([
        ['巡查次数', s.patrols],
        ['网格总数', s.gridsTotal],
        ['已巡查网格', s.gridsPatrolled],
        ['重点点位巡查次数', s.keyPointVisits],
        ['巡查发现问题', s.issuesFound],
        ['本月新增在账问题', s.issuesOpened],
        ['其中重大问题', s.majorIssuesOpened],
        ['本月销号', s.closed],
        ['逾期未整改', s.overdue],
      ]),
    },
    { heading: '二、本月新增问题', table: issueTable(c.issuesOpened) },
    { heading: '三、本月销号问题', table: issueTable(c.closures) },
    { heading: '四、逾期问题', table: issueTable(c.overdue) },
    ...narrativeSections(c),
  ];
}

function riskSections(c: RiskWarningContent): PrintableSection[] {
  return [
    {
      heading: '一、风险预警问题清单',
      paragraphs: [
        `截至${when(c.asOf)}，本单位在账未销号问题中已逾期、县级督办、重大问题或${c.nearDeadlineDays}日内到整改时限的共${c.items.length}个。`,
      ],
      table: issueTable(c.items, {
        column: '预警原因',
        cell: (i) => c.items[i].reasons.map((r) => RISK_REASON_LABELS[r]).join('、'),
      }),
    },
    ...narrativeSections(c),
  ];
}

function dualDispatchSections(c: DualDispatchContent): PrintableSection[] {
  return [
    {
      heading: '一、本月网格巡查发现的重大问题',
      paragraphs: [`本月全县网格巡查发现重大问题${c.items.length}个。`],
      table: issueTable(c.items, { column: '行业主管部门', cell: (i) => c.items[i].sectorOwner }),
    },
    ...narrativeSections(c),
  ];
}

function annualRows(s: AnnualStatistics): {
  basic: Array<[string, number]>;
  rect: Array<[string, number]>;
} {
  return {
    basic: [
      ['网格总数', s.basicWork.gridsTotal],
      ['巡查次数', s.basicWork.patrols],
      ['重点点位巡查次数', s.basicWork.keyPointVisits],
      ['会商次数', s.basicWork.consultations],
      ['周报按时报送', s.basicWork.weeklyReports.onTime],
      ['周报逾期报送', s.basicWork.weeklyReports.late],
      ['周报未报送', s.basicWork.weeklyReports.missing],
    ],
    rect: [
      ['本年新增在账问题', s.rectification.opened],
      ['其中重大问题', s.rectification.major],
      ['本年销号', s.rectification.closed],
      ['未销号', s.rectification.open],
      ['逾期未整改', s.rectification.overdue],
      ['县级督办', s.rectification.countySupervision],
      ['上级或媒体发现（从重从严）', s.rectification.accountabilityFlagged],
    ],
  };
}

/** The four sections of an annual report (P6), the first two with their figures. */
function annualSections(
  c: AnnualSelfAssessmentContent | AnnualCountyContent,
  statistics: Parameters<typeof annualRows>[0],
): PrintableSection[] {
  const rows = annualRows(statistics);
  const [basic, rect, problems, plans] = narrativeSections(c);
  return [
    { ...basic, table: statisticsTable(rows.basic) },
    { ...rect, table: statisticsTable(rows.rect) },
    problems,
    plans,
  ];
}

function annualUnitSections(c: AnnualSelfAssessmentContent): PrintableSection[] {
  return annualSections(c, c.statistics);
}

const SELF_ASSESSMENT: Record<string, string> = {
  on_time: '按时报送',
  late: '逾期报送',
  draft: '未报送',
  none: '未起草',
};

function annualCountySections(c: AnnualCountyContent): PrintableSection[] {
  return [
    ...annualSections(c, c.totals),
    {
      heading: '附表：各单位网格化管理工作情况',
      table: {
        columns: [
          '单位',
          '巡查次数',
          '新增问题',
          '销号',
          '未销号',
          '逾期',
          '周报按时',
          '周报逾期',
          '周报未报',
          '年度自评',
        ],
        rows: c.units.map((u) => [
          u.unitName,
          u.basicWork.patrols,
          u.rectification.opened,
          u.rectification.closed,
          u.rectification.open,
          u.rectification.overdue,
          u.basicWork.weeklyReports.onTime,
          u.basicWork.weeklyReports.late,
          u.basicWork.weeklyReports.missing,
          SELF_ASSESSMENT[u.selfAssessment] ?? u.selfAssessment,
        ]),
        widths: [5, 2, 2, 2, 2, 2, 2, 2, 2, 2],
      },
    },
  ];
}

function bulletinSections(c: BulletinContent): PrintableSection[] {
  const t = c.submissionTotals;
  const s = c.statisticTotals;
  const [summary, notable, requirements] = narrativeSections(c);
  return [
    {
      heading: '一、材料报送情况',
      paragraphs: [
        `应报${c.submissions.length}份，按时报送${t.on_time}份，逾期报送${t.late}份，未报送${t.missing}份。`,
        ...(['late', 'missing'] as const)
          .map((status) => {
            const units = c.submissions.filter((x) => x.status === status).map((x) => x.unitName);
            return units.length ? `${SUBMISSION_LABELS[status]}：${[...new Set(units)].join('、')}。` : '';
          })
          .filter(Boolean),
      ],
      table: {
        columns: ['单位', '材料', '报送情况', '报送时间'],
        rows: c.submissions.map((x) => [
          x.unitName,
          REPORT_KIND_LABELS[x.kind],
          SUBMISSION_LABELS[x.status],
          when(x.submittedAt),
        ]),
        widths: [4, 5, 2, 3],
      },
    },
    {
      heading: '二、巡查和问题情况',
      paragraphs: [
        `全县共开展巡查${s.patrols}次，覆盖网格${s.gridsPatrolled}个（共${s.gridsTotal}个），发现问题${s.issuesFound}个，销号${s.closed}个。`,
      ],
      table: {
        columns: ['单位', '巡查次数', '网格数', '已巡查网格', '发现问题', '销号'],
        rows: c.statistics.map((r) => [
          r.unitName,
          r.patrols,
          r.gridsTotal,
          r.gridsPatrolled,
          r.issuesFound,
          r.closed,
        ]),
        widths: [5, 2, 2, 2, 2, 2],
      },
    },
    {
      heading: '三、逾期和督办问题',
      paragraphs: [`截至${when(c.asOf)}，逾期或督办中的问题${c.overdueIssues.length}个。`],
      table: issueTable(c.overdueIssues, {
        column: '行业主管部门',
        cell: (i) => c.overdueIssues[i].sectorOwner,
      }),
    },
    {
      heading: '四、重点事项',
      paragraphs: (notable.paragraphs ?? []).filter((p) => p !== '（待填写）'),
      table: issueTable(c.notable, { column: '说明', cell: (i) => c.notable[i].note }),
    },
    { ...summary, heading: '五、总体情况' },
    { ...requirements, heading: '六、下一步工作要求' },
  ];
}

function sectionsOf(content: ReportContent): PrintableSection[] {
  switch (content.kind) {
    case 'weekly':
      return weeklySections(content);
    case 'monthly_summary':
      return monthlySections(content);
    case 'risk_warning':
      return riskSections(content);
    case 'dual_dispatch':
      return dualDispatchSections(content);
    case 'annual_self_assessment':
      return annualUnitSections(content);
    case 'annual_county':
      return annualCountySections(content);
    case 'bulletin':
      return bulletinSections(content);
  }
}

/** Who sends it: the unit, except the county report, which the county government sends. */
function sender(report: StoredReport): string {
  return report.kind === 'annual_county' ? '榕江县人民政府' : report.content.unit.name;
}

/** The printable document of a report, with its seal when approved. */
export function dutyReportDocument(report: StoredReport): PrintableDocument {
  const content = report.content;
  const submitted = report.status === 'submitted' && report.approval;
  const state = submitted
    ? report.onTime === false
      ? '已审定报送（逾期）'
      : '已审定报送'
    : report.lateMarkedAt
      ? '草稿（已逾期未报）'
      : '草稿（未审定）';
  const meta: Array<[string, string]> = [
    ['报送单位', sender(report)],
    [report.kind === 'bulletin' ? '呈报' : '报送', REPORT_RECIPIENTS[report.kind]],
    ['材料', `${REPORT_KIND_LABELS[report.kind]}（${REPORT_KIND_RULES[report.kind]}）`],
    ...(report.dueAt ? ([['报送时限', when(report.dueAt)]] as Array<[string, string]>) : []),
    ['状态', state],
    ...(report.submittedAt ? ([['报送时间', when(report.submittedAt)]] as Array<[string, string]>) : []),
    ['版本', `第${report.revision}稿`],
    ['内容摘要（SHA-256，本稿内容）', report.contentHash],
  ];
  return {
    title: content.title,
    subtitle: content.period.label,
    meta,
    sections: sectionsOf(content),
    ...(submitted && report.approval
      ? {
          seal: {
            unit: sender(report),
            approvedBy: report.approval.approverTitle
              ? `${report.approval.approverName}（${report.approval.approverTitle}）`
              : report.approval.approverName,
            approvedAt: when(report.approval.approvedAt),
            contentHash: report.contentHash,
            approvalHash: report.approval.sealHash,
            signature: report.approval.signedWith
              ? { scheme: 'SM2-SM3' as const, keyId: report.approval.signedWith.keyId }
              : { scheme: 'legacy-sha256' as const },
          },
        }
      : {}),
    reference: report.id,
    footer: `${sender(report)} ${content.period.label} ${REPORT_KIND_LABELS[report.kind]} 编号 ${report.id}`,
  };
}
