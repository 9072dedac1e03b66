import { Module } from '@nestjs/common';
import { CalendarsModule } from '../calendars/calendars.module';
import { IssueActionsController } from './issue-actions.controller';
import { IssueAdminController } from './issue-admin.controller';
import { IssuesQueryController } from './issues-query.controller';
import { IssuesQueryService } from './issues-query.service';
import { IssuesController } from './issues.controller';
import { IssuesService } from './issues.service';

// IssuesQueryController comes first: its `possible-duplicates` must match before IssuesController's `:code`.
@Module({
  imports: [CalendarsModule],
  controllers: [IssuesQueryController, IssuesController, IssueActionsController, IssueAdminController],
  providers: [IssuesService, IssuesQueryService],
  exports: [IssuesService],
})
export class IssuesModule {}
