import { ProblemException, rejectionProblem } from '../common/problem';
import type { Rejection } from '../../domain/common/rejection';

/** The issues module's errors, each with a stable code clients can switch on. */
export const IssueErrors = {
  badCode: (code: string) =>
    new ProblemException(
      400,
      'issue-code-invalid',
      'Invalid issue code',
      `"${code.slice(0, 64)}" is not an issue code (expected YYYY-NNNNNN).`,
      {
        errors: [{ field: 'code', rule: 'issue-code-format', message: 'code must look like 2026-000001' }],
      },
    ),
  notFound: (code: string) =>
    new ProblemException(404, 'issue-not-found', 'Issue not found', `No issue has the code ${code}.`),
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
  /** A refusal of the workflow (its Rejection) as 409, 403 or 422. */
  rejected: (rejection: Rejection) => rejectionProblem(rejection, 'issue'),
  notInScope: (code: string) =>
    new ProblemException(
      403,
      'issue-not-in-scope',
      'Not permitted for this actor',
      `Issue ${code} is readable by its finder, owners, transfer targets, joint-investigation units, 县环委办 and the county heads only.`,
    ),
  archived: (code: string) =>
    new ProblemException(
      409,
      'issue-archived',
      'Not allowed in the issue’s current state',
      `Issue ${code} is archived (已建档); reopen it first (POST /api/v1/issues/${code}/reopen).`,
    ),
  notArchived: (code: string, status: string) =>
    new ProblemException(
      409,
      'issue-not-archived',
      'Not allowed in the issue’s current state',
      `Issue ${code} is ${status}; only an archived issue can be reopened (L14).`,
      { errors: [{ field: 'code', rule: 'L14', message: 'only an archived issue can be reopened' }] },
    ),
  reopenForbidden: (code: string) =>
    new ProblemException(
      403,
      'actor-not-permitted',
      'Not permitted for this actor',
      `Issue ${code} can be reopened only by 县环委办, its sector owner or its territorial owner (L14).`,
      {
        errors: [
          {
            field: 'actor',
            rule: 'L14',
            message: 'reopen needs 县环委办, the sector or the territorial owner',
          },
        ],
      },
    ),
  unknownActorUnit: (unit: string) =>
    new ProblemException(
      403,
      'actor-unit-unknown',
      'Not permitted for this actor',
      `The token's unit ${unit} is not a unit of the organisation.`,
    ),
};
