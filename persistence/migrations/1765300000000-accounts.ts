import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in for the console: members' credentials (Argon2id hashes), their sessions (so logout and a password
 * change end a session in every API process), failed-attempt counters per account and per client address, and
 * the service accounts that other systems' bearer tokens name.
 */
export class Accounts1765300000000 implements MigrationInterface {
  name = 'Accounts1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE member_credentials (
        member_id varchar(64) PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
        login_name varchar(64) NOT NULL,
        password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
        must_change_password boolean NOT NULL DEFAULT true,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Account names are compared without case, so 张三 and ZhangSan cannot become two look-alike accounts.
    await q.query(
      `CREATE UNIQUE INDEX member_credentials_login_idx ON member_credentials (lower(login_name))`,
    );
    await q.query(`
      CREATE TABLE auth_sessions (
        id varchar(64) PRIMARY KEY,
        member_id varchar(64) NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        method varchar(16) NOT NULL CHECK (method IN ('password', 'oidc')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        address varchar(64)
      )`);
    await q.query(
      `CREATE INDEX auth_sessions_member_idx ON auth_sessions (member_id) WHERE revoked_at IS NULL`,
    );
    await q.query(`CREATE INDEX auth_sessions_expires_idx ON auth_sessions (expires_at)`);
    await q.query(`
      CREATE TABLE login_failures (
        scope varchar(16) NOT NULL CHECK (scope IN ('account', 'address')),
        key varchar(128) NOT NULL,
        failures integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until timestamptz,
        PRIMARY KEY (scope, key)
      )`);
    // A service account acts for its unit: when the unit goes, so does the account (and its tokens' standing).
    await q.query(`
      CREATE TABLE service_accounts (
        id varchar(64) PRIMARY KEY,
        unit_code varchar(32) NOT NULL REFERENCES units(code) ON DELETE CASCADE,
        name varchar(64) NOT NULL,
        roles text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE service_accounts`);
    await q.query(`DROP TABLE login_failures`);
    await q.query(`DROP TABLE auth_sessions`);
    await q.query(`DROP TABLE member_credentials`);
  }
}
