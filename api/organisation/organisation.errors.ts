import { ProblemException } from '../common/problem';

/** The organisation and catalog modules' errors, each with a stable code clients can switch on. */
export const OrganisationErrors = {
  notFound: (what: string, key: string) =>
    new ProblemException(
      404,
      `${what}-not-found`,
      'Not found',
      `No ${what} has the key ${key.slice(0, 64)}.`,
    ),
  forbidden: (detail: string) =>
    new ProblemException(403, 'actor-not-permitted', 'Not permitted for this actor', detail),
  preconditionRequired: () =>
    new ProblemException(
      428,
      'precondition-required',
      'Precondition required',
      'Send If-Match with the ETag of the version you read (GET the resource first).',
      { errors: [{ field: 'If-Match', rule: 'required', message: 'If-Match is required' }] },
    ),
  preconditionFailed: (current: number) =>
    new ProblemException(
      412,
      'precondition-failed',
      'Precondition failed',
      `The resource has changed since it was read (now version ${current}); GET it again and retry.`,
      { errors: [{ field: 'If-Match', rule: 'current-etag', message: 'If-Match must be the current ETag' }] },
    ),
  conflict: (code: string, detail: string) => new ProblemException(409, code, 'Conflict', detail),
  alreadyExists: (what: string, key: string) =>
    new ProblemException(
      409,
      `${what}-exists`,
      'Already exists',
      `A ${what} with the key ${key} already exists.`,
    ),
  unknownReference: (field: string, value: string, what: string) =>
    new ProblemException(
      422,
      'unknown-reference',
      'Unknown reference',
      `${field} "${value}" is not ${what}.`,
      {
        errors: [{ field, rule: 'known-reference', message: `${field} must be ${what}` }],
      },
    ),
  invalid: (field: string, rule: string, message: string) =>
    new ProblemException(422, 'invalid-data', 'The data breaks a rule', message, {
      errors: [{ field, rule, message }],
    }),
};
