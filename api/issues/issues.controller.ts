import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../domain/organisation/roles';
import { CurrentActor } from '../auth/current-actor.decorator';
import { IdempotencyToken, KeyedWork } from '../common/idempotency.interceptor';
import { IDEMPOTENCY_HEADER_DOC } from '../common/openapi-headers';
import { ISSUE_CODE_PATTERN } from '../../domain/issue/issue-code';
import { ISSUE_DETAIL_SCHEMA, REOPENED_ISSUE_SCHEMA, STARTED_ISSUE_SCHEMA } from './issues.schemas';
import { ReopenIssueDto } from './dto/action.dto';
import { CreateIssueDto } from './dto/create-issue.dto';
import { IssuesService, type IssueDetail, type ReopenedIssue, type StartedIssue } from './issues.service';

/** 问题 Issues: report one, read its live state, reopen it. */
@ApiTags('issues')
@ApiBearerAuth()
@Controller('api/v1/issues')
export class IssuesController {
  constructor(private readonly issues: IssuesService) {}

  @Post()
  @KeyedWork()
  @HttpCode(201)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: '上报问题 Report an issue',
    description:
      '开始问题的生命周期（工作流 issue-<code>），并立即记入发现单位台账；发现单位和上报人取自令牌。Starts the issue lifecycle workflow and enters it in the finder unit’s ledger (L1, L2); the finder unit and the reporter come from the bearer token.',
  })
  @ApiCreatedResponse({
    description: 'The issue code, its workflow and its first state.',
    schema: STARTED_ISSUE_SCHEMA,
  })
  async report(
    @Body() dto: CreateIssueDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StartedIssue> {
    const started = await this.issues.report(dto, actor, token);
    response.setHeader('Location', `/api/v1/issues/${started.code}`);
    return started;
  }

  @Get(':code')
  @ApiOperation({
    summary: '问题详情 Live state and history of one issue',
    description:
      '实时状态来自工作流查询，历史来自台账事件；仅相关单位、县环委办和总（副总）网格长可查看。Live state from the workflow query, history from the ledger events; readable by the related units, 县环委办 and the county heads only.',
  })
  @ApiParam({
    name: 'code',
    example: '2026-000001',
    schema: { type: 'string', pattern: ISSUE_CODE_PATTERN.source },
  })
  @ApiOkResponse({
    schema: ISSUE_DETAIL_SCHEMA,
    description:
      '实时状态、下一时限、待办单位、事件历史，以及 allowedActions：调用者此刻可办理的事项（与工作流校验同一规则：状态、当事方与前提条件；数据在办理时校验）。 The live state, next deadline, who must act, the event history, and `allowedActions`: the actions the caller may take now, decided by the workflow validator’s own rules (state, party, preconditions); the data is checked when the action is taken.',
  })
  async detail(@Param('code') code: string, @CurrentActor() actor: Actor): Promise<IssueDetail> {
    return this.issues.detail(code, actor);
  }

  @Post(':code/reopen')
  @HttpCode(200)
  @KeyedWork()
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: '重新打开 Reopen an archived issue (L14)',
    description:
      '已建档的问题复发时重新打开，保留全部历史；仅县环委办、行业主管部门或属地乡镇可操作。Starts a new run of the same workflow id carrying the archived state on; only 县环委办, the sector owner or the territorial owner may reopen. 409 when the issue is not archived.',
  })
  @ApiParam({
    name: 'code',
    example: '2026-000001',
    schema: { type: 'string', pattern: ISSUE_CODE_PATTERN.source },
  })
  @ApiOkResponse({ description: 'The new run and the reopened state.', schema: REOPENED_ISSUE_SCHEMA })
  async reopen(
    @Param('code') code: string,
    @Body() dto: ReopenIssueDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<ReopenedIssue> {
    return this.issues.reopen(code, actor, dto.reason, token);
  }
}
