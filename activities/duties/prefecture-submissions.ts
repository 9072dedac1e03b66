import type { EntityManager } from 'typeorm';
import type { OrganisationUnitKind } from '../../domain/organisation/organisation.types';
import {
  goesToPrefecture,
  PREFECTURE_AUDIENCE,
  prefectureSubmissionText,
  type DutyReportKind,
} from '../../domain/duties/reports/reports';

/**
 * P4, P6: puts the e-mail that carries an approved report to the prefecture in the notification outbox, in the
 * transaction that records the approval. Keyed by the report, so a retried step adds nothing. Without a mailbox
 * for the unit's counterpart the row is kept as `unresolved`, so 县环委办 sees the report has not gone.
 */
export async function enqueuePrefectureSubmission(
  manager: EntityManager,
  report: { id: string; kind: DutyReportKind; unit: string; period: string },
  approval: { approverName: string; approvedAt: string; sealHash: string },
): Promise<boolean> {
  const [unit] = await manager.query<
    Array<{
      name: string;
      kind: OrganisationUnitKind;
      prefecture_counterpart: string | null;
      prefecture_email: string | null;
    }>
  >(`SELECT name, kind, prefecture_counterpart, prefecture_email FROM units WHERE code = $1`, [report.unit]);
  if (!unit || !goesToPrefecture(report.kind, unit.kind)) return false;
  const counterpart = unit.prefecture_counterpart ?? '州级对口部门';
  const { subject, body } = prefectureSubmissionText(report, unit.name, counterpart, approval);
  const inserted: unknown[] = await manager.query(
    `INSERT INTO notification_outbox (id, issue_code, ref, event_id, kind, audience, unit_code, member_id,
       recipient_name, subject, body, status)
     VALUES ($1, NULL, $2, NULL, 'prefecture_submission', $3, $4, NULL, $5, $6, $7, $8)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      `prefecture/${report.id}`.slice(0, 240),
      report.id,
      PREFECTURE_AUDIENCE,
      report.unit,
      counterpart,
      subject,
      body,
      unit.prefecture_email ? 'pending' : 'unresolved',
    ],
  );
  return inserted.length > 0;
}
