import type { Response } from 'express';
import { OrganisationErrors } from '../organisation/organisation.errors';

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
  if (ifMatch === undefined || ifMatch.trim() === '') throw OrganisationErrors.preconditionRequired();
  const value = ifMatch.trim();
  if (value === '*') return null;
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(value);
  if (!match) throw OrganisationErrors.preconditionFailed(0);
  return Number(match[1]);
}

/** 412 unless the stored version is the one the client read. */
export function checkVersion(expected: number | null, current: number): void {
  if (expected !== null && expected !== current) throw OrganisationErrors.preconditionFailed(current);
}
