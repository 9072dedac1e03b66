import type { FieldProblem } from '../../domain/common/rejection';
import { defineProblemMessages } from '../common/problem-catalogue';
import { forbidden, invalidData, notFound } from '../common/problem-factories';

/** What the consultation endpoints' problems say in Chinese. */
export const CONSULTATION_PROBLEMS = defineProblemMessages({
  'consultation-not-found': {
    title: { 'zh-CN': '没有该会商记录' },
    detail: { 'zh-CN': '没有这个编号的会商记录。' },
  },
});

/** The consultation endpoints' errors. */
export const ConsultationErrors = {
  notFound: (id: string) =>
    notFound(
      'consultation-not-found',
      'Consultation not found',
      `No consultation has the id ${id.slice(0, 64)}.`,
    ),
  notConvener: () =>
    forbidden(
      'actor-not-permitted',
      'A consultation is recorded by a grid head: 总网格长/副总网格长, 分网格长/副分网格长 or 网格长/副网格长 (P5).',
      {
        field: 'actor',
        rule: 'P5',
        message: 'only a grid head holds a consultation',
        zh: '会商由总（副总）网格长、分（副分）网格长或网格长（副网格长）主持记录',
      },
    ),
  notMember: (id: string) =>
    forbidden(
      'actor-not-member',
      `The token's member ${id.slice(0, 64)} is not an active member of the organisation.`,
    ),
  invalid: (problems: FieldProblem[]) => invalidData(problems),
  notInScope: (unit: string) =>
    forbidden(
      'not-in-scope',
      `The consultations of ${unit} are readable by ${unit} itself, 县环委办 and the county heads only.`,
    ),
};
