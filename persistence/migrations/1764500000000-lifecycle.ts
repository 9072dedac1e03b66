import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Members (recipients of notices), the notification outbox, and the lifecycle columns of the read model. */
export class Lifecycle1764500000000 implements MigrationInterface {
  name = 'Lifecycle1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE units ADD COLUMN prefecture_counterpart varchar(128)`);
    await q.query(`
      CREATE TABLE members (
        id varchar(64) PRIMARY KEY,
        unit_code varchar(32) NOT NULL REFERENCES units(code),
        grid_code varchar(64),
        name varchar(64) NOT NULL,
        roles text[] NOT NULL DEFAULT '{}',
        phone varchar(32),
        email varchar(128),
        public_contact varchar(128),
        active boolean NOT NULL DEFAULT true,
        demo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX members_unit_idx ON members (unit_code)`);
    await q.query(`CREATE INDEX members_roles_idx ON members USING gin (roles)`);
    await q.query(`
      ALTER TABLE issues
        ADD COLUMN owner varchar(32),
        ADD COLUMN county_supervision boolean NOT NULL DEFAULT false,
        ADD COLUMN accountability_flagged boolean NOT NULL DEFAULT false,
        ADD COLUMN awaiting text[] NOT NULL DEFAULT '{}',
        ADD COLUMN state jsonb`);
    await q.query(`CREATE INDEX issues_overdue_idx ON issues (overdue) WHERE overdue`);
    await q.query(`
      CREATE TABLE notification_outbox (
        id varchar(240) PRIMARY KEY,
        issue_code varchar(32) NOT NULL REFERENCES issues(code),
        event_id varchar(96) NOT NULL REFERENCES issue_events(id),
        kind varchar(64) NOT NULL,
        audience varchar(32) NOT NULL,
        unit_code varchar(32),
        member_id varchar(64) REFERENCES members(id),
        recipient_name varchar(128),
        subject text NOT NULL,
        body text NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','unresolved','delivered','failed')),
        attempts int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX notification_outbox_pending_idx ON notification_outbox (created_at) WHERE status = 'pending'`,
    );
    await q.query(`CREATE INDEX notification_outbox_event_idx ON notification_outbox (event_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_outbox`);
    await q.query(`DROP INDEX issues_overdue_idx`);
    await q.query(`
      ALTER TABLE issues DROP COLUMN owner, DROP COLUMN county_supervision, DROP COLUMN accountability_flagged,
        DROP COLUMN awaiting, DROP COLUMN state`);
    await q.query(`DROP TABLE members`);
    await q.query(`ALTER TABLE units DROP COLUMN prefecture_counterpart`);
  }
}
