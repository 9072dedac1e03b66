import { IssueEventEntity } from './issue-event.entity';
import { IssueEntity } from './issue.entity';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { MemberEntity } from './member.entity';
import { NotificationEntity } from './notification.entity';
import { ResponsibilityCategoryEntity } from './responsibility.entity';
import { UnitEntity } from './unit.entity';

export {
  IssueEventEntity,
  IssueEntity,
  LedgerEntryEntity,
  MemberEntity,
  NotificationEntity,
  ResponsibilityCategoryEntity,
  UnitEntity,
};

export const ENTITIES = [
  UnitEntity,
  ResponsibilityCategoryEntity,
  IssueEntity,
  IssueEventEntity,
  LedgerEntryEntity,
  MemberEntity,
  NotificationEntity,
];
