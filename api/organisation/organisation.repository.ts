import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { returnedRows } from '../../persistence/returning';
import type { Row } from '../common/concurrency';
import type { Page } from '../common/pagination';
import { ProblemException } from '../common/problem';
import { OrganisationErrors } from './organisation.errors';

/** One table the organisation API edits: its key, its writable fields and their columns. */
export interface TableSpec {
  /** Singular name in error codes, e.g. `grid` gives `grid-not-found`. */
  what: string;
  table: string;
  key: { field: string; column: string };
  /** Writable fields (camelCase) and their columns. */
  columns: Record<string, string>;
  /** Read-only fields and their columns. */
  readOnly?: Record<string, string>;
  orderBy: string;
}

function selectList(spec: TableSpec): string {
  const all = { [spec.key.field]: spec.key.column, ...spec.columns, ...spec.readOnly, version: 'version' };
  return Object.entries(all)
    .map(([field, column]) => `${column} AS "${field}"`)
    .join(', ');
}

/** PostgreSQL's refusals (constraints, lengths) as 4xx problems: a bad request never becomes a 500. */
export function databaseProblem(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const driver = error.driverError as {
    code?: string;
    column?: string;
    constraint?: string;
    detail?: string;
  };
  const field = driver.column ?? driver.constraint ?? 'data';
  switch (driver.code) {
    case '23502':
      return OrganisationErrors.invalid(field, 'required', `${field} must not be null`);
    case '23503':
      return new ProblemException(
        409,
        'still-referenced',
        'Conflict',
        `The change breaks a reference (${driver.constraint ?? 'foreign key'}): ${driver.detail ?? ''}`.trim(),
        { errors: [{ field, rule: 'reference', message: driver.detail ?? 'reference broken' }] },
      );
    case '23505':
      return new ProblemException(409, 'already-exists', 'Already exists', driver.detail ?? 'duplicate key');
    case '23514':
      return OrganisationErrors.invalid(field, 'check', `the data breaks the rule ${field}`);
    case '22001':
    case '22003':
    case '22P02':
      return OrganisationErrors.invalid(field, 'format', 'a value is too long or malformed');
    default:
      return error;
  }
}

/** Database access of the organisation API, in plain SQL over the tables of persistence/entities. */
@Injectable()
export class OrganisationRepository {
  constructor(readonly dataSource: DataSource) {}

  async page(
    spec: TableSpec,
    filters: Record<string, unknown>,
    page: number,
    pageSize: number,
  ): Promise<Page<Row>> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of Object.entries(filters)) {
      if (value === undefined) continue;
      params.push(value);
      conditions.push(`${column} = $${params.length}`);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM ${spec.table} ${where}`,
      params,
    );
    const items = await this.dataSource.query<Row[]>(
      `SELECT ${selectList(spec)} FROM ${spec.table} ${where} ORDER BY ${spec.orderBy}
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { items, page, pageSize, total };
  }

  async find(spec: TableSpec, key: string): Promise<Row | undefined> {
    const [row] = await this.dataSource.query<Row[]>(
      `SELECT ${selectList(spec)} FROM ${spec.table} WHERE ${spec.key.column} = $1`,
      [key],
    );
    return row;
  }

  async get(spec: TableSpec, key: string): Promise<Row> {
    const row = await this.find(spec, key);
    if (!row) throw OrganisationErrors.notFound(spec.what, key);
    return row;
  }

  async exists(table: string, column: string, value: unknown): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM ${table} WHERE ${column} = $1 LIMIT 1`,
      [value],
    );
    return rows.length > 0;
  }

  async insert(spec: TableSpec, values: Record<string, unknown>): Promise<Row> {
    const entries = Object.entries(values).filter(
      ([field, value]) => value !== undefined && this.column(spec, field),
    );
    const columns = entries.map(([field]) => this.column(spec, field)!);
    try {
      await this.dataSource.query(
        `INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        entries.map(([, value]) => value),
      );
    } catch (error) {
      throw databaseProblem(error);
    }
    return this.get(spec, String(values[spec.key.field]));
  }

  /** Updates the row only if it is still at `version` (null: any); undefined when it was not. */
  async update(
    spec: TableSpec,
    key: string,
    version: number | null,
    values: Record<string, unknown>,
  ): Promise<Row | undefined> {
    const entries = Object.entries(values).filter(
      ([field, value]) => value !== undefined && spec.columns[field],
    );
    const sets = entries.map(([field], i) => `${spec.columns[field]} = $${i + 3}`);
    // A no-op assignment still runs the trigger, so every accepted PATCH gives a new ETag.
    if (sets.length === 0) sets.push(`${spec.key.column} = ${spec.key.column}`);
    try {
      const result = await this.dataSource.query<unknown>(
        `UPDATE ${spec.table} SET ${sets.join(', ')}
          WHERE ${spec.key.column} = $1 AND ($2::int IS NULL OR version = $2) RETURNING ${spec.key.column}`,
        [key, version, ...entries.map(([, value]) => value)],
      );
      if (returnedRows<unknown>(result).length === 0) return undefined;
    } catch (error) {
      throw databaseProblem(error);
    }
    return this.find(spec, key);
  }

  /** Deletes the row only if it is still at `version`; false when it was not. */
  async remove(spec: TableSpec, key: string, version: number | null): Promise<boolean> {
    try {
      const result = await this.dataSource.query<unknown>(
        `DELETE FROM ${spec.table} WHERE ${spec.key.column} = $1 AND ($2::int IS NULL OR version = $2)
          RETURNING ${spec.key.column}`,
        [key, version],
      );
      return returnedRows<unknown>(result).length > 0;
    } catch (error) {
      throw databaseProblem(error);
    }
  }

  private column(spec: TableSpec, field: string): string | undefined {
    return field === spec.key.field ? spec.key.column : spec.columns[field];
  }
}
