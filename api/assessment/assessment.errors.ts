import { defineProblemMessages } from '../common/problem-catalogue';
import { forbidden, invalidField, notFound, unitNotFound } from '../common/problem-factories';

/** What the assessment module's problems say in Chinese. */
export const ASSESSMENT_PROBLEMS = defineProblemMessages({
  'assessment-not-in-scope': {
    title: { 'zh-CN': '无权查看' },
    detail: {
      'zh-CN': '全县的考核结果只有县环委办和总（副总）网格长可以查看；一个单位的考核结果本单位也可以查看。',
    },
  },
  'unit-not-assessed': {
    title: { 'zh-CN': '该单位不参加考核' },
    detail: { 'zh-CN': '网格化工作考核的对象是县直部门、乡镇和园区（P7）。' },
  },
});

/** The assessment module's errors. */
export const AssessmentErrors = {
  allNotInScope: () =>
    forbidden(
      'assessment-not-in-scope',
      'The assessment of all units is for 县环委办 and the county heads (总/副总网格长).',
    ),
  unitNotInScope: (unit: string) =>
    forbidden(
      'assessment-not-in-scope',
      `The assessment of ${unit} is readable by ${unit} itself, 县环委办 and the county heads only.`,
    ),
  unknownUnit: unitNotFound,
  notAssessed: (unit: string, kind: string) =>
    notFound(
      'unit-not-assessed',
      'This unit is not assessed',
      `${unit} is a unit of kind ${kind}: grid work is assessed for county departments, townships and the park (P7).`,
    ),
  badYear: (value: string) =>
    invalidField('year', 'year', `year must be a year 2000–2100, not "${value}"`, {
      zh: '年份须在 2000 至 2100 之间',
      detail: 'year must be a year 2000–2100',
    }),
};
