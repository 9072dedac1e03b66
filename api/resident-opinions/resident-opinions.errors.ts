import type { FieldProblem } from '../../domain/common/rejection';
import {
  forbidden,
  invalidData,
  notFound,
  stateConflict,
  unknownReference,
} from '../common/problem-factories';

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
      { field: 'gridCode', rule: 'R1', message: `an opinion in ${grid} is collected by its grid's members` },
    ),
  answerForbidden: (unit: string) =>
    forbidden(
      'actor-not-permitted',
      `The answer is ${unit}'s: given by a grid's 直接负责人 or a head of ${unit} (R1).`,
      { field: 'actor', rule: 'R1', message: `only a leader of ${unit} answers` },
    ),
  answered: (id: string) =>
    stateConflict('opinion-answered', 'opinion', `Opinion ${id} has been answered already.`, {
      field: 'answer',
      rule: 'R1',
      message: 'an opinion is answered once',
    }),
  notInScope: (unit: string) =>
    forbidden(
      'not-in-scope',
      `The residents' opinions of ${unit} are readable by ${unit} itself, 县环委办 and the county heads only.`,
    ),
};
