import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery of the notification outbox: members' channel preferences and quiet hours, webhook endpoints (the
 * county offices' chat bots), one row per (notice, channel, target) with its bookkeeping, every attempt on
 * record, and the in-app inbox.
 */
export class NotificationDelivery1764700000000 implements MigrationInterface {
  name = 'NotificationDelivery1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preferences (
        member_id varchar(64) PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
        channels text[] NOT NULL DEFAULT '{inbox,email}'
          CHECK (channels <@ ARRAY['email','webhook','inbox']::text[]),
        webhook_url text CHECK (webhook_url ~ '^https?://'),
        webhook_secret text,
        quiet_start varchar(5) CHECK (quiet_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        quiet_end varchar(5) CHECK (quiet_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        enabled boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((quiet_start IS NULL) = (quiet_end IS NULL)),
        CHECK (NOT ('webhook' = ANY(channels)) OR (webhook_url IS NOT NULL AND webhook_secret IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE webhook_endpoints (
        name varchar(64) PRIMARY KEY,
        url text NOT NULL CHECK (url ~ '^https?://'),
        secret text NOT NULL CHECK (length(secret) >= 16),
        units text[] NOT NULL DEFAULT '{}',
        roles text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      ALTER TABLE notification_outbox
        ADD COLUMN next_attempt_at timestamptz,
        ADD COLUMN claimed_until timestamptz,
        ADD COLUMN last_error text`);
    await q.query(`DROP INDEX notification_outbox_pending_idx`);
    await q.query(
      `CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at NULLS FIRST, created_at)
       WHERE status = 'pending'`,
    );
    await q.query(`
      CREATE TABLE notification_deliveries (
        id varchar(64) PRIMARY KEY,
        notification_id varchar(240) NOT NULL REFERENCES notification_outbox(id),
        channel varchar(16) NOT NULL CHECK (channel IN ('email','webhook','inbox')),
        target varchar(300) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sending','sent','failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        lease_until timestamptz,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (notification_id, channel, target)
      )`);
    await q.query(
      `CREATE INDEX notification_deliveries_failed_idx ON notification_deliveries (updated_at) WHERE status = 'failed'`,
    );
    await q.query(`
      CREATE TABLE notification_delivery_attempts (
        id bigserial PRIMARY KEY,
        delivery_id varchar(64) NOT NULL REFERENCES notification_deliveries(id),
        attempt int NOT NULL,
        channel varchar(16) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('sent','error','interrupted','held')),
        error text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX notification_delivery_attempts_delivery_idx ON notification_delivery_attempts (delivery_id)`,
    );
    await q.query(`
      CREATE TABLE inbox_items (
        id bigserial PRIMARY KEY,
        member_id varchar(64) NOT NULL REFERENCES members(id),
        notification_id varchar(240) NOT NULL REFERENCES notification_outbox(id),
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        UNIQUE (member_id, notification_id)
      )`);
    await q.query(
      `CREATE INDEX inbox_items_unread_idx ON inbox_items (member_id, created_at) WHERE read_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox_items`);
    await q.query(`DROP TABLE notification_delivery_attempts`);
    await q.query(`DROP TABLE notification_deliveries`);
    await q.query(`DROP INDEX notification_outbox_due_idx`);
    await q.query(
      `CREATE INDEX notification_outbox_pending_idx ON notification_outbox (created_at) WHERE status = 'pending'`,
    );
    await q.query(
      `ALTER TABLE notification_outbox DROP COLUMN next_attempt_at, DROP COLUMN claimed_until, DROP COLUMN last_error`,
    );
    await q.query(`DROP TABLE webhook_endpoints`);
    await q.query(`DROP TABLE notification_preferences`);
  }
}
