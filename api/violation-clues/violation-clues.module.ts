import { Module } from '@nestjs/common';
import { IssuesModule } from '../issues/issues.module';
import { ViolationCluesController } from './violation-clues.controller';
import { ViolationCluesService } from './violation-clues.service';

/** 违法线索 Violation clues (R2). */
@Module({
  imports: [IssuesModule],
  controllers: [ViolationCluesController],
  providers: [ViolationCluesService],
})
export class ViolationCluesModule {}
