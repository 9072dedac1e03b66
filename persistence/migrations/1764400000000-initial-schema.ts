import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The organisation, the responsibility catalog, the issue read model, its append-only events and the ledgers. */
export class InitialSchema1764400000000 implements MigrationInterface {
  name = 'InitialSchema1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE units (
        code varchar(32) PRIMARY KEY,
        name varchar(128) NOT NULL,
        kind varchar(32) NOT NULL
          CHECK (kind IN ('county_government','office','department','township','village','park')),
        parent_code varchar(32) REFERENCES units(code),
        demo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE responsibility_categories (
        code varchar(64) PRIMARY KEY,
        name varchar(128) NOT NULL,
        owner_unit_code varchar(32) NOT NULL REFERENCES units(code),
        description text NOT NULL DEFAULT ''
      )`);
    await q.query(`CREATE SEQUENCE issue_code_seq`);
    await q.query(`
      CREATE TABLE issues (
        code varchar(32) PRIMARY KEY,
        workflow_id varchar(64) NOT NULL UNIQUE,
        title varchar(200) NOT NULL,
        description text NOT NULL,
        category varchar(64) NOT NULL,
        severity varchar(16) NOT NULL CHECK (severity IN ('general','major')),
        source varchar(32) NOT NULL,
        township varchar(32) NOT NULL,
        village varchar(64),
        lat double precision,
        lng double precision,
        finder_unit varchar(32) NOT NULL,
        reported_by varchar(128) NOT NULL,
        sector_owner varchar(32) NOT NULL,
        territorial_owner varchar(32) NOT NULL,
        status varchar(32) NOT NULL,
        definition_version varchar(32) NOT NULL,
        deadline timestamptz,
        overdue boolean NOT NULL DEFAULT false,
        escalation_level int NOT NULL DEFAULT 0,
        reported_at timestamptz NOT NULL,
        last_event_seq int NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    for (const column of ['category', 'township', 'sector_owner', 'territorial_owner', 'status']) {
      await q.query(`CREATE INDEX issues_${column}_idx ON issues (${column})`);
    }
    await q.query(`
      CREATE TABLE issue_events (
        id varchar(96) PRIMARY KEY,
        issue_code varchar(32) NOT NULL REFERENCES issues(code),
        seq int NOT NULL,
        type varchar(64) NOT NULL,
        actor varchar(128) NOT NULL,
        actor_unit varchar(32) NOT NULL,
        at timestamptz NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (issue_code, seq)
      )`);
    // L15: history is append-only, enforced where no application bug can get around it.
    await q.query(`
      CREATE FUNCTION issue_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'issue_events is append-only (L15): % refused', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER issue_events_no_update_delete BEFORE UPDATE OR DELETE ON issue_events
      FOR EACH ROW EXECUTE FUNCTION issue_events_append_only()`);
    await q.query(`
      CREATE TABLE ledger_entries (
        issue_code varchar(32) NOT NULL REFERENCES issues(code),
        unit_code varchar(32) NOT NULL,
        role varchar(32) NOT NULL CHECK (role IN ('finder','sector_owner','territorial_owner')),
        opened_at timestamptz NOT NULL,
        closed_at timestamptz,
        opened_by_event varchar(96) NOT NULL,
        PRIMARY KEY (issue_code, unit_code, role)
      )`);
    await q.query(`CREATE INDEX ledger_entries_unit_idx ON ledger_entries (unit_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_entries`);
    await q.query(`DROP TRIGGER issue_events_no_update_delete ON issue_events`);
    await q.query(`DROP TABLE issue_events`);
    await q.query(`DROP FUNCTION issue_events_append_only()`);
    await q.query(`DROP TABLE issues`);
    await q.query(`DROP SEQUENCE issue_code_seq`);
    await q.query(`DROP TABLE responsibility_categories`);
    await q.query(`DROP TABLE units`);
  }
}
