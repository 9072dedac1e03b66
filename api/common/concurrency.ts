import type { Response } from 'express';
import { ProblemException } from './problem';

/** 428 without If-Match, 412 when it names another version than the stored one. */
export const ConcurrencyErrors = {
  preconditionRequired: () =>
    new ProblemException(
      428,
      'precondition-required',
      'Precondition required',
      'Send If-Match with the ETag of the version you read (GET the resource first).',
      {
        errors: [
          {
            field: 'If-Match',
            rule: 'required',
            message: 'If-Match is required',
            zh: '须提供 If-Match 请求头',
          },
        ],
      },
    ),
  preconditionFailed: (current: number) =>
    new ProblemException(
      412,
      'precondition-failed',
      'Precondition failed',
      `The resource has changed since it was read (now version ${current}); GET it again and retry.`,
      {
        errors: [
          {
            field: 'If-Match',
            rule: 'current-etag',
            message: 'If-Match must be the current ETag',
            zh: 'If-Match 须为当前版本的 ETag',
          },
        ],
      },
    ),
};

/** The ETag of a row version: a strong validator, `"<version>"`. */
export const etagOf = (version: number): string => `"${version}"`;

export function setEtag(response: Response, version: number): void {
  response.setHeader('ETag', etagOf(version));
}

/**
 * The version an If-Match header names: 428 without one, 412 when it names no version (`*` matches any).
 * Returns null for `*`.
 */
export function requiredVersion(ifMatch: string | undefined): number | null {
  if (ifMatch === undefined || ifMatch.trim() === '') throw ConcurrencyErrors.preconditionRequired();
  const value = ifMatch.trim();
  if (value === '*') return null;
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(value);
  if (!match) throw ConcurrencyErrors.preconditionFailed(0);
  return Number(match[1]);
}

/** 412 unless the stored version is the one the client read. */
export function checkVersion(expected: number | null, current: number): void {
  if (expected !== null && expected !== current) throw ConcurrencyErrors.preconditionFailed(current);
}
