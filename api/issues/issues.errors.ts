import type { Rejection } from '../../domain/common/rejection';
import { ProblemException, rejectionProblem } from '../common/problem';
import { defineProblemMessages } from '../common/problem-catalogue';
import {
  badRequest,
  forbidden,
  invalidData,
  notFound,
  stateConflict,
  unknownReference,
} from '../common/problem-factories';

/** What the issues module's own problems say in Chinese; English stays as thrown, with its particulars. */
export const ISSUE_PROBLEMS = defineProblemMessages({
  'issue-code-invalid': {
    title: { 'zh-CN': '问题编号有误' },
    detail: { 'zh-CN': '问题编号的格式为“年份-六位序号”，例如 2026-000001。' },
  },
  'issue-not-found': {
    title: { 'zh-CN': '没有该问题' },
    detail: { 'zh-CN': '没有这个编号的问题。' },
  },
  'issue-not-in-scope': {
    title: { 'zh-CN': '无权查看' },
    detail: {
      'zh-CN':
        '只有发现单位、整改责任单位、属地乡镇、受移交单位、联合调查单位、县环委办和总（副总）网格长可以查看此问题。',
    },
  },
  'issue-archived': {
    title: { 'zh-CN': '当前状态下不能办理' },
    detail: { 'zh-CN': '问题已建档；须先重新打开，才能继续办理。' },
  },
  'issue-action-unknown': {
    title: { 'zh-CN': '没有该办理记录' },
    detail: { 'zh-CN': '此问题没有这个编号的办理请求；如需重新提交，请用原来的 Idempotency-Key 重试。' },
  },
  'issue-not-needing-attention': {
    title: { 'zh-CN': '当前状态下不能办理' },
    detail: { 'zh-CN': '此问题没有等待处理的写入故障，无需恢复。' },
  },
  'issue-not-archived': {
    title: { 'zh-CN': '当前状态下不能办理' },
    detail: { 'zh-CN': '只有已建档的问题才能重新打开。' },
  },
  'actor-unit-unknown': {
    title: { 'zh-CN': '无权操作' },
    detail: { 'zh-CN': '当前用户所在的单位不在组织名册中。' },
  },
});

/** The issues module's errors, each with a stable code clients can switch on. */
export const IssueErrors = {
  badCode: (code: string) =>
    badRequest(
      'issue-code-invalid',
      'Invalid issue code',
      `"${code.slice(0, 64)}" is not an issue code (expected YYYY-NNNNNN).`,
      {
        field: 'code',
        rule: 'issue-code-format',
        message: 'code must look like 2026-000001',
        zh: '问题编号形如 2026-000001',
      },
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
      {
        field: 'code',
        rule: 'L14',
        message: 'only an archived issue can be reopened',
        zh: '只有已建档的问题才能重新打开',
      },
    ),
  reopenForbidden: (code: string) =>
    forbidden(
      'actor-not-permitted',
      `Issue ${code} can be reopened only by 县环委办, its sector owner or its territorial owner (L14).`,
      {
        field: 'actor',
        rule: 'L14',
        message: 'reopen needs 县环委办, the sector or the territorial owner',
        zh: '只有县环委办、行业主管部门或属地乡镇可以重新打开问题',
      },
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
