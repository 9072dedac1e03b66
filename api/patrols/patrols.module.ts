import { Module } from '@nestjs/common';
import { IssuesModule } from '../issues/issues.module';
import { PatrolComplianceController } from './patrol-compliance.controller';
import { PatrolComplianceService } from './patrol-compliance.service';
import { PatrolsController } from './patrols.controller';
import { PatrolsService } from './patrols.service';

/** 巡查 Patrol records (P2) and how the grids meet their patrol duties (P1, P2, P5). */
@Module({
  imports: [IssuesModule],
  controllers: [PatrolsController, PatrolComplianceController],
  providers: [PatrolsService, PatrolComplianceService],
})
export class PatrolsModule {}
