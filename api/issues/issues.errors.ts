import type { Rejection } from '../../domain/common/rejection';
import { ProblemException, rejectionProblem } from '../common/problem';
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
  /** G7: the reported point lies in no grid's area, and the reporter named no grid. */
  outsideEveryGrid: (lat: number, lng: number) =>
    new ProblemException(
      422,
      'location-outside-grids',
      'Location outside every grid',
      `位置（纬度${lat}，经度${lng}）不在任何网格区域内；请在 grid 中注明所在网格。The location lies in no grid's area; name the grid in "grid".`,
      {
        errors: [
          {
            field: 'location',
            rule: 'G7',
            message: '位置不在任何网格区域内，请注明网格（grid） location lies in no grid; name the grid',
          },
        ],
      },
    ),
  /** G7, G9: the named township (or park) is not the one the location or the named grid lies in. */
  territoryMismatch: (given: string, placed: string, grid: string) =>
    new ProblemException(
      422,
      'territory-mismatch',
      'Township does not match the grid',
      `所报乡镇（园区）${given}与网格${grid}所属的${placed}不一致。township ${given} is not ${placed}, where grid ${grid} lies.`,
      {
        errors: [
          {
            field: 'township',
            rule: 'G7',
            message: `网格${grid}属于${placed} township must be ${placed} (grid ${grid})`,
          },
        ],
      },
    ),
  /** G7: the named grid is not a grid of a township or of the park (a department's sector grid has no 属地). */
  gridNotTerritorial: (grid: string) =>
    new ProblemException(
      422,
      'grid-not-territorial',
      'Not a territorial grid',
      `网格${grid}不是乡镇（街道）、村或园区的网格，不能确定属地。Grid ${grid} is not a grid of a township, village or the park.`,
      {
        errors: [
          {
            field: 'grid',
            rule: 'G7',
            message: '须为乡镇、村或园区的网格 grid must belong to a township, village or the park',
          },
        ],
      },
    ),
  /** Neither a township, a grid, nor a location inside a grid says where the issue is. */
  noTerritory: () =>
    new ProblemException(
      422,
      'territory-required',
      'Where is the issue?',
      '请填写所在乡镇（township）、网格（grid）或网格区域内的位置（location）。Give township, grid, or a location inside a grid.',
      {
        errors: [
          {
            field: 'township',
            rule: 'L1',
            message: '所在乡镇、网格或位置须至少填写一项 township, grid or location is required',
          },
        ],
      },
    ),
  unknownActorUnit: (unit: string) =>
    forbidden('actor-unit-unknown', `The token's unit ${unit} is not a unit of the organisation.`),
};
