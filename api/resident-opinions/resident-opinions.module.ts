import { Module } from '@nestjs/common';
import { ResidentOpinionsController } from './resident-opinions.controller';
import { ResidentOpinionsService } from './resident-opinions.service';

/** 群众意见建议 Residents' opinions (R1). */
@Module({
  controllers: [ResidentOpinionsController],
  providers: [ResidentOpinionsService],
})
export class ResidentOpinionsModule {}
