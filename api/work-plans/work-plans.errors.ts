import type { FieldProblem } from '../../domain/common/rejection';
import { conflict, forbidden, invalidData, notFound, unknownReference } from '../common/problem-factories';

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
      { field: 'actor', rule: 'R3', message: 'only a head of a county department submits its work plan' },
    ),
  exists: (unit: string, year: number) =>
    conflict(
      'work-plan-exists',
      'Work plan already submitted',
      `${unit} has submitted its work plan for ${year} already; it went to 县环委办 and the prefecture counterpart.`,
      { field: 'year', rule: 'R3', message: 'one work plan per unit and year' },
    ),
  notInScope: (unit: string) =>
    forbidden(
      'not-in-scope',
      `The work plans of ${unit} are readable by ${unit} itself, 县环委办 and the county heads only.`,
    ),
};
