import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 定区域 (G7): units get an area as grids did for the maps (GeoJSON in WGS-84, checked by the API before it is
 * stored), and an issue
 * remembers the grid its location was placed in. The village relay (G8): a village grid member's report to the
 * township's grid is a record of its own until the township accepts it as an issue or answers it.
 */
export class GridAreas1765460000000 implements MigrationInterface {
  name = 'GridAreas1765460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE units ADD COLUMN boundary jsonb`);
    await q.query(`ALTER TABLE issues ADD COLUMN grid_code varchar(64)`);
    await q.query(`CREATE INDEX issues_grid_code_idx ON issues (grid_code) WHERE grid_code IS NOT NULL`);
    await q.query(`
      CREATE TABLE village_relays (
        id varchar(64) PRIMARY KEY,
        grid_code varchar(64) NOT NULL REFERENCES grids(code),
        township varchar(32) NOT NULL REFERENCES units(code),
        reporter_id varchar(64) NOT NULL REFERENCES members(id),
        reporter_unit varchar(32) NOT NULL REFERENCES units(code),
        title varchar(200) NOT NULL,
        description text NOT NULL,
        lat double precision CHECK (lat BETWEEN -90 AND 90),
        lng double precision CHECK (lng BETWEEN -180 AND 180),
        evidence text[] NOT NULL DEFAULT '{}',
        reported_at timestamptz NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','accepted','answered')),
        issue_code varchar(32),
        answer text,
        handled_by varchar(64),
        handled_by_name varchar(128),
        handled_at timestamptz,
        CHECK ((status = 'accepted') = (issue_code IS NOT NULL)),
        CHECK ((status = 'answered') = (answer IS NOT NULL)),
        CHECK ((status = 'submitted') = (handled_at IS NULL))
      )`);
    await q.query(
      `CREATE INDEX village_relays_township_idx ON village_relays (township, status, reported_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE village_relays`);
    await q.query(`DROP INDEX issues_grid_code_idx`);
    await q.query(`ALTER TABLE issues DROP COLUMN grid_code`);
    await q.query(`ALTER TABLE units DROP COLUMN boundary`);
  }
}
