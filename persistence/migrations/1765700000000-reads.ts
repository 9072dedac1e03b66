import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reads that scale (Q2, Q3): an index for every filter and sort of the issue list, trigram indexes (pg_trgm, shipped
 * with the embedded PostgreSQL and every packaged one) for Chinese text search, the units whose ledgers hold an
 * issue kept on the row (so the unit scope is one GIN lookup, not an EXISTS per row), and no second unique
 * key on the read model: `workflow_id` is `issue-<code>`, so the primary key is the one arbiter of the upsert.
 */
export class Reads1765700000000 implements MigrationInterface {
  name = 'Reads1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // Q3: a concurrent first insert raced on this non-arbiter key (23505) although both rows were the same issue.
    await q.query(`ALTER TABLE issues DROP CONSTRAINT issues_workflow_id_key`);
    await q.query(`ALTER TABLE issues ADD COLUMN ledger_units text[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      UPDATE issues i SET ledger_units = l.units
      FROM (SELECT issue_code, array_agg(DISTINCT unit_code::text ORDER BY unit_code::text) AS units
            FROM ledger_entries GROUP BY issue_code) l
      WHERE l.issue_code = i.code`);
    await q.query(`
      CREATE FUNCTION issues_add_ledger_unit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE issues SET ledger_units = array_append(ledger_units, NEW.unit_code::text)
        WHERE code = NEW.issue_code AND NOT (NEW.unit_code::text = ANY(ledger_units));
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entries_issue_units AFTER INSERT ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION issues_add_ledger_unit()`);
    // Sorts: reported time both ways (a backward scan serves ascending), deadline with the undated last both ways.
    await q.query(`CREATE INDEX issues_reported_idx ON issues (reported_at DESC, code DESC)`);
    await q.query(
      `CREATE INDEX issues_deadline_asc_idx ON issues ((coalesce(deadline, 'infinity'::timestamptz)), code)`,
    );
    await q.query(
      `CREATE INDEX issues_deadline_desc_idx ON issues ((coalesce(deadline, '-infinity'::timestamptz)) DESC, code DESC)`,
    );
    await q.query(`CREATE INDEX issues_status_reported_idx ON issues (status, reported_at DESC, code DESC)`);
    // Filters: the unit scope (ledgers, owner, awaiting) as one array, the to-do list, the unit in any role.
    await q.query(
      `CREATE INDEX issues_scope_units_idx ON issues USING gin ((ledger_units || awaiting || ARRAY[coalesce(owner, '')::text]))`,
    );
    await q.query(`CREATE INDEX issues_awaiting_idx ON issues USING gin (awaiting)`);
    await q.query(`CREATE INDEX issues_finder_unit_idx ON issues (finder_unit)`);
    await q.query(`CREATE INDEX issues_owner_idx ON issues (owner) WHERE owner IS NOT NULL`);
    await q.query(`CREATE INDEX issues_severity_idx ON issues (severity)`);
    await q.query(
      `CREATE INDEX issues_escalated_idx ON issues (escalation_level) WHERE escalation_level > 0`,
    );
    await q.query(`CREATE INDEX issues_county_supervision_idx ON issues (code) WHERE county_supervision`);
    await q.query(`CREATE INDEX issues_accountability_idx ON issues (code) WHERE accountability_flagged`);
    // Text: title or description, and the responsible party's name (ILIKE '%…%' through trigrams).
    await q.query(`CREATE INDEX issues_title_trgm_idx ON issues USING gin (title gin_trgm_ops)`);
    await q.query(`CREATE INDEX issues_description_trgm_idx ON issues USING gin (description gin_trgm_ops)`);
    await q.query(
      `CREATE INDEX issues_party_name_trgm_idx ON issues USING gin ((responsible_party->>'name') gin_trgm_ops)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'issues_party_name_trgm_idx',
      'issues_description_trgm_idx',
      'issues_title_trgm_idx',
      'issues_accountability_idx',
      'issues_county_supervision_idx',
      'issues_escalated_idx',
      'issues_severity_idx',
      'issues_owner_idx',
      'issues_finder_unit_idx',
      'issues_awaiting_idx',
      'issues_scope_units_idx',
      'issues_status_reported_idx',
      'issues_deadline_desc_idx',
      'issues_deadline_asc_idx',
      'issues_reported_idx',
    ])
      await q.query(`DROP INDEX ${index}`);
    await q.query(`DROP TRIGGER ledger_entries_issue_units ON ledger_entries`);
    await q.query(`DROP FUNCTION issues_add_ledger_unit()`);
    await q.query(`ALTER TABLE issues DROP COLUMN ledger_units`);
    await q.query(`ALTER TABLE issues ADD CONSTRAINT issues_workflow_id_key UNIQUE (workflow_id)`);
  }
}
