import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The one DataSource definition used by the API, the worker, the launcher and the migration CLI. */
export function dataSourceOptions(
  url: string,
  options: { ssl?: boolean; poolSize?: number } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    ssl: options.ssl ? { rejectUnauthorized: true } : false,
    extra: { max: options.poolSize ?? 10, application_name: 'eco-grid' },
    // Query errors surface as exceptions; logging them here would print parameters (personal data) too.
    logging: ['migration', 'warn'],
  };
}

export async function openDataSource(
  url: string,
  options: { ssl?: boolean; poolSize?: number } = {},
): Promise<DataSource> {
  return new DataSource(dataSourceOptions(url, options)).initialize();
}
