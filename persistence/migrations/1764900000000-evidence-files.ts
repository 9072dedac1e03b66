import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Evidence files (photos, PDFs) that issue actions reference by id: the sha256 of their content. */
export class EvidenceFiles1764900000000 implements MigrationInterface {
  name = 'EvidenceFiles1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evidence_files (
        id char(64) PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        media_type varchar(64) NOT NULL,
        size int NOT NULL CHECK (size >= 0),
        original_name varchar(255),
        uploaded_by varchar(64) NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evidence_files`);
  }
}
