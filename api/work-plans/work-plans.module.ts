import { Module } from '@nestjs/common';
import { WorkPlansController } from './work-plans.controller';
import { WorkPlansService } from './work-plans.service';

/** 网格监管工作方案 The departments' yearly work plans (R3). */
@Module({
  controllers: [WorkPlansController],
  providers: [WorkPlansService],
})
export class WorkPlansModule {}
