import { invalidData } from '../common/problem-factories';
import type { IssueListKey, IssueListSort } from '../../persistence/repositories/issue.repository';
import { ISSUE_CODE_PATTERN } from '../../domain/issue/issue-code';

/**
 * Q2: a keyset cursor of the issue list: where the next page starts in its sort, the page's number and the total
 * counted on the first page, as base64url JSON. Opaque to clients; it carries no secret.
 */
export interface IssueCursor {
  sort: IssueListSort;
  key: IssueListKey;
  page: number;
  total: number;
  /** The first page's total was an estimate. */
  estimated: boolean;
}

/** What a client may send as `cursor`: base64url, as `nextCursor` gives it. */
export const CURSOR_PATTERN = /^[A-Za-z0-9_-]{8,400}$/;

export function encodeCursor(cursor: IssueCursor): string {
  const { sort, key, page, total, estimated } = cursor;
  return Buffer.from(JSON.stringify([sort, key.value, key.code, page, total, estimated ? 1 : 0])).toString(
    'base64url',
  );
}

const SORTS: readonly IssueListSort[] = ['reportedAt', '-reportedAt', 'deadline', '-deadline'];
const MAX_PAGE = 1_000_000_000;

/** PostgreSQL's text of a timestamptz (DateStyle ISO), or an infinity that stands for no deadline. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-]\d{2}(?::\d{2}){0,2})$/;

function isSortValue(value: unknown): value is string {
  if (value === 'infinity' || value === '-infinity') return true;
  const match = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // A date that rolls over (30 February) is no date PostgreSQL would cast.
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute
  );
}

function badCursor(message: string) {
  return invalidData(
    [{ field: 'cursor', rule: 'Q2', message: `${message} 请使用上一页答复中的 nextCursor` }],
    `cursor is not a nextCursor of this list: ${message}`,
  );
}

/** The cursor a client sent back, or 422 when it is well-formed but no `nextCursor` this API gave. */
export function decodeCursor(text: string, sort: IssueListSort | undefined): IssueCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badCursor('it does not decode;');
  }
  if (!Array.isArray(parsed) || parsed.length !== 6) throw badCursor('it does not decode;');
  const [cursorSort, value, code, page, total, estimated] = parsed as unknown[];
  if (
    !SORTS.includes(cursorSort as IssueListSort) ||
    !isSortValue(value) ||
    typeof code !== 'string' ||
    !ISSUE_CODE_PATTERN.test(code) ||
    !Number.isInteger(page) ||
    (page as number) < 2 ||
    (page as number) > MAX_PAGE ||
    !Number.isInteger(total) ||
    (total as number) < 0 ||
    (estimated !== 0 && estimated !== 1)
  )
    throw badCursor('it does not decode;');
  if (sort !== undefined && sort !== cursorSort)
    throw badCursor(`it continues sort ${cursorSort as string}, not ${sort};`);
  return {
    sort: cursorSort as IssueListSort,
    key: { value: value, code },
    page: page as number,
    total: total as number,
    estimated: estimated === 1,
  };
}
