import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 定区域 (G7): grids and units get an area (GeoJSON in WGS-84, checked by the API before it is stored), and an issue
 * remembers the grid its location was placed in.
 */
export class GridAreas1765410000000 implements MigrationInterface {
  name = 'GridAreas1765410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE grids ADD COLUMN boundary jsonb`);
    await q.query(`ALTER TABLE units ADD COLUMN boundary jsonb`);
    await q.query(`ALTER TABLE issues ADD COLUMN grid_code varchar(64)`);
    await q.query(`CREATE INDEX issues_grid_code_idx ON issues (grid_code) WHERE grid_code IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX issues_grid_code_idx`);
    await q.query(`ALTER TABLE issues DROP COLUMN grid_code`);
    await q.query(`ALTER TABLE units DROP COLUMN boundary`);
    await q.query(`ALTER TABLE grids DROP COLUMN boundary`);
  }
}
