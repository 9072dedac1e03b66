import type { PrintableDocument, PrintableSection } from '../../domain/documents/printable';
import {
  ASSESSMENT_NOTE,
  INNOVATION,
  type ComputedIndicator,
  type UnitAssessment,
} from '../../domain/duties/assessment/assessment';
import { formatShanghai } from '../../domain/duties/periods';
import { UNIT_KIND_LABELS } from '../../domain/organisation/organisation.types';

/** How many ids of a basis a printed cell lists before it says how many more there are. */
export const PRINTED_BASIS_LIMIT = 40;

/** A basis as printed: the ids, cut after PRINTED_BASIS_LIMIT with the number left out (the JSON has them all). */
export function printedBasis(ids: readonly string[], limit = PRINTED_BASIS_LIMIT): string {
  if (ids.length <= limit) return ids.join('、');
  return `${ids.slice(0, limit).join('、')} 等${ids.length}项（完整清单见 JSON 接口）`;
}

function computed(assessment: UnitAssessment): ComputedIndicator[] {
  return assessment.indicators.filter((i): i is ComputedIndicator => i.computed);
}

function formulaParagraphs(sample: UnitAssessment | undefined): string[] {
  if (!sample) return [ASSESSMENT_NOTE];
  return [
    ASSESSMENT_NOTE,
    ...computed(sample).map((indicator) => `${indicator.label}：${indicator.formula}`),
    `${INNOVATION.label}：${INNOVATION.note}。`,
  ];
}

function countRows(indicator: ComputedIndicator): Array<Array<string | number | null>> {
  return Object.keys(indicator.counts).map((key) => [
    indicator.labels[key] ?? key,
    indicator.counts[key],
    printedBasis(indicator.basis[key] ?? []),
  ]);
}

/** A score, or 不评定 where the unit had nothing the indicator judges. */
const scoreCell = (indicator: ComputedIndicator) => indicator.score ?? NOT_ASSESSED;
const NOT_ASSESSED = '不评定';

/** The assessment of every unit of a year as a document: the scores, then each unit's counts with their basis. */
export function assessmentDocument(year: number, asOf: Date, units: UnitAssessment[]): PrintableDocument {
  const summary: PrintableSection = {
    heading: '二、指标得分汇总',
    table: {
      columns: [
        '序号',
        '单位',
        '类型',
        '（1）主动发现',
        '（2）整改销号',
        '（3）运行顺畅',
        '（4）材料报送',
        '（5）创新工作',
      ],
      widths: [5, 20, 10, 10, 10, 10, 10, 12],
      rows: units.map((unit, i) => [
        i + 1,
        unit.unitName,
        UNIT_KIND_LABELS[unit.unitKind] ?? unit.unitKind,
        ...computed(unit).map(scoreCell),
        '由考核组评定',
      ]),
    },
  };
  const details: PrintableSection = {
    heading: '三、各单位计数及依据',
    table: {
      columns: ['单位', '指标', '计数项', '数值', '依据（问题编号、巡查、报送、发现记录）'],
      widths: [14, 14, 22, 6, 50],
      rows: units.flatMap((unit) =>
        computed(unit).flatMap((indicator) =>
          countRows(indicator).map((row) => [unit.unitName, indicator.label, ...row]),
        ),
      ),
    },
  };
  return {
    title: `${year}年度生态环境保护网格化管理工作考核指标`,
    subtitle: `统计截至 ${formatShanghai(asOf)}（北京时间）`,
    meta: [
      ['考核年度', `${year}年度`],
      ['统计截至', formatShanghai(asOf)],
      ['参加考核单位', `${units.length}个`],
      ['计算依据', 'SPEC P7：（1）—（4）由系统计算，（5）由考核组评定'],
    ],
    sections: [{ heading: '一、说明', paragraphs: formulaParagraphs(units[0]) }, summary, details],
    footer: `${year}年度网格化管理工作考核指标 · 由系统依据记录计算，各项权重以县考核办法为准`,
  };
}

/** One unit's assessment as a document: a section per indicator with its score, formula, counts and basis. */
export function unitAssessmentDocument(assessment: UnitAssessment): PrintableDocument {
  const numerals = ['一', '二', '三', '四', '五', '六'];
  return {
    title: `${assessment.unitName}${assessment.year}年度网格化管理工作考核指标`,
    subtitle: `统计截至 ${formatShanghai(new Date(assessment.asOf))}（北京时间）`,
    meta: [
      ['单位', assessment.unitName],
      ['单位类型', UNIT_KIND_LABELS[assessment.unitKind] ?? assessment.unitKind],
      ['考核年度', `${assessment.year}年度`],
      ['统计截至', formatShanghai(new Date(assessment.asOf))],
    ],
    sections: [
      { heading: `${numerals[0]}、说明`, paragraphs: [ASSESSMENT_NOTE] },
      ...computed(assessment).map((indicator, i) => ({
        heading: `${numerals[i + 1]}、${indicator.label}：${indicator.score === null ? NOT_ASSESSED : `${indicator.score} 分`}`,
        paragraphs: [`计算方法：${indicator.formula}`],
        table: {
          columns: ['计数项', '数值', '依据'],
          widths: [24, 8, 68],
          rows: countRows(indicator),
        },
      })),
      { heading: `${numerals[5]}、${INNOVATION.label}`, paragraphs: [`${INNOVATION.note}。`] },
    ],
    footer: `${assessment.unitName} · ${assessment.year}年度网格化管理工作考核指标 · 由系统依据记录计算`,
  };
}
