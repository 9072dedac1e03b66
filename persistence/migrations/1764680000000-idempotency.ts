import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys of the API's POST requests: the first answer to (key, actor, method and path), with a hash of
 * the request body, so a retried request is answered without being done twice.
 */
export class Idempotency1764680000000 implements MigrationInterface {
  name = 'Idempotency1764680000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        key varchar(128) NOT NULL,
        actor varchar(64) NOT NULL,
        endpoint varchar(300) NOT NULL,
        request_hash char(64) NOT NULL,
        state varchar(16) NOT NULL CHECK (state IN ('in_progress', 'done')),
        response_status smallint,
        response_body jsonb,
        response_location varchar(300),
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (key, actor, endpoint)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
