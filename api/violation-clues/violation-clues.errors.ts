import type { Rejection } from '../../domain/common/rejection';
import { rejectionProblem } from '../common/problem';
import { forbidden, notFound, stateConflict, unknownReference } from '../common/problem-factories';

/** The violation clue endpoints' errors (R2). */
export const ClueErrors = {
  notFound: (id: string) =>
    notFound(
      'clue-not-found',
      'Violation clue not found',
      `No violation clue has the id ${id.slice(0, 40)}.`,
    ),
  /** An id of the wrong shape names no clue either. */
  badId: (id: string) =>
    notFound(
      'clue-not-found',
      'Violation clue not found',
      `"${id.slice(0, 40)}" is not a clue id like XS-2027-000001.`,
    ),
  unknownReference,
  notInScope: (id: string) =>
    forbidden(
      'not-in-scope',
      `Violation clue ${id} is readable by the unit that handed it over, 县生态环境局, 县环委办 and the county heads only.`,
    ),
  closed: (id: string) =>
    stateConflict(
      'clue-closed',
      'violation clue',
      `Violation clue ${id} has been decided; it takes no more actions.`,
      {
        field: 'status',
        rule: 'R2',
        message: 'a decided clue takes no more actions',
      },
    ),
  /** A refusal of the clue's workflow (its Rejection) as 409, 403 or 422. */
  rejected: (rejection: Rejection) => rejectionProblem(rejection, 'violation clue'),
};
