import type { Rejection } from '../../domain/common/rejection';
import { ProblemException, rejectionProblem } from '../common/problem';

const badRequest = (field: string, rule: string, message: string) =>
  new ProblemException(400, 'validation-failed', 'The request is not valid', message, {
    errors: [{ field, rule, message }],
  });

/** The reports module's errors (SPEC P3, P4, P6, P8), each with a stable code clients can switch on. */
export const ReportErrors = {
  badKind: (kind: string, allowed: readonly string[]) =>
    badRequest('kind', 'report-kind', `kind "${kind.slice(0, 40)}" must be one of ${allowed.join(', ')}`),
  badPeriod: (field: string, message: string) => badRequest(field, 'report-period', message),
  notFound: (id: string) =>
    new ProblemException(404, 'report-not-found', 'Report not found', `There is no report ${id}.`),
  notInScope: (id: string) =>
    new ProblemException(
      403,
      'report-not-in-scope',
      'Not permitted for this actor',
      `Report ${id} is readable by its unit, 县环委办 and the county heads only.`,
    ),
  countyWideOnly: (what: string) =>
    new ProblemException(
      403,
      'actor-not-permitted',
      'Not permitted for this actor',
      `${what} is for 县环委办 and the county heads.`,
      { errors: [{ field: 'actor', rule: 'P3', message: `${what} is for 县环委办 and the county heads` }] },
    ),
  officeOnly: (what: string) =>
    new ProblemException(
      403,
      'actor-not-permitted',
      'Not permitted for this actor',
      `${what} is done by 县环委办.`,
      {
        errors: [{ field: 'actor', rule: 'P8', message: `${what} is done by 县环委办` }],
      },
    ),
  /** A refusal of the report workflow (its Rejection) as 409, 403 or 422. */
  rejected: (rejection: Rejection) => rejectionProblem(rejection, 'report'),
  submitted: (id: string) =>
    new ProblemException(
      409,
      'report-submitted',
      'Not allowed in the report’s current state',
      `Report ${id} has been approved and submitted; it can no longer change.`,
      { errors: [{ field: 'status', rule: 'P3', message: 'a submitted report can no longer change' }] },
    ),
  notRunning: (id: string) =>
    new ProblemException(
      409,
      'report-not-running',
      'Not allowed in the report’s current state',
      `The workflow of report ${id} is no longer running (it was cancelled); start the round for its period again.`,
    ),
  bulletinExists: (period: string) =>
    new ProblemException(
      409,
      'bulletin-exists',
      'Bulletin already compiled',
      `The bulletin of ${period} has been compiled already; revise it (narrative, or redraft: true) or read it at /api/v1/bulletins/${period}.`,
      { errors: [{ field: 'period', rule: 'P8', message: 'one bulletin per period' }] },
    ),
};
