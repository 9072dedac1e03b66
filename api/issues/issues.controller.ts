import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CreateIssueDto } from './dto/create-issue.dto';
import { IssuesService, type IssueDetail, type StartedIssue } from './issues.service';

/** 问题 Issues: report one, read its live state. */
@ApiTags('issues')
@Controller('api/v1/issues')
export class IssuesController {
  constructor(private readonly issues: IssuesService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: '上报问题 Report an issue',
    description:
      '开始问题的生命周期（工作流 issue-<code>），并立即记入发现单位台账。Starts the issue lifecycle workflow and enters it in the finder unit’s ledger (L1, L2).',
  })
  @ApiCreatedResponse({ description: 'The issue code, its workflow and its first state.' })
  async report(
    @Body() dto: CreateIssueDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StartedIssue> {
    const started = await this.issues.report(dto);
    response.setHeader('Location', `/api/v1/issues/${started.code}`);
    return started;
  }

  @Get(':code')
  @ApiOperation({
    summary: '问题详情 Live state and history of one issue',
    description:
      '实时状态来自工作流查询，历史来自台账事件。Live state from the workflow query, history from the ledger events.',
  })
  @ApiParam({ name: 'code', example: '2026-000001' })
  @ApiOkResponse({ description: 'The live state, next deadline, who must act, and the event history.' })
  async detail(@Param('code') code: string): Promise<IssueDetail> {
    return this.issues.detail(code);
  }
}
