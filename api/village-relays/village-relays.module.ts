import { Module } from '@nestjs/common';
import { IssuesModule } from '../issues/issues.module';
import { VillageRelaysController } from './village-relays.controller';
import { VillageRelaysService } from './village-relays.service';

/** 村级网格员反馈 (G8): the village relay and the issues the township starts from it. */
@Module({
  imports: [IssuesModule],
  controllers: [VillageRelaysController],
  providers: [VillageRelaysService],
})
export class VillageRelaysModule {}
