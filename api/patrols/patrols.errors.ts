import type { FieldProblem } from '../../domain/common/rejection';
import { ProblemException } from '../common/problem';

/** The patrol and compliance endpoints' errors, each with a stable code clients can switch on. */
export const PatrolErrors = {
  notFound: (id: string) =>
    new ProblemException(
      404,
      'patrol-not-found',
      'Patrol not found',
      `No patrol has the id ${id.slice(0, 64)}.`,
    ),
  unknownReference: (field: string, value: string, what: string) =>
    new ProblemException(
      422,
      'unknown-reference',
      'Unknown reference',
      `${field} "${value}" is not ${what}.`,
      {
        errors: [{ field, rule: 'known-reference', message: `${field} must be ${what}` }],
      },
    ),
  /** The record breaks rules of SPEC P2 (or a sanity bound): every broken rule is named. */
  invalid: (problems: FieldProblem[]) =>
    new ProblemException(
      422,
      'invalid-data',
      'The data breaks a rule',
      problems.map((p) => p.message).join('; '),
      { errors: problems },
    ),
  badRequest: (field: string, rule: string, message: string) =>
    new ProblemException(400, 'validation-failed', 'The request is not valid', message, {
      errors: [{ field, rule, message }],
    }),
  recordForbidden: (grid: string, unit: string) =>
    new ProblemException(
      403,
      'actor-not-permitted',
      'Not permitted for this actor',
      `Only members of ${unit} (the unit of grid ${grid}) or 县环委办 may record its patrols (P2).`,
      { errors: [{ field: 'gridCode', rule: 'P2', message: `a patrol of ${grid} is recorded by ${unit}` }] },
    ),
  notInScope: (what: string, unit: string) =>
    new ProblemException(
      403,
      'not-in-scope',
      'Not permitted for this actor',
      `The ${what} of ${unit} are readable by ${unit} itself, 县环委办 and the county heads only.`,
    ),
};
