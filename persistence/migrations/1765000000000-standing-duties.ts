import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The standing duties (SPEC P1–P9): patrol records, consultations, the units' reports with their approvals
 * (the digital seal) and their history, and the compliance findings the duty clocks make. The notification
 * outbox now also carries notices that are about a duty rather than an issue.
 */
export class StandingDuties1765000000000 implements MigrationInterface {
  name = 'StandingDuties1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_outbox ADD COLUMN ref varchar(160)`);
    await q.query(`ALTER TABLE notification_outbox ALTER COLUMN issue_code DROP NOT NULL`);
    await q.query(`ALTER TABLE notification_outbox ALTER COLUMN event_id DROP NOT NULL`);
    await q.query(
      `ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_subject_check
         CHECK ((issue_code IS NOT NULL AND event_id IS NOT NULL) OR ref IS NOT NULL)`,
    );
    await q.query(
      `CREATE INDEX notification_outbox_ref_idx ON notification_outbox (ref) WHERE ref IS NOT NULL`,
    );

    // P2: one patrol of one grid. Records are facts: they are appended, never edited.
    await q.query(`
      CREATE TABLE patrols (
        id varchar(64) PRIMARY KEY,
        unit_code varchar(32) NOT NULL REFERENCES units(code),
        grid_code varchar(64) NOT NULL REFERENCES grids(code),
        led_by varchar(64) NOT NULL REFERENCES members(id),
        member_ids text[] NOT NULL CHECK (cardinality(member_ids) >= 1),
        started_at timestamptz NOT NULL,
        ended_at timestamptz NOT NULL,
        methods text[] NOT NULL CHECK (cardinality(methods) >= 1),
        key_point_ids text[] NOT NULL DEFAULT '{}',
        points jsonb NOT NULL DEFAULT '[]',
        track jsonb,
        notes text NOT NULL DEFAULT '',
        issue_codes text[] NOT NULL DEFAULT '{}',
        week_id varchar(8) NOT NULL,
        month_id varchar(7) NOT NULL,
        recorded_by varchar(64) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ended_at > started_at)
      )`);
    await q.query(`CREATE INDEX patrols_grid_week_idx ON patrols (grid_code, week_id)`);
    await q.query(`CREATE INDEX patrols_unit_month_idx ON patrols (unit_code, month_id)`);
    await q.query(`CREATE INDEX patrols_key_points_idx ON patrols USING gin (key_point_ids)`);

    // P5: 会商 with attendees, minutes and decisions; linked to the (major) issues it discussed.
    await q.query(`
      CREATE TABLE consultations (
        id varchar(64) PRIMARY KEY,
        unit_code varchar(32) NOT NULL REFERENCES units(code),
        convened_by varchar(64) NOT NULL REFERENCES members(id),
        held_at timestamptz NOT NULL,
        topic text NOT NULL,
        attendees jsonb NOT NULL,
        minutes text NOT NULL,
        decisions jsonb NOT NULL DEFAULT '[]',
        issue_codes text[] NOT NULL DEFAULT '{}',
        month_id varchar(7) NOT NULL,
        recorded_by varchar(64) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX consultations_unit_month_idx ON consultations (unit_code, month_id)`);
    await q.query(`CREATE INDEX consultations_issues_idx ON consultations USING gin (issue_codes)`);

    // P3, P4, P6, P8: one report of one unit for one period. Its id is '<kind>/<unit>/<period>'.
    await q.query(`
      CREATE TABLE duty_reports (
        id varchar(96) PRIMARY KEY,
        kind varchar(32) NOT NULL CHECK (kind IN ('weekly','monthly_summary','risk_warning','dual_dispatch',
          'annual_self_assessment','annual_county','bulletin')),
        unit_code varchar(32) NOT NULL REFERENCES units(code),
        period varchar(16) NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        due_at timestamptz,
        status varchar(16) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted')),
        content jsonb NOT NULL,
        content_hash char(64) NOT NULL,
        revision int NOT NULL DEFAULT 1,
        approved_by varchar(64),
        approved_by_name varchar(64),
        approved_at timestamptz,
        seal_hash char(64),
        submitted_at timestamptz,
        on_time boolean,
        late_marked_at timestamptz,
        chased int NOT NULL DEFAULT 0,
        workflow_id varchar(160),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (kind, unit_code, period),
        CHECK ((status = 'submitted') = (seal_hash IS NOT NULL AND approved_at IS NOT NULL AND submitted_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX duty_reports_period_idx ON duty_reports (kind, period)`);

    // Everything that happened to a report (drafted, revised, approved, reminded, marked late): append-only.
    await q.query(`
      CREATE TABLE duty_report_events (
        id varchar(200) PRIMARY KEY,
        report_id varchar(96) NOT NULL REFERENCES duty_reports(id),
        type varchar(32) NOT NULL,
        actor varchar(64),
        at timestamptz NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX duty_report_events_report_idx ON duty_report_events (report_id, at)`);
    await q.query(`
      CREATE FUNCTION duty_report_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'duty_report_events is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER duty_report_events_append_only BEFORE UPDATE OR DELETE ON duty_report_events
      FOR EACH ROW EXECUTE FUNCTION duty_report_events_append_only()`);

    // What the duty clocks found: a grid not patrolled in a week, a key point covered too rarely, a missing
    // consultation or report. Keyed by rule, period and subject, so a clock that runs twice finds nothing twice.
    await q.query(`
      CREATE TABLE compliance_findings (
        id varchar(200) PRIMARY KEY,
        rule varchar(32) NOT NULL,
        period varchar(16) NOT NULL,
        unit_code varchar(32) NOT NULL,
        grid_code varchar(64),
        subject varchar(96) NOT NULL,
        stage varchar(16) NOT NULL CHECK (stage IN ('reminder','notice')),
        detail jsonb NOT NULL DEFAULT '{}',
        found_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX compliance_findings_unit_idx ON compliance_findings (unit_code, period)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE compliance_findings`);
    await q.query(`DROP TABLE duty_report_events`);
    await q.query(`DROP FUNCTION duty_report_events_append_only()`);
    await q.query(`DROP TABLE duty_reports`);
    await q.query(`DROP TABLE consultations`);
    await q.query(`DROP TABLE patrols`);
    await q.query(`ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_subject_check`);
    await q.query(`DROP INDEX notification_outbox_ref_idx`);
    // Duty notices have no issue: the older schema cannot hold them, so going back refuses while any exist.
    await q.query(`ALTER TABLE notification_outbox ALTER COLUMN issue_code SET NOT NULL`);
    await q.query(`ALTER TABLE notification_outbox ALTER COLUMN event_id SET NOT NULL`);
    await q.query(`ALTER TABLE notification_outbox DROP COLUMN ref`);
  }
}
