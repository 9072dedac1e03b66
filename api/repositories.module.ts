import { Global, Module, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarRepository } from '../persistence/repositories/calendar.repository';
import { CatalogRepository } from '../persistence/repositories/catalog.repository';
import { ComplianceRepository } from '../persistence/repositories/compliance.repository';
import { ConsultationRepository } from '../persistence/repositories/consultation.repository';
import type { Db } from '../persistence/repositories/db';
import { DutyReportRepository } from '../persistence/repositories/duty-report.repository';
import { EvidenceRepository } from '../persistence/repositories/evidence.repository';
import { IdempotencyRepository } from '../persistence/repositories/idempotency.repository';
import { InboxRepository } from '../persistence/repositories/inbox.repository';
import { IssueRepository } from '../persistence/repositories/issue.repository';
import { LedgerRepository } from '../persistence/repositories/ledger.repository';
import { OrganisationRepository } from '../persistence/repositories/organisation.repository';
import { OutboxRepository } from '../persistence/repositories/outbox.repository';
import { PatrolRepository } from '../persistence/repositories/patrol.repository';
import { VillageRelayRepository } from '../persistence/repositories/village-relay.repository';
import { SealRepository } from '../persistence/repositories/seal.repository';
import { PublicObjectionRepository } from '../persistence/repositories/public-objection.repository';
import { AssignedTaskRepository } from '../persistence/repositories/assigned-task.repository';
import { ResidentOpinionRepository } from '../persistence/repositories/resident-opinion.repository';
import { ViolationClueRepository } from '../persistence/repositories/violation-clue.repository';
import { WorkPlanRepository } from '../persistence/repositories/work-plan.repository';

const REPOSITORIES: Array<new (db: Db) => object> = [
  CalendarRepository,
  CatalogRepository,
  ComplianceRepository,
  ConsultationRepository,
  DutyReportRepository,
  EvidenceRepository,
  IdempotencyRepository,
  InboxRepository,
  IssueRepository,
  LedgerRepository,
  OrganisationRepository,
  OutboxRepository,
  PatrolRepository,
  VillageRelayRepository,
  SealRepository,
  PublicObjectionRepository,
  ResidentOpinionRepository,
  ViolationClueRepository,
  WorkPlanRepository,
  AssignedTaskRepository,
];

/** Every repository of persistence/repositories over the application's DataSource, for any module to inject. */
@Global()
@Module({
  providers: REPOSITORIES.map((repository): Provider => ({
    provide: repository,
    useFactory: (dataSource: DataSource) => new repository(dataSource),
    inject: [DataSource],
  })),
  exports: REPOSITORIES,
})
export class RepositoriesModule {}
