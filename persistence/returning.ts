/**
 * The rows of an `UPDATE … RETURNING` run through `DataSource.query`: TypeORM's PostgreSQL driver answers
 * UPDATE and DELETE with `[rows, rowCount]` and everything else with the rows.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}

/** A nullable timestamp column as the API and the reports write it: an ISO instant, or null. */
export function isoOrNull(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}
