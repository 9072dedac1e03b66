import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Configuration } from '../config/configuration';
import { dataSourceOptions } from '../persistence/data-source';
import { AssessmentModule } from './assessment/assessment.module';
import { AuthModule } from './auth/auth.module';
import { BattleMapModule } from './battle-map/battle-map.module';
import { CalendarsModule } from './calendars/calendars.module';
import { CatalogModule } from './catalog/catalog.module';
import { IdempotencyInterceptor } from './common/idempotency.interceptor';
import { ConfigModule } from './config/config.module';
import { EvidenceModule } from './evidence/evidence.module';
import { HealthController } from './health/health.controller';
import { InboxModule } from './inbox/inbox.module';
import { IssuesModule } from './issues/issues.module';
import { LedgersModule } from './ledgers/ledgers.module';
import { Open311Module } from './open311/open311.module';
import { OrganisationModule } from './organisation/organisation.module';
import { PatrolsModule } from './patrols/patrols.module';
import { ConsultationsModule } from './consultations/consultations.module';
import { VillageRelaysModule } from './village-relays/village-relays.module';
import { ProcessDefinitionsModule } from './process-definitions/process-definitions.module';
import { ReportsModule } from './reports/reports.module';
import { RepositoriesModule } from './repositories.module';
import { BulletinsModule } from './bulletins/bulletins.module';
import { SealModule } from './seal/seal.module';
import { TemporalModule } from './temporal/temporal.module';
import { OverviewModule } from './overview/overview.module';
import { PublicNoticesModule } from './public-notices/public-notices.module';
import { ResidentOpinionsModule } from './resident-opinions/resident-opinions.module';
import { ViolationCluesModule } from './violation-clues/violation-clues.module';
import { WorkPlansModule } from './work-plans/work-plans.module';
import { AssignedTasksModule } from './assigned-tasks/assigned-tasks.module';

@Module({})
export class AppModule {
  static forRoot(config: Configuration): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(
          dataSourceOptions(config.DATABASE_URL, {
            ssl: config.DATABASE_SSL === 'true',
            poolSize: config.API_DATABASE_POOL_SIZE,
          }),
        ),
        RepositoriesModule,
        AuthModule,
        TemporalModule,
        IssuesModule,
        CalendarsModule,
        ProcessDefinitionsModule,
        ReportsModule,
        BulletinsModule,
        SealModule,
        LedgersModule,
        EvidenceModule,
        Open311Module,
        OrganisationModule,
        CatalogModule,
        InboxModule,
        AssessmentModule,
        BattleMapModule,
        PatrolsModule,
        ConsultationsModule,
        VillageRelaysModule,
        PublicNoticesModule,
        OverviewModule,
        ResidentOpinionsModule,
        ViolationCluesModule,
        WorkPlansModule,
        AssignedTasksModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
    };
  }
}
