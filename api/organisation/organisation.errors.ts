import { ConcurrencyErrors } from '../common/concurrency';
import { conflict, forbidden, invalidData, notFound, unknownReference } from '../common/problem-factories';

/** The organisation and catalog modules' errors, each with a stable code clients can switch on. */
export const OrganisationErrors = {
  notFound: (what: string, key: string) =>
    notFound(`${what}-not-found`, 'Not found', `No ${what} has the key ${key.slice(0, 64)}.`),
  forbidden: (detail: string) => forbidden('actor-not-permitted', detail),
  preconditionRequired: ConcurrencyErrors.preconditionRequired,
  preconditionFailed: ConcurrencyErrors.preconditionFailed,
  conflict: (code: string, detail: string) => conflict(code, 'Conflict', detail),
  alreadyExists: (what: string, key: string) =>
    conflict(`${what}-exists`, 'Already exists', `A ${what} with the key ${key} already exists.`),
  unknownReference,
  invalid: (field: string, rule: string, message: string) => invalidData([{ field, rule, message }]),
};
