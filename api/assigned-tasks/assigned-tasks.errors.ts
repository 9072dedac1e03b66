import type { Rejection } from '../../domain/common/rejection';
import { rejectionProblem } from '../common/problem';
import { defineProblemMessages } from '../common/problem-catalogue';
import { forbidden, notFound, stateConflict, unknownReference } from '../common/problem-factories';

/** What the assigned task endpoints' own problems say in Chinese; English stays as thrown. */
export const TASK_PROBLEMS = defineProblemMessages({
  'task-not-found': {
    title: { 'zh-CN': '没有该交办任务' },
    detail: { 'zh-CN': '没有这个编号的交办任务（编号形如 JB-2027-000001）。' },
  },
  'task-closed': {
    title: { 'zh-CN': '当前状态下不能办理' },
    detail: { 'zh-CN': '交办任务已验收通过，不能再办理。' },
  },
});

/** The assigned task endpoints' errors (R4). */
export const TaskErrors = {
  notFound: (code: string) =>
    notFound(
      'task-not-found',
      'Assigned task not found',
      `No assigned task has the code ${code.slice(0, 40)}.`,
    ),
  /** A code of the wrong shape names no task either. */
  badCode: (code: string) =>
    notFound(
      'task-not-found',
      'Assigned task not found',
      `"${code.slice(0, 40)}" is not a task code like JB-2027-000001.`,
    ),
  unknownReference,
  assignForbidden: () =>
    forbidden(
      'actor-not-permitted',
      'A task is assigned by a county grid head: 总网格长 or 副总网格长 (R4).',
      {
        field: 'actor',
        rule: 'R4',
        message: 'only a county grid head assigns a task',
        zh: '交办任务须由总网格长或副总网格长交办',
      },
    ),
  notInScope: (code: string) =>
    forbidden(
      'not-in-scope',
      `Assigned task ${code} is readable by its assignee, 县环委办 and the county heads only.`,
    ),
  closed: (code: string) =>
    stateConflict(
      'task-closed',
      'assigned task',
      `Assigned task ${code} has been accepted; it takes no more actions.`,
      {
        field: 'status',
        rule: 'R4',
        message: 'an accepted task takes no more actions',
        zh: '已验收的交办任务不能再办理',
      },
    ),
  /** A refusal of the task's workflow (its Rejection) as 409, 403 or 422. */
  rejected: (rejection: Rejection) => rejectionProblem(rejection, 'assigned task'),
};
