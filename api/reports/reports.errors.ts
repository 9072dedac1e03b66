import type { Rejection } from '../../domain/common/rejection';
import { rejectionProblem } from '../common/problem';
import { conflict, forbidden, invalidField, notFound, stateConflict } from '../common/problem-factories';

/** The reports module's errors (SPEC P3, P4, P6, P8), each with a stable code clients can switch on. */
export const ReportErrors = {
  badKind: (kind: string, allowed: readonly string[]) =>
    invalidField('kind', 'report-kind', `kind "${kind.slice(0, 40)}" must be one of ${allowed.join(', ')}`),
  badPeriod: (field: string, message: string) => invalidField(field, 'report-period', message),
  notFound: (id: string) => notFound('report-not-found', 'Report not found', `There is no report ${id}.`),
  notInScope: (id: string) =>
    forbidden(
      'report-not-in-scope',
      `Report ${id} is readable by its unit, 县环委办 and the county heads only.`,
    ),
  countyWideOnly: (what: string) =>
    forbidden('actor-not-permitted', `${what} is for 县环委办 and the county heads.`, {
      field: 'actor',
      rule: 'P3',
      message: `${what} is for 县环委办 and the county heads`,
    }),
  officeOnly: (what: string) =>
    forbidden('actor-not-permitted', `${what} is done by 县环委办.`, {
      field: 'actor',
      rule: 'P8',
      message: `${what} is done by 县环委办`,
    }),
  /** A refusal of the report workflow (its Rejection) as 409, 403 or 422. */
  rejected: (rejection: Rejection) => rejectionProblem(rejection, 'report'),
  submitted: (id: string) =>
    stateConflict(
      'report-submitted',
      'report',
      `Report ${id} has been approved and submitted; it can no longer change.`,
      { field: 'status', rule: 'P3', message: 'a submitted report can no longer change' },
    ),
  notRunning: (id: string) =>
    stateConflict(
      'report-not-running',
      'report',
      `The workflow of report ${id} is no longer running (it was cancelled); start the round for its period again.`,
    ),
  bulletinExists: (period: string) =>
    conflict(
      'bulletin-exists',
      'Bulletin already compiled',
      `The bulletin of ${period} has been compiled already; revise it (narrative, or redraft: true) or read it at /api/v1/bulletins/${period}.`,
      { field: 'period', rule: 'P8', message: 'one bulletin per period' },
    ),
};
