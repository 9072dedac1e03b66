import type { Rejection } from '../../domain/common/rejection';
import { rejectionProblem } from '../common/problem';
import {
  badRequest,
  forbidden,
  invalidData,
  notFound,
  stateConflict,
  unknownReference,
} from '../common/problem-factories';

/** The issues module's errors, each with a stable code clients can switch on. */
export const IssueErrors = {
  badCode: (code: string) =>
    badRequest(
      'issue-code-invalid',
      'Invalid issue code',
      `"${code.slice(0, 64)}" is not an issue code (expected YYYY-NNNNNN).`,
      { field: 'code', rule: 'issue-code-format', message: 'code must look like 2026-000001' },
    ),
  notFound: (code: string) =>
    notFound('issue-not-found', 'Issue not found', `No issue has the code ${code}.`),
  unknownReference,
  /** L16: a problem found on patrol names its patrol record. */
  patrolRequired: () =>
    invalidData(
      [
        {
          field: 'patrolId',
          rule: 'L16',
          message: '巡查发现的问题须填写巡查记录编号 patrolId is required for source patrol',
        },
      ],
      'A problem found on patrol (source patrol) names the patrol record it was found on (patrolId, L16).',
    ),
  patrolOfAnotherUnit: (patrolId: string, unit: string) =>
    invalidData(
      [{ field: 'patrolId', rule: 'L16', message: `巡查记录 ${patrolId} 不属于本单位 ${unit}` }],
      `Patrol ${patrolId} is not a patrol of ${unit}, the reporter's unit (L16).`,
    ),
  /** A refusal of the workflow (its Rejection) as 409, 403 or 422. */
  rejected: (rejection: Rejection) => rejectionProblem(rejection, 'issue'),
  archived: (code: string) =>
    stateConflict(
      'issue-archived',
      'issue',
      `Issue ${code} is archived (已建档); reopen it first (POST /api/v1/issues/${code}/reopen).`,
    ),
  notArchived: (code: string, status: string) =>
    stateConflict(
      'issue-not-archived',
      'issue',
      `Issue ${code} is ${status}; only an archived issue can be reopened (L14).`,
      { field: 'code', rule: 'L14', message: 'only an archived issue can be reopened' },
    ),
  reopenForbidden: (code: string) =>
    forbidden(
      'actor-not-permitted',
      `Issue ${code} can be reopened only by 县环委办, its sector owner or its territorial owner (L14).`,
      { field: 'actor', rule: 'L14', message: 'reopen needs 县环委办, the sector or the territorial owner' },
    ),
  unknownActorUnit: (unit: string) =>
    forbidden('actor-unit-unknown', `The token's unit ${unit} is not a unit of the organisation.`),
};
