import type { FieldProblem } from '../../domain/common/rejection';
import { defineProblemMessages } from '../common/problem-catalogue';
import {
  forbidden,
  invalidData,
  invalidField,
  notFound,
  unknownReference,
} from '../common/problem-factories';

/** What the patrol module's own problems say in Chinese. */
export const PATROL_PROBLEMS = defineProblemMessages({
  'patrol-not-found': {
    title: { 'zh-CN': '没有该巡查记录' },
    detail: { 'zh-CN': '没有这个编号的巡查记录。' },
  },
});

/** The patrol and compliance endpoints' errors, each with a stable code clients can switch on. */
export const PatrolErrors = {
  notFound: (id: string) =>
    notFound('patrol-not-found', 'Patrol not found', `No patrol has the id ${id.slice(0, 64)}.`),
  unknownReference,
  /** The record breaks rules of SPEC P2 (or a sanity bound): every broken rule is named. */
  invalid: (problems: FieldProblem[]) => invalidData(problems),
  badRequest: invalidField,
  recordForbidden: (grid: string, unit: string) =>
    forbidden(
      'actor-not-permitted',
      `Only members of ${unit} (the unit of grid ${grid}) or 县环委办 may record its patrols (P2).`,
      {
        field: 'gridCode',
        rule: 'P2',
        message: `a patrol of ${grid} is recorded by ${unit}`,
        zh: `网格 ${grid} 的巡查由 ${unit} 记录`,
      },
    ),
  notInScope: (what: string, unit: string) =>
    forbidden(
      'not-in-scope',
      `The ${what} of ${unit} are readable by ${unit} itself, 县环委办 and the county heads only.`,
    ),
};
