import { IssueEventEntity } from './issue-event.entity';
import { IssueEntity } from './issue.entity';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { ResponsibilityCategoryEntity } from './responsibility.entity';
import { UnitEntity } from './unit.entity';

export { IssueEventEntity, IssueEntity, LedgerEntryEntity, ResponsibilityCategoryEntity, UnitEntity };

export const ENTITIES = [
  UnitEntity,
  ResponsibilityCategoryEntity,
  IssueEntity,
  IssueEventEntity,
  LedgerEntryEntity,
];
