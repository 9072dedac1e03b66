import { GridEntity } from './grid.entity';
import { IssueEventEntity } from './issue-event.entity';
import { IssueEntity } from './issue.entity';
import { KeyPointEntity } from './key-point.entity';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { MemberEntity } from './member.entity';
import { NotificationEntity } from './notification.entity';
import { ResponsibilityCategoryEntity } from './responsibility.entity';
import { UnitEntity } from './unit.entity';
import { InboxItemEntity } from './inbox-item.entity';
import { NotificationDeliveryAttemptEntity } from './notification-delivery-attempt.entity';
import { NotificationDeliveryEntity } from './notification-delivery.entity';
import { NotificationPreferenceEntity } from './notification-preference.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { PatrolEntity } from './patrol.entity';
import { ConsultationEntity } from './consultation.entity';
import { DutyReportEntity, DutyReportEventEntity } from './duty-report.entity';
import { ComplianceFindingEntity } from './compliance-finding.entity';

export {
  GridEntity,
  IssueEventEntity,
  IssueEntity,
  KeyPointEntity,
  LedgerEntryEntity,
  MemberEntity,
  NotificationEntity,
  ResponsibilityCategoryEntity,
  UnitEntity,
  InboxItemEntity,
  NotificationDeliveryAttemptEntity,
  NotificationDeliveryEntity,
  NotificationPreferenceEntity,
  WebhookEndpointEntity,
  PatrolEntity,
  ConsultationEntity,
  DutyReportEntity,
  DutyReportEventEntity,
  ComplianceFindingEntity,
};

export const ENTITIES = [
  UnitEntity,
  ResponsibilityCategoryEntity,
  IssueEntity,
  IssueEventEntity,
  LedgerEntryEntity,
  MemberEntity,
  NotificationEntity,
  GridEntity,
  KeyPointEntity,
  InboxItemEntity,
  NotificationDeliveryAttemptEntity,
  NotificationDeliveryEntity,
  NotificationPreferenceEntity,
  WebhookEndpointEntity,
  PatrolEntity,
  ConsultationEntity,
  DutyReportEntity,
  DutyReportEventEntity,
  ComplianceFindingEntity,
];
