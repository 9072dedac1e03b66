import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Page } from '../../domain/common/page';
import type { Actor } from '../../domain/organisation/roles';
import type { ResidentOpinionView } from '../../domain/records/resident-opinions';
import { CurrentActor } from '../auth/current-actor.decorator';
import { IdempotencyToken } from '../common/idempotency.interceptor';
import { IDEMPOTENCY_HEADER_DOC } from '../common/openapi-headers';
import {
  AnswerResidentOpinionDto,
  CreateResidentOpinionDto,
  ListResidentOpinionsQueryDto,
} from './dto/resident-opinion.dto';
import { ResidentOpinionsService } from './resident-opinions.service';
import { OPINION_PAGE_SCHEMA, OPINION_SCHEMA } from './resident-opinions.schemas';

/** 群众意见建议 Residents' opinions and suggestions (R1). */
@ApiTags('resident-opinions')
@ApiBearerAuth()
@Controller('api/v1/resident-opinions')
export class ResidentOpinionsController {
  constructor(private readonly opinions: ResidentOpinionsService) {}

  @Post()
  @HttpCode(201)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: '登记群众意见建议 Record a resident’s opinion or suggestion',
    description:
      '网格员走访群众（访群众）收集的意见建议：网格、内容、收集时间，可附群众姓名和联系方式（仅本单位和收集人可见，不出现在月度材料中）。收集人来自令牌，须为该网格所属单位或该网格（含分片）的在册人员。A grid member records what a resident said (R1); the collector comes from the token and must be a member of the grid’s unit or of the grid (or its 分片). The resident’s name and contact are shown only to that unit and the collector.',
  })
  @ApiCreatedResponse({ description: 'The stored opinion.', schema: OPINION_SCHEMA })
  @ApiForbiddenResponse({ description: '非本网格人员 Not a member of the grid or its unit' })
  @ApiUnprocessableEntityResponse({ description: '数据不符合规则 The time or the patrol breaks a rule' })
  async collect(
    @Body() dto: CreateResidentOpinionDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ResidentOpinionView> {
    const opinion = await this.opinions.collect(dto, actor, token);
    response.setHeader('Location', `/api/v1/resident-opinions/${opinion.id}`);
    return opinion;
  }

  @Post(':id/answer')
  @HttpCode(200)
  @ApiOperation({
    summary: '答复群众意见建议 Answer an opinion',
    description:
      '由网格所属单位答复（网格直接负责人或单位网格长、副网格长、分网格长、副分网格长），每条只答复一次。The unit answers once, through a grid’s 直接负责人 or one of its heads (R1).',
  })
  @ApiParam({ name: 'id', example: 'opinion-0b6c6f0e-8a51-4d6c-9d8e-1f0b1c2d3e4f' })
  @ApiOkResponse({ description: 'The opinion with its answer.', schema: OPINION_SCHEMA })
  @ApiForbiddenResponse({ description: '非本单位负责人 Not a leader of the unit' })
  @ApiNotFoundResponse({ description: '无此记录 No such opinion' })
  @ApiConflictResponse({ description: '已答复 Already answered' })
  answer(
    @Param('id') id: string,
    @Body() dto: AnswerResidentOpinionDto,
    @CurrentActor() actor: Actor,
  ): Promise<ResidentOpinionView> {
    return this.opinions.answer(id, dto.answer, actor);
  }

  @Get()
  @ApiOperation({
    summary: '群众意见建议列表 List opinions',
    description:
      '按单位、网格、月份、是否已答复筛选，最新在前。本单位可查看；县环委办和总（副总）网格长可查看全部（不含群众联系方式）。Own unit’s opinions; 县环委办 and the county heads see all, without the residents’ contacts.',
  })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }', schema: OPINION_PAGE_SCHEMA })
  list(
    @Query() query: ListResidentOpinionsQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<ResidentOpinionView>> {
    return this.opinions.list(query, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: '群众意见建议详情 One opinion', description: 'Same read scope as the list.' })
  @ApiParam({ name: 'id', example: 'opinion-0b6c6f0e-8a51-4d6c-9d8e-1f0b1c2d3e4f' })
  @ApiOkResponse({ description: 'The opinion.', schema: OPINION_SCHEMA })
  @ApiNotFoundResponse({ description: '无此记录 No such opinion' })
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<ResidentOpinionView> {
    return this.opinions.get(id, actor);
  }
}
