import type { DataSource, EntityManager } from 'typeorm';

/**
 * What a repository runs its SQL on: the pool, or the `EntityManager` of the caller's transaction (a repository's
 * `within(manager)` answers the same repository bound to it).
 */
export type Db = DataSource | EntityManager;
