import type { Rejection } from '../../domain/common/rejection';
import { rejectionProblem } from '../common/problem';
import {
  badRequest,
  forbidden,
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
  unknownAction: (code: string, updateId: string) =>
    notFound(
      'issue-action-unknown',
      'Action not found',
      `Issue ${code} has no action ${updateId.slice(0, 80)}; retry the request with its Idempotency-Key to send it again.`,
    ),
  notNeedingAttention: (code: string) =>
    stateConflict(
      'issue-not-needing-attention',
      'issue',
      `Issue ${code} needs no attention: nothing to resume.`,
    ),
  unknownActorUnit: (unit: string) =>
    forbidden('actor-unit-unknown', `The token's unit ${unit} is not a unit of the organisation.`),
};
