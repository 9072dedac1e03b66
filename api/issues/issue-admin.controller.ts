import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../../domain/organisation/roles';
import type { IssueState } from '../../domain/issue/issue.types';
import { CurrentActor } from '../auth/current-actor.decorator';
import { assertEcoOffice } from '../common/access';
import { IDEMPOTENCY_HEADER_DOC } from '../common/openapi-headers';
import { ResumeIssueDto } from './dto/action.dto';
import { IssuesService } from './issues.service';
import { ISSUE_CODE_PATTERN } from '../../domain/issue/issue-code';
import { ISSUE_STATE_SCHEMA } from './issues.schemas';

/** 系统运维 What 县环委办's system operators do to an issue that waits for them (S4). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/issues')
export class IssueAdminController {
  constructor(private readonly issues: IssuesService) {}

  @Post(':code/resume')
  @HttpCode(200)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: '恢复处理 Resume an issue that needs attention (S4)',
    description:
      '问题的写入被数据库拒绝（NeedsAttention）时，运维人员修正数据后调用此接口：工作流重试被拒绝的写入。仅县环委办可操作。 After fixing the data a write of the issue was refused for, resume it: the workflow tries the refused writes again and answers the state (attention gone, or set again when still refused). 县环委办 only; 409 when the issue needs no attention.',
  })
  @ApiParam({
    name: 'code',
    example: '2026-000001',
    schema: { type: 'string', pattern: ISSUE_CODE_PATTERN.source },
  })
  @ApiOkResponse({
    description: '恢复后的状态 The state after the refused writes were tried again',
    schema: ISSUE_STATE_SCHEMA,
  })
  @ApiForbiddenResponse({ description: '仅县环委办 Only 县环委办 may resume an issue' })
  @ApiConflictResponse({ description: '无需处理 The issue needs no attention' })
  resume(
    @Param('code') code: string,
    @Body() dto: ResumeIssueDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    assertEcoOffice(actor, 'resume an issue that needs attention');
    return this.issues.resume(code, actor, dto.note);
  }
}
