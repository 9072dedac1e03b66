import type { Rejection } from '../../domain/common/rejection';
import { rejectionProblem } from '../common/problem';
import { defineProblemMessages } from '../common/problem-catalogue';
import { forbidden, notFound, stateConflict, unknownReference } from '../common/problem-factories';

/** What the violation clue endpoints' own problems say in Chinese; English stays as thrown. */
export const CLUE_PROBLEMS = defineProblemMessages({
  'clue-not-found': {
    title: { 'zh-CN': '没有该违法线索' },
    detail: { 'zh-CN': '没有这个编号的违法线索（编号形如 XS-2027-000001）。' },
  },
  'clue-closed': {
    title: { 'zh-CN': '当前状态下不能办理' },
    detail: { 'zh-CN': '违法线索已决定立案或不予立案，不能再办理。' },
  },
});

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
        zh: '已决定的违法线索不能再办理',
      },
    ),
  /** A refusal of the clue's workflow (its Rejection) as 409, 403 or 422. */
  rejected: (rejection: Rejection) => rejectionProblem(rejection, 'violation clue'),
};
