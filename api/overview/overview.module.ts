import { Module } from '@nestjs/common';
import { ConsoleSettingsController, OverviewController } from './overview.controller';
import { OverviewService } from './overview.service';

@Module({
  controllers: [OverviewController, ConsoleSettingsController],
  providers: [OverviewService],
})
export class OverviewModule {}
