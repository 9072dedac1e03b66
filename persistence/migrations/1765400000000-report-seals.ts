import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * P10: the county's seal. `seal_keys` holds the public half of every key that ever signed (one active; a rotated
 * key keeps its row, so what it signed still verifies); `report_seals` holds each sealed report's PDF exactly as
 * signed, its SM3 and SHA-256 digests, the signed statement and its SM2 signature. Both are append-only: a key is
 * only ever retired, a seal never changes. Leadership bulletins (P8) record the mailbox they were sent to.
 */
export class ReportSeals1765400000000 implements MigrationInterface {
  name = 'ReportSeals1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE seal_keys (
        id varchar(64) PRIMARY KEY,
        algorithm varchar(16) NOT NULL,
        public_key char(130) NOT NULL UNIQUE,
        valid_from timestamptz NOT NULL,
        valid_until timestamptz,
        CHECK (valid_until IS NULL OR valid_until >= valid_from)
      )`);
    await q.query(`CREATE UNIQUE INDEX seal_keys_one_active ON seal_keys ((true)) WHERE valid_until IS NULL`);
    await q.query(`
      CREATE FUNCTION seal_keys_retire_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR OLD.valid_until IS NOT NULL OR NEW.id <> OLD.id OR NEW.public_key <> OLD.public_key
           OR NEW.algorithm <> OLD.algorithm OR NEW.valid_from <> OLD.valid_from THEN
          RAISE EXCEPTION 'a seal key is only ever retired';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER seal_keys_retire_only BEFORE UPDATE OR DELETE ON seal_keys
      FOR EACH ROW EXECUTE FUNCTION seal_keys_retire_only()`);
    await q.query(`
      CREATE TABLE report_seals (
        report_id varchar(96) PRIMARY KEY REFERENCES duty_reports(id),
        key_id varchar(64) NOT NULL REFERENCES seal_keys(id),
        statement jsonb NOT NULL,
        statement_text text NOT NULL,
        signature text NOT NULL,
        pdf bytea NOT NULL,
        pdf_sm3 char(64) NOT NULL,
        pdf_sha256 char(64) NOT NULL,
        signed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX report_seals_sm3_idx ON report_seals (pdf_sm3)`);
    await q.query(`CREATE INDEX report_seals_sha256_idx ON report_seals (pdf_sha256)`);
    await q.query(`
      CREATE FUNCTION report_seals_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'report_seals is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER report_seals_append_only BEFORE UPDATE OR DELETE ON report_seals
      FOR EACH ROW EXECUTE FUNCTION report_seals_append_only()`);
    await q.query(`ALTER TABLE notification_outbox ADD COLUMN recipient_email varchar(254)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_outbox DROP COLUMN recipient_email`);
    await q.query(`DROP TABLE report_seals`);
    await q.query(`DROP FUNCTION report_seals_append_only()`);
    await q.query(`DROP TABLE seal_keys`);
    await q.query(`DROP FUNCTION seal_keys_retire_only()`);
  }
}
