import {
  goesToPrefecture,
  PREFECTURE_AUDIENCE,
  prefectureSubmissionText,
  type DutyReportKind,
} from '../../domain/duties/reports/reports';
import type { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import type { OutboxRepository } from '../../persistence/repositories/outbox.repository';

/**
 * P4, P6: puts the e-mail that carries an approved report to the prefecture in the notification outbox, in the
 * transaction that records the approval (`tx`: its repositories). Keyed by the report, so a retried step adds
 * nothing. Without a mailbox for the unit's counterpart the row is kept as `unresolved`, so 县环委办 sees the report
 * has not gone.
 */
export async function enqueuePrefectureSubmission(
  tx: { organisation: OrganisationRepository; outbox: OutboxRepository },
  report: { id: string; kind: DutyReportKind; unit: string; period: string },
  approval: { approverName: string; approvedAt: string; sealHash: string },
): Promise<boolean> {
  const unit = await tx.organisation.unit(report.unit);
  if (!unit || !goesToPrefecture(report.kind, unit.kind)) return false;
  const counterpart = unit.prefectureCounterpart ?? '州级对口部门';
  const { subject, body } = prefectureSubmissionText(report, unit.name, counterpart, approval);
  return tx.outbox.enqueue({
    id: `prefecture/${report.id}`.slice(0, 240),
    issueCode: null,
    ref: report.id,
    eventId: null,
    kind: 'prefecture_submission',
    audience: PREFECTURE_AUDIENCE,
    unitCode: report.unit,
    memberId: null,
    recipientName: counterpart,
    subject,
    body,
    status: unit.prefectureEmail ? 'pending' : 'unresolved',
  });
}
