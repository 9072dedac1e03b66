import type { DataSource } from 'typeorm';

/** What a standing-duty test created in the shared test database, to be removed after it. */
export interface DutyTestData {
  /** Units the test created: their patrols, consultations, findings, members, grids and key points go too. */
  units: string[];
  /** Reports (and their events) the test made; the notices about them go too. */
  reportIds?: string[];
  /** Other notices to remove, by their `ref` (e.g. `grid/<code>`). */
  noticeRefs?: string[];
  issueCodes?: string[];
  /** Members outside `units` the test created (e.g. a head of 县环委办). */
  memberIds?: string[];
  /**
   * Periods a duty clock judged in this test: the clock judges every grid of the county, so its findings and
   * notices about the demo organisation go too (a backlog of them would slow later tests' deliveries).
   */
  clockPeriods?: string[];
}

/**
 * Leaves the shared database as the test found it: other files report on the whole organisation. The report
 * history is append-only by trigger, so the test's own rows are removed with triggers off, in one transaction.
 */
export async function removeDutyTestData(db: DataSource, data: DutyTestData): Promise<void> {
  const refs = [...(data.reportIds ?? []), ...(data.noticeRefs ?? [])];
  const notices = (
    await db.query<Array<{ id: string }>>(
      `SELECT id FROM notification_outbox
       WHERE ref = ANY($1::text[]) OR unit_code = ANY($2::text[]) OR (issue_code IS NULL AND id LIKE ANY($3::text[]))`,
      [refs, data.units, (data.clockPeriods ?? []).map((p) => `duty/%/${p}/%`)],
    )
  ).map((r) => r.id);
  const steps: Array<[string, unknown[]]> = [
    [`DELETE FROM inbox_items WHERE notification_id = ANY($1::text[])`, [notices]],
    [
      `DELETE FROM notification_delivery_attempts WHERE delivery_id IN
         (SELECT id FROM notification_deliveries WHERE notification_id = ANY($1::text[]))`,
      [notices],
    ],
    [`DELETE FROM notification_deliveries WHERE notification_id = ANY($1::text[])`, [notices]],
    [`DELETE FROM notification_outbox WHERE id = ANY($1::text[])`, [notices]],
    [`DELETE FROM duty_report_events WHERE report_id = ANY($1::text[])`, [data.reportIds ?? []]],
    [`DELETE FROM report_seals WHERE report_id = ANY($1::text[])`, [data.reportIds ?? []]],
    [`DELETE FROM duty_reports WHERE id = ANY($1::text[])`, [data.reportIds ?? []]],
    [`DELETE FROM ledger_entries WHERE issue_code = ANY($1::text[])`, [data.issueCodes ?? []]],
    [`DELETE FROM issues WHERE code = ANY($1::text[])`, [data.issueCodes ?? []]],
    [
      `DELETE FROM compliance_findings WHERE unit_code = ANY($1::text[]) OR period = ANY($2::text[])`,
      [data.units, data.clockPeriods ?? []],
    ],
    [`DELETE FROM patrols WHERE unit_code = ANY($1::text[])`, [data.units]],
    [`DELETE FROM consultations WHERE unit_code = ANY($1::text[])`, [data.units]],
    [
      `DELETE FROM key_points WHERE grid_code IN (SELECT code FROM grids WHERE unit_code = ANY($1::text[]))`,
      [data.units],
    ],
    [
      `DELETE FROM members WHERE unit_code = ANY($1::text[]) OR id = ANY($2::text[])`,
      [data.units, data.memberIds ?? []],
    ],
    [`DELETE FROM grids WHERE unit_code = ANY($1::text[])`, [data.units]],
    [`DELETE FROM units WHERE code = ANY($1::text[])`, [data.units]],
  ];
  await db.transaction(async (manager) => {
    await manager.query(`SET LOCAL session_replication_role = replica`);
    for (const [sql, params] of steps) await manager.query(sql, params);
  });
}
