import type { FieldProblem } from '../../domain/common/rejection';
import { ProblemException } from '../common/problem';

/** The consultation endpoints' errors. */
export const ConsultationErrors = {
  notFound: (id: string) =>
    new ProblemException(
      404,
      'consultation-not-found',
      'Consultation not found',
      `No consultation has the id ${id.slice(0, 64)}.`,
    ),
  notConvener: () =>
    new ProblemException(
      403,
      'actor-not-permitted',
      'Not permitted for this actor',
      'A consultation is recorded by a grid head: 总网格长/副总网格长, 分网格长/副分网格长 or 网格长/副网格长 (P5).',
      { errors: [{ field: 'actor', rule: 'P5', message: 'only a grid head holds a consultation' }] },
    ),
  notMember: (id: string) =>
    new ProblemException(
      403,
      'actor-not-member',
      'Not permitted for this actor',
      `The token's member ${id.slice(0, 64)} is not an active member of the organisation.`,
    ),
  invalid: (problems: FieldProblem[]) =>
    new ProblemException(
      422,
      'invalid-data',
      'The data breaks a rule',
      problems.map((p) => p.message).join('; '),
      { errors: problems },
    ),
  notInScope: (unit: string) =>
    new ProblemException(
      403,
      'not-in-scope',
      'Not permitted for this actor',
      `The consultations of ${unit} are readable by ${unit} itself, 县环委办 and the county heads only.`,
    ),
};
