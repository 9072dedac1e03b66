import { Injectable } from '@nestjs/common';
import {
  OrganisationRepository,
  type Row,
  type TableSpec,
} from '../../persistence/repositories/organisation.repository';
import { databaseProblem } from '../common/database-problems';
import { OrganisationErrors } from './organisation.errors';
import { type Page } from '../../domain/common/page';

/**
 * The rows the organisation and catalog APIs edit, as those APIs answer for them: a missing row is 404 and a write
 * PostgreSQL refuses is a 4xx problem. The SQL is `OrganisationRepository`'s.
 */
@Injectable()
export class OrganisationTables {
  constructor(private readonly repository: OrganisationRepository) {}

  page(
    spec: TableSpec,
    filters: Record<string, unknown>,
    page: number,
    pageSize: number,
  ): Promise<Page<Row>> {
    return this.repository.page(spec, filters, page, pageSize);
  }

  find(spec: TableSpec, key: string): Promise<Row | undefined> {
    return this.repository.find(spec, key);
  }

  async get(spec: TableSpec, key: string): Promise<Row> {
    const row = await this.find(spec, key);
    if (!row) throw OrganisationErrors.notFound(spec.what, key);
    return row;
  }

  /** What of `references` still points at the row, the first found; undefined when nothing does. */
  referencedBy(
    references: ReadonlyArray<[string, string, string]>,
    key: string,
  ): Promise<string | undefined> {
    return this.repository.referencedBy(references, key);
  }

  async insert(spec: TableSpec, values: Record<string, unknown>): Promise<Row> {
    try {
      await this.repository.insert(spec, values);
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
    try {
      if (!(await this.repository.update(spec, key, version, values))) return undefined;
    } catch (error) {
      throw databaseProblem(error);
    }
    return this.find(spec, key);
  }

  /** Deletes the row only if it is still at `version`; false when it was not. */
  async remove(spec: TableSpec, key: string, version: number | null): Promise<boolean> {
    try {
      return await this.repository.remove(spec, key, version);
    } catch (error) {
      throw databaseProblem(error);
    }
  }
}
