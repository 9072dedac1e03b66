import { ApplicationFailure } from '@temporalio/common';
import { DATA_ERROR } from '../workflows/issue/issue.messages';

/** What a data error tells an operator: PostgreSQL's own code, message and the constraint or table it names. */
export interface DataErrorDetails {
  sqlstate: string;
  message: string;
  constraint?: string;
  table?: string;
  column?: string;
}

interface PgErrorFields {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  driverError?: PgErrorFields;
}

/**
 * The details of a PostgreSQL error of class 22 (data exception) or 23 (integrity constraint violation): the same
 * write fails the same way however often it is retried. Undefined for any other error (connection, timeout…).
 */
export function dataErrorDetails(error: unknown): DataErrorDetails | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const fields = error as PgErrorFields;
  const source = typeof fields.code === 'string' ? fields : (fields.driverError ?? {});
  const code = source.code;
  if (typeof code !== 'string' || !/^2[23][0-9A-Z]{3}$/.test(code)) return undefined;
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  return {
    sqlstate: code,
    message: error instanceof Error ? error.message.slice(0, 500) : String(code),
    ...(text(source.constraint) ? { constraint: text(source.constraint) } : {}),
    ...(text(source.table) ? { table: text(source.table) } : {}),
    ...(text(source.column) ? { column: text(source.column) } : {}),
  };
}

/**
 * Runs an activity's work; a PostgreSQL data error becomes a non-retryable `ApplicationFailure` of type
 * `DATA_ERROR` carrying its details, so the workflow hears of it at once instead of the write retrying forever.
 */
export async function failingFastOnDataErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const details = dataErrorDetails(error);
    if (!details) throw error;
    throw ApplicationFailure.create({
      type: DATA_ERROR,
      message: `PostgreSQL refused the data (SQLSTATE ${details.sqlstate}): ${details.message}`,
      details: [details],
      nonRetryable: true,
    });
  }
}
