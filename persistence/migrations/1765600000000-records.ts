import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records beyond the issue (issue #14 part B): residents' opinions (R1), violation clues handed to 县生态环境局
 * (R2), the departments' yearly 网格监管工作方案 (R3), tasks the county grid heads assign (R4), the responsible
 * party named on an issue (L17) and the routing of river- and forest-chief patrol findings (L18).
 */
export class Records1765600000000 implements MigrationInterface {
  name = 'Records1765600000000';

  async up(q: QueryRunner): Promise<void> {
    // R1: what a grid member heard from residents, and the unit's answer. The resident's contact stays here.
    await q.query(`
      CREATE TABLE resident_opinions (
        id varchar(80) PRIMARY KEY,
        unit_code varchar(32) NOT NULL REFERENCES units(code),
        grid_code varchar(64) NOT NULL REFERENCES grids(code),
        kind varchar(16) NOT NULL CHECK (kind IN ('opinion','suggestion')),
        content text NOT NULL,
        collected_at timestamptz NOT NULL,
        collected_by varchar(64) NOT NULL,
        collected_by_name varchar(128) NOT NULL,
        resident_name varchar(64),
        resident_contact varchar(128),
        patrol_id varchar(64),
        month_id varchar(7) NOT NULL,
        answer text,
        answered_by varchar(64),
        answered_by_name varchar(128),
        answered_at timestamptz,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((answer IS NULL) = (answered_at IS NULL))
      )`);
    await q.query(`CREATE INDEX resident_opinions_unit_month_idx ON resident_opinions (unit_code, month_id)`);

    // R2: a clue handed to the enforcement bureau, with its own status; the history is append-only.
    await q.query(`CREATE SEQUENCE violation_clue_seq`);
    await q.query(`
      CREATE TABLE violation_clues (
        id varchar(32) PRIMARY KEY,
        title varchar(200) NOT NULL,
        description text NOT NULL,
        township varchar(32) REFERENCES units(code),
        village varchar(64),
        lat double precision,
        lng double precision,
        suspect jsonb,
        evidence text[] NOT NULL DEFAULT '{}',
        issue_codes text[] NOT NULL DEFAULT '{}',
        status varchar(16) NOT NULL CHECK (status IN ('received','investigating','case_opened','no_case')),
        receiver_unit varchar(32) NOT NULL REFERENCES units(code),
        handed_by varchar(64) NOT NULL,
        handed_by_name varchar(128) NOT NULL,
        handed_by_unit varchar(32) NOT NULL REFERENCES units(code),
        handed_at timestamptz NOT NULL,
        first_answer_due timestamptz NOT NULL,
        reminder_at timestamptz NOT NULL,
        first_answered_at timestamptz,
        overdue_marked_at timestamptz,
        case_number varchar(64),
        decision_reason text,
        workflow_id varchar(120) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX violation_clues_status_idx ON violation_clues (status, handed_at)`);
    await q.query(`CREATE INDEX violation_clues_issues_idx ON violation_clues USING gin (issue_codes)`);
    await q.query(`
      CREATE TABLE violation_clue_events (
        id varchar(160) PRIMARY KEY,
        clue_id varchar(32) NOT NULL REFERENCES violation_clues(id),
        seq int NOT NULL,
        type varchar(32) NOT NULL,
        actor varchar(64) NOT NULL,
        actor_name varchar(128) NOT NULL,
        at timestamptz NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        UNIQUE (clue_id, seq)
      )`);

    // R3: one 网格监管工作方案 per department and year; its file is an uploaded evidence file.
    await q.query(`
      CREATE TABLE work_plans (
        id varchar(48) PRIMARY KEY,
        unit_code varchar(32) NOT NULL REFERENCES units(code),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        title varchar(200) NOT NULL,
        file_id char(64) NOT NULL REFERENCES evidence_files(id),
        note text,
        submitted_by varchar(64) NOT NULL,
        submitted_by_name varchar(128) NOT NULL,
        submitted_at timestamptz NOT NULL,
        UNIQUE (unit_code, year)
      )`);

    // R4: the read model of the assigned tasks' workflows, and their append-only histories.
    await q.query(`CREATE SEQUENCE assigned_task_seq`);
    await q.query(`
      CREATE TABLE assigned_tasks (
        code varchar(32) PRIMARY KEY,
        workflow_id varchar(64) NOT NULL UNIQUE,
        title varchar(200) NOT NULL,
        assignee varchar(32) NOT NULL REFERENCES units(code),
        assigner varchar(64) NOT NULL,
        assigner_name varchar(128) NOT NULL,
        deadline date NOT NULL,
        due_at timestamptz NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('assigned','reported','accepted')),
        step int NOT NULL DEFAULT -1,
        overdue boolean NOT NULL DEFAULT false,
        county_supervision boolean NOT NULL DEFAULT false,
        issue_codes text[] NOT NULL DEFAULT '{}',
        assigned_at timestamptz NOT NULL,
        completed_at timestamptz,
        state jsonb NOT NULL,
        event_count int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX assigned_tasks_assignee_idx ON assigned_tasks (assignee, status)`);
    await q.query(`
      CREATE TABLE assigned_task_events (
        id varchar(120) PRIMARY KEY,
        task_code varchar(32) NOT NULL REFERENCES assigned_tasks(code),
        seq int NOT NULL,
        type varchar(32) NOT NULL,
        actor varchar(64) NOT NULL,
        actor_name varchar(128) NOT NULL,
        at timestamptz NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        UNIQUE (task_code, seq)
      )`);
    await q.query(`
      CREATE FUNCTION records_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
      END $$`);
    for (const table of ['violation_clue_events', 'assigned_task_events'])
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION records_events_append_only()`);

    // L21: the responsible party (业主) named on an issue, searchable from the read model.
    await q.query(`ALTER TABLE issues ADD COLUMN responsible_party jsonb`);
    await q.query(
      `CREATE INDEX issues_party_code_idx ON issues ((responsible_party->>'creditCode'))
         WHERE responsible_party IS NOT NULL`,
    );

    // L22: who dispatches or cooperates on the findings of a river-chief or forest-chief patrol (the catalog's
    // 县水务局 "分办、督办河长制巡查发现问题" and 县林业局 "协调配合解决林长制巡查发现的问题").
    await q.query(`
      CREATE TABLE chief_patrol_routes (
        source varchar(32) PRIMARY KEY,
        unit_code varchar(32) NOT NULL REFERENCES units(code),
        duty varchar(16) NOT NULL CHECK (duty IN ('dispatch','cooperate')),
        description text NOT NULL DEFAULT ''
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE chief_patrol_routes`);
    await q.query(`DROP INDEX issues_party_code_idx`);
    await q.query(`ALTER TABLE issues DROP COLUMN responsible_party`);
    await q.query(`DROP TABLE assigned_task_events`);
    await q.query(`DROP TABLE assigned_tasks`);
    await q.query(`DROP SEQUENCE assigned_task_seq`);
    await q.query(`DROP TABLE work_plans`);
    await q.query(`DROP TABLE violation_clue_events`);
    await q.query(`DROP TABLE violation_clues`);
    await q.query(`DROP SEQUENCE violation_clue_seq`);
    await q.query(`DROP FUNCTION records_events_append_only()`);
    await q.query(`DROP TABLE resident_opinions`);
  }
}
