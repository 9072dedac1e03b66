import { ProblemException } from '../common/problem';

/** The battle map module's errors. */
export const BattleMapErrors = {
  notInScope: (unit: string) =>
    new ProblemException(
      403,
      'battle-map-not-in-scope',
      'Not permitted for this actor',
      `The 作战图 of ${unit} is readable by members of ${unit} (and of its villages), 县环委办 and the county heads only.`,
    ),
  unknownUnit: (unit: string) =>
    new ProblemException(404, 'unit-not-found', 'Unit not found', `No unit has the code ${unit}.`),
};
