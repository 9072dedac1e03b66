import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The grids (网格) units define, their key monitoring points, and the members' place in them (SPEC §1, G1–G5). */
export class Grids1764600000000 implements MigrationInterface {
  name = 'Grids1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE grids (
        code varchar(64) PRIMARY KEY,
        unit_code varchar(32) NOT NULL REFERENCES units(code),
        name varchar(128) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('sector','village','sub_area')),
        parent_grid_code varchar(64) REFERENCES grids(code),
        village varchar(64),
        description text NOT NULL DEFAULT '',
        demo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'sub_area') = (parent_grid_code IS NOT NULL)),
        CHECK (parent_grid_code IS NULL OR parent_grid_code <> code)
      )`);
    await q.query(`CREATE INDEX grids_unit_idx ON grids (unit_code)`);
    await q.query(
      `CREATE INDEX grids_parent_idx ON grids (parent_grid_code) WHERE parent_grid_code IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE key_points (
        id varchar(64) PRIMARY KEY,
        grid_code varchar(64) NOT NULL REFERENCES grids(code),
        name varchar(128) NOT NULL,
        lat double precision CHECK (lat BETWEEN -90 AND 90),
        lng double precision CHECK (lng BETWEEN -180 AND 180),
        description text NOT NULL DEFAULT '',
        demo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX key_points_grid_idx ON key_points (grid_code)`);
    await q.query(`
      ALTER TABLE members
        ADD COLUMN is_section_cadre boolean NOT NULL DEFAULT false,
        ADD COLUMN post varchar(32),
        ADD COLUMN public boolean NOT NULL DEFAULT true,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD CONSTRAINT members_grid_fk FOREIGN KEY (grid_code) REFERENCES grids(code)`);
    await q.query(`CREATE INDEX members_grid_idx ON members (grid_code) WHERE grid_code IS NOT NULL`);
    // The import's natural key for a member without 编号 (unit + name + phone), looked up on every re-import.
    await q.query(`CREATE INDEX members_natural_key_idx ON members (unit_code, name, phone)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX members_natural_key_idx`);
    await q.query(`DROP INDEX members_grid_idx`);
    await q.query(`
      ALTER TABLE members
        DROP CONSTRAINT members_grid_fk,
        DROP COLUMN updated_at,
        DROP COLUMN public,
        DROP COLUMN post,
        DROP COLUMN is_section_cadre`);
    await q.query(`DROP TABLE key_points`);
    await q.query(`DROP TABLE grids`);
  }
}
