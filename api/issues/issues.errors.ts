import { ProblemException } from '../common/problem';

/** The issues module's errors, each with a stable code clients can switch on. */
export const IssueErrors = {
  badCode: (code: string) =>
    new ProblemException(
      400,
      'issue-code-invalid',
      'Invalid issue code',
      `"${code}" is not an issue code (expected YYYY-NNNNNN).`,
      {
        errors: [{ field: 'code', rule: 'issue-code-format', message: 'code must look like 2026-000001' }],
      },
    ),
  notFound: (code: string) =>
    new ProblemException(404, 'issue-not-found', 'Issue not found', `No issue has the code ${code}.`),
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
};
