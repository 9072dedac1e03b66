/** Issue codes are business keys: `<year>-<6-digit sequence>`, e.g. `2026-000042`. */
export const ISSUE_CODE_PATTERN = /^\d{4}-\d{6}$/;

export function formatIssueCode(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`bad year ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) {
    throw new RangeError(`issue sequence ${sequence} is outside 1..999999`);
  }
  return `${year}-${String(sequence).padStart(6, '0')}`;
}

export function issueWorkflowId(code: string): string {
  return `issue-${code}`;
}

export function isIssueCode(value: string): boolean {
  return ISSUE_CODE_PATTERN.test(value);
}

/** The year an issue code takes: the Beijing (Asia/Shanghai, UTC+8) year of the report, not the UTC year. */
export function issueCodeYear(reportedAt: Date): number {
  return new Date(reportedAt.getTime() + 8 * 3600_000).getUTCFullYear();
}
