import { forbidden, unitNotFound } from '../common/problem-factories';

/** The battle map module's errors. */
export const BattleMapErrors = {
  notInScope: (unit: string) =>
    forbidden(
      'battle-map-not-in-scope',
      `The 作战图 of ${unit} is readable by members of ${unit} (and of its villages), 县环委办 and the county heads only.`,
    ),
  unknownUnit: unitNotFound,
};
