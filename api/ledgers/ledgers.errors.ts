import { forbidden, unitNotFound } from '../common/problem-factories';

/** The ledgers module's errors. */
export const LedgerErrors = {
  notInScope: (unit: string) =>
    forbidden(
      'ledger-not-in-scope',
      `The ledger of ${unit} is readable by ${unit} itself, 县环委办 and the county heads only.`,
    ),
  unknownUnit: unitNotFound,
};
