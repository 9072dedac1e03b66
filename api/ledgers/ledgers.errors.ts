import { ProblemException } from '../common/problem';

/** The ledgers module's errors. */
export const LedgerErrors = {
  notInScope: (unit: string) =>
    new ProblemException(
      403,
      'ledger-not-in-scope',
      'Not permitted for this actor',
      `The ledger of ${unit} is readable by ${unit} itself, 县环委办 and the county heads only.`,
    ),
  unknownUnit: (unit: string) =>
    new ProblemException(404, 'unit-not-found', 'Unit not found', `No unit has the code ${unit}.`),
};
