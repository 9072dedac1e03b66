import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public pages and the 作战图: objections sent by the public during a 公示 keep the objector's contact here
 * only (L14), and a grid may carry its boundary as a GeoJSON Polygon or MultiPolygon for the console's maps.
 */
export class PublicConsole1765450000000 implements MigrationInterface {
  name = 'PublicConsole1765450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE public_objections (
      id bigserial PRIMARY KEY,
      issue_code varchar(32) NOT NULL,
      objection_seq int,
      name varchar(32),
      contact varchar(128),
      content text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX public_objections_issue ON public_objections (issue_code)`);
    await q.query(`ALTER TABLE grids ADD COLUMN boundary jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE grids DROP COLUMN boundary`);
    await q.query(`DROP TABLE public_objections`);
  }
}
