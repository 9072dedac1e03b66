import { Module } from '@nestjs/common';
import { IssueActionsController } from './issue-actions.controller';
import { IssuesController } from './issues.controller';
import { IssuesService } from './issues.service';

@Module({ controllers: [IssuesController, IssueActionsController], providers: [IssuesService] })
export class IssuesModule {}
