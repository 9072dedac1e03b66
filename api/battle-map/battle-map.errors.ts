import { defineProblemMessages } from '../common/problem-catalogue';
import { forbidden, unitNotFound } from '../common/problem-factories';

/** What the battle map's problems say in Chinese. */
export const BATTLE_MAP_PROBLEMS = defineProblemMessages({
  'battle-map-not-in-scope': {
    title: { 'zh-CN': '无权查看' },
    detail: { 'zh-CN': '作战图只有本单位（及其所属村）、县环委办和总（副总）网格长可以查看。' },
  },
});

/** The battle map module's errors. */
export const BattleMapErrors = {
  notInScope: (unit: string) =>
    forbidden(
      'battle-map-not-in-scope',
      `The 作战图 of ${unit} is readable by members of ${unit} (and of its villages), 县环委办 and the county heads only.`,
    ),
  unknownUnit: unitNotFound,
};
