import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The issue code and report time a retried request (same Idempotency-Key) gets again: an issue started by a
 * request that died before it answered is found, not started a second time under a new code.
 */
export class IssueCodeReservations1765100000000 implements MigrationInterface {
  name = 'IssueCodeReservations1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE issue_code_reservations (
        token varchar(100) PRIMARY KEY,
        code varchar(32) NOT NULL UNIQUE,
        reported_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE issue_code_reservations`);
  }
}
