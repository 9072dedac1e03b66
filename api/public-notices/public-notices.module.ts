import { Module } from '@nestjs/common';
import { IssuesModule } from '../issues/issues.module';
import { PublicNoticesController, PublicObjectionsController } from './public-notices.controller';
import { PublicNoticesService } from './public-notices.service';

@Module({
  imports: [IssuesModule],
  controllers: [PublicNoticesController, PublicObjectionsController],
  providers: [PublicNoticesService],
})
export class PublicNoticesModule {}
