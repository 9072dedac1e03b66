import { defineProblemMessages } from '../common/problem-catalogue';
import { forbidden, unitNotFound } from '../common/problem-factories';

/** What the ledgers module's problems say in Chinese. */
export const LEDGER_PROBLEMS = defineProblemMessages({
  'ledger-not-in-scope': {
    title: { 'zh-CN': '无权查看' },
    detail: { 'zh-CN': '只有本单位、县环委办和总（副总）网格长可以查看这本台账。' },
  },
});

/** The ledgers module's errors. */
export const LedgerErrors = {
  notInScope: (unit: string) =>
    forbidden(
      'ledger-not-in-scope',
      `The ledger of ${unit} is readable by ${unit} itself, 县环委办 and the county heads only.`,
    ),
  unknownUnit: unitNotFound,
};
