import type { FieldProblem } from '../../domain/common/rejection';
import { defineProblemMessages } from '../common/problem-catalogue';
import {
  forbidden,
  invalidData,
  notFound,
  stateConflict,
  unknownReference,
} from '../common/problem-factories';

/** What the residents' opinions endpoints' own problems say in Chinese; English stays as thrown. */
export const OPINION_PROBLEMS = defineProblemMessages({
  'opinion-not-found': {
    title: { 'zh-CN': '没有该群众意见建议' },
    detail: { 'zh-CN': '没有这个编号的群众意见建议。' },
  },
  'opinion-answered': {
    title: { 'zh-CN': '当前状态下不能办理' },
    detail: { 'zh-CN': '这条群众意见建议已经答复过，每条只答复一次。' },
  },
});

/** The residents' opinions endpoints' errors (R1). */
export const OpinionErrors = {
  notFound: (id: string) =>
    notFound('opinion-not-found', 'Opinion not found', `No resident opinion has the id ${id.slice(0, 80)}.`),
  unknownReference,
  invalid: (problems: FieldProblem[]) => invalidData(problems),
  collectForbidden: (grid: string, unit: string) =>
    forbidden(
      'actor-not-permitted',
      `Residents' opinions in grid ${grid} are collected by members of ${unit} or of the grid itself (R1).`,
      {
        field: 'gridCode',
        rule: 'R1',
        message: `an opinion in ${grid} is collected by its grid's members`,
        zh: `网格 ${grid} 的群众意见建议须由该网格的成员收集`,
      },
    ),
  answerForbidden: (unit: string) =>
    forbidden(
      'actor-not-permitted',
      `The answer is ${unit}'s: given by a grid's 直接负责人 or a head of ${unit} (R1).`,
      {
        field: 'actor',
        rule: 'R1',
        message: `only a leader of ${unit} answers`,
        zh: `须由 ${unit} 的网格直接负责人或单位负责人答复`,
      },
    ),
  answered: (id: string) =>
    stateConflict('opinion-answered', 'opinion', `Opinion ${id} has been answered already.`, {
      field: 'answer',
      rule: 'R1',
      message: 'an opinion is answered once',
      zh: '每条群众意见建议只答复一次',
    }),
  notInScope: (unit: string) =>
    forbidden(
      'not-in-scope',
      `The residents' opinions of ${unit} are readable by ${unit} itself, 县环委办 and the county heads only.`,
    ),
};
