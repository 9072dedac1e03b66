import type { LeadershipRecipient } from '../../config/seal-config';
import { DEFAULT_LEADERSHIP } from '../../config/seal-config';
import {
  bulletinDeliveryText,
  goesToPrefecture,
  LEADERSHIP_AUDIENCE,
  PREFECTURE_AUDIENCE,
  prefectureSubmissionText,
  type DutyReportKind,
  type SealedDocument,
} from '../../domain/duties/reports/reports';
import type { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import type { OutboxRepository } from '../../persistence/repositories/outbox.repository';

type Approval = { approverName: string; approvedAt: string; sealHash: string };

/**
 * P4, P6: puts the e-mail that carries an approved report to the prefecture in the notification outbox, in the
 * transaction that records the approval (`tx`: its repositories). Keyed by the report, so a retried step adds
 * nothing. Without a mailbox for the unit's counterpart the row is kept as `unresolved`, so 县环委办 sees the report
 * has not gone.
 */
export async function enqueuePrefectureSubmission(
  tx: { organisation: OrganisationRepository; outbox: OutboxRepository },
  report: { id: string; kind: DutyReportKind; unit: string; period: string },
  approval: Approval,
  seal: SealedDocument | null,
): Promise<boolean> {
  const unit = await tx.organisation.unit(report.unit);
  if (!unit || !goesToPrefecture(report.kind, unit.kind)) return false;
  const counterpart = unit.prefectureCounterpart ?? '州级对口部门';
  const { subject, body } = prefectureSubmissionText(report, unit.name, counterpart, approval, seal);
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

/**
 * P8: a sealed bulletin to each configured mailbox of the county leadership (县委、县政府、县生态环境保护委员会),
 * with its PDF, through the outbox. The mailbox is fixed in the row when it is written. Without any configured,
 * each of the three addressees is kept as `unresolved`, so 县环委办 sees the bulletin has not reached them.
 */
export async function enqueueLeadershipBulletin(
  tx: { organisation: OrganisationRepository; outbox: OutboxRepository },
  report: { id: string; kind: DutyReportKind; unit: string; period: string },
  approval: Approval,
  seal: SealedDocument | null,
  recipients: LeadershipRecipient[],
): Promise<number> {
  if (report.kind !== 'bulletin') return 0;
  const office = await tx.organisation.unit(report.unit);
  const officeName = office?.name ?? report.unit;
  const targets: Array<{ name: string; email: string | null }> = recipients.length
    ? recipients
    : DEFAULT_LEADERSHIP.map((name) => ({ name, email: null }));
  let written = 0;
  for (const [i, target] of targets.entries()) {
    const { subject, body } = bulletinDeliveryText(report, officeName, target.name, approval, seal);
    const inserted = await tx.outbox.enqueue({
      id: `leadership/${report.id}/${i + 1}`.slice(0, 240),
      issueCode: null,
      ref: report.id,
      eventId: null,
      kind: 'bulletin_delivery',
      audience: LEADERSHIP_AUDIENCE,
      unitCode: report.unit,
      memberId: null,
      recipientName: target.name,
      recipientEmail: target.email,
      subject,
      body,
      status: target.email ? 'pending' : 'unresolved',
    });
    if (inserted) written += 1;
  }
  return written;
}
