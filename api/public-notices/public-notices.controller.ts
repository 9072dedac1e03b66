import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Actor } from '../../domain/organisation/roles';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public, PublicWrite } from '../auth/public.decorator';
import {
  PublicObjectionDto,
  type PublicNotice,
  type PublicObjectionReceipt,
  type PublicObjectionRecord,
} from './public-notices.dto';
import { PublicNoticesService } from './public-notices.service';
import {
  PUBLIC_NOTICE_SCHEMA,
  PUBLIC_NOTICES_SCHEMA,
  PUBLIC_OBJECTION_RECEIPT_SCHEMA,
  PUBLIC_OBJECTION_RECORDS_SCHEMA,
} from './public-notices.schemas';
import { ISSUE_CODE_PATTERN } from '../../domain/issue/issue-code';

/** An issue code: what is not one names no notice, so the document does not offer it. */
const CODE_PARAM = {
  name: 'code',
  example: '2026-000001',
  schema: { type: 'string' as const, pattern: ISSUE_CODE_PATTERN.source },
};

/** 公示 Issues under public notice, readable by anyone, and objections anyone may send (L14). */
@ApiTags('public')
@Public()
@Controller('api/v1/public/notices')
export class PublicNoticesController {
  constructor(private readonly notices: PublicNoticesService) {}

  @Get()
  @ApiOperation({
    summary: '公示中的问题 Issues under public notice',
    description:
      '无需登录。只含公示所示内容：问题、位置、整改情况、责任单位、验收意见、公示起止和异议数量；不含举报人和办理人员信息。No login. Only what a public notice shows: the problem, where, what was done, by whom, the acceptance, the notice period and how many objections; no reporter or staff details.',
  })
  @ApiOkResponse({
    description: 'The notices, ending soonest first (at most 200).',
    schema: PUBLIC_NOTICES_SCHEMA,
  })
  list(): Promise<PublicNotice[]> {
    return this.notices.list();
  }

  @Get(':code')
  @ApiOperation({ summary: '一项公示 One public notice' })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ description: 'The notice.', schema: PUBLIC_NOTICE_SCHEMA })
  @ApiNotFoundResponse({ description: '该问题不在公示期 Not under public notice' })
  one(@Param('code') code: string): Promise<PublicNotice> {
    return this.notices.one(code);
  }

  @Post(':code/objections')
  @HttpCode(201)
  @PublicWrite()
  @ApiOperation({
    summary: '提出公示异议 Object to a public notice',
    description:
      '无需登录，每个地址每小时限 PUBLIC_WRITES_PER_HOUR 次。异议如县环委办登记的异议一样进入问题（登记人为“公众”），由县环委办处理；联系方式只供县环委办核实，不公开、不写入问题记录。No login; PUBLIC_WRITES_PER_HOUR per address. The objection reaches the issue as fileObjection does, attributed to a public objector, for 县环委办 to resolve; the contact is kept for 县环委办 only. 404 when the issue is not under notice.',
  })
  @ApiParam(CODE_PARAM)
  @ApiCreatedResponse({
    description: '{ code, objection, message }',
    schema: PUBLIC_OBJECTION_RECEIPT_SCHEMA,
  })
  @ApiNotFoundResponse({ description: '该问题不在公示期 Not under public notice' })
  @ApiTooManyRequestsResponse({ description: '提交过于频繁 Too many public writes from this address' })
  object(@Param('code') code: string, @Body() dto: PublicObjectionDto): Promise<PublicObjectionReceipt> {
    return this.notices.object(code, dto);
  }
}

/** The contacts the public left with their objections: 县环委办's, to look into them. */
@ApiTags('issues')
@ApiBearerAuth()
@Controller('api/v1/issues')
export class PublicObjectionsController {
  constructor(private readonly notices: PublicNoticesService) {}

  @Get(':code/public-objections')
  @ApiOperation({
    summary: '公众异议及联系方式 Objections sent by the public, with contacts',
    description: '仅县环委办。For 县环委办 only (403 otherwise).',
  })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ description: 'The objections, oldest first.', schema: PUBLIC_OBJECTION_RECORDS_SCHEMA })
  contacts(@Param('code') code: string, @CurrentActor() actor: Actor): Promise<PublicObjectionRecord[]> {
    return this.notices.contacts(code, actor);
  }
}
