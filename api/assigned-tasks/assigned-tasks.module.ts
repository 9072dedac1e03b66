import { Module } from '@nestjs/common';
import { IssuesModule } from '../issues/issues.module';
import { AssignedTasksController } from './assigned-tasks.controller';
import { AssignedTasksService } from './assigned-tasks.service';

/** 交办任务 Assigned tasks (R4). */
@Module({
  imports: [IssuesModule],
  controllers: [AssignedTasksController],
  providers: [AssignedTasksService],
})
export class AssignedTasksModule {}
