import type { FieldProblem } from '../../domain/common/rejection';
import { defineProblemMessages } from '../common/problem-catalogue';
import { conflict, forbidden, invalidData, notFound, unknownReference } from '../common/problem-factories';

/** What the work plan endpoints' own problems say in Chinese; English stays as thrown. */
export const WORK_PLAN_PROBLEMS = defineProblemMessages({
  'work-plan-not-found': {
    title: { 'zh-CN': '没有该工作方案' },
    detail: { 'zh-CN': '没有这个编号的网格监管工作方案。' },
  },
  'work-plan-exists': {
    title: { 'zh-CN': '工作方案已报送' },
    detail: {
      'zh-CN': '本单位本年度的网格监管工作方案已经报送（已发送县环委办和州级对口部门），每年报送一次。',
    },
  },
});

/** The work plan endpoints' errors (R3). */
export const WorkPlanErrors = {
  notFound: (id: string) =>
    notFound('work-plan-not-found', 'Work plan not found', `No work plan has the id ${id.slice(0, 48)}.`),
  unknownReference,
  invalid: (problems: FieldProblem[]) => invalidData(problems),
  submitForbidden: () =>
    forbidden(
      'actor-not-permitted',
      'A 网格监管工作方案 is submitted by a head of a county department or of the park (分网格长/副分网格长) (R3).',
      {
        field: 'actor',
        rule: 'R3',
        message: 'only a head of a county department submits its work plan',
        zh: '工作方案须由县直部门或园区的分网格长、副分网格长报送',
      },
    ),
  exists: (unit: string, year: number) =>
    conflict(
      'work-plan-exists',
      'Work plan already submitted',
      `${unit} has submitted its work plan for ${year} already; it went to 县环委办 and the prefecture counterpart.`,
      {
        field: 'year',
        rule: 'R3',
        message: 'one work plan per unit and year',
        zh: '每个单位每年报送一份工作方案',
      },
    ),
  notInScope: (unit: string) =>
    forbidden(
      'not-in-scope',
      `The work plans of ${unit} are readable by ${unit} itself, 县环委办 and the county heads only.`,
    ),
};
