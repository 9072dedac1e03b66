import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['units', 'grids', 'key_points', 'members', 'responsibility_categories'];

/**
 * Optimistic concurrency for the organisation API: each row carries a version the API sends as its ETag. A trigger
 * bumps it on every update, so writes that bypass the API (the spreadsheet import, the seed) also change the ETag.
 */
export class OrganisationVersions1764800000000 implements MigrationInterface {
  name = 'OrganisationVersions1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION bump_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.version := OLD.version + 1;
        RETURN NEW;
      END $$`);
    for (const table of TABLES) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN version integer NOT NULL DEFAULT 1`);
      await q.query(
        `CREATE TRIGGER ${table}_version BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION bump_row_version()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`DROP TRIGGER ${table}_version ON ${table}`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN version`);
    }
    await q.query(`DROP FUNCTION bump_row_version()`);
  }
}
