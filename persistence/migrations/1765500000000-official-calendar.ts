import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * L9: the official holiday calendar as managed data. Each row is one year's State Council arrangement as
 * 县环委办 loaded it; years without a row keep the arrangement built into the code.
 */
export class OfficialCalendar1765500000000 implements MigrationInterface {
  name = 'OfficialCalendar1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE official_calendar_years (
        year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
        notice jsonb NOT NULL,
        holidays text[] NOT NULL,
        adjusted_working_days text[] NOT NULL,
        loaded_by varchar(128) NOT NULL,
        loaded_by_unit varchar(32) NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE official_calendar_years`);
  }
}
