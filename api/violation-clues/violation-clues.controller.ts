import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
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
import { CLUE_ID_PATTERN, type ClueState } from '../../domain/records/violation-clues';
import type { ViolationClueView } from '../../persistence/repositories/violation-clue.repository';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  AnswerViolationClueDto,
  CreateViolationClueDto,
  LinkViolationClueDto,
  ListViolationCluesQueryDto,
} from './dto/violation-clue.dto';
import { ViolationCluesService, type ClueDetail, type HandedClue } from './violation-clues.service';
import {
  CLUE_DETAIL_SCHEMA,
  CLUE_PAGE_SCHEMA,
  CLUE_STATE_SCHEMA,
  HANDED_CLUE_SCHEMA,
} from './violation-clues.schemas';

const ID_PARAM = {
  name: 'id',
  example: 'XS-2027-000001',
  description: '线索编号 Clue id',
  schema: { type: 'string' as const, pattern: CLUE_ID_PATTERN.source },
};

/** 生态环境违法线索 Violation clues handed to 县生态环境局 (R2). */
@ApiTags('violation-clues')
@ApiBearerAuth()
@Controller('api/v1/violation-clues')
export class ViolationCluesController {
  constructor(private readonly clues: ViolationCluesService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: '移交违法线索 Hand a violation clue to 县生态环境局',
    description:
      '任何单位的成员可将发现的生态环境违法线索移交州生态环境局榕江分局：内容、地点、涉嫌违法主体（统一社会信用代码按 GB 32100-2015 校验）、证据、关联问题。线索有自己的状态（已移交待受理 → 调查核实中 → 已立案查处 / 不予立案），首次答复时限默认5个工作日（DUTY_POLICY.clueFirstAnswerWorkingDays），到期前提醒，逾期通知县环委办。每条线索是一个 Temporal 工作流 violation-clue-<编号>。A member of any unit hands a clue over (R2); the bureau must give its first answer within the term (reminded before, 县环委办 told after). Each clue is the workflow `violation-clue-<id>`.',
  })
  @ApiCreatedResponse({ description: '{ id, workflowId, temporalUiUrl, state }', schema: HANDED_CLUE_SCHEMA })
  @ApiUnprocessableEntityResponse({
    description: '引用不存在 A township, evidence file or issue that does not exist',
  })
  async hand(
    @Body() dto: CreateViolationClueDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<HandedClue> {
    const clue = await this.clues.hand(dto, actor);
    response.setHeader('Location', `/api/v1/violation-clues/${clue.id}`);
    return clue;
  }

  @Post(':id/answer')
  @HttpCode(200)
  @ApiOperation({
    summary: '县生态环境局答复 The bureau answers',
    description:
      'acknowledge（受理，首次答复；分局人员）、open_case（立案，可附立案编号；分局负责人）、no_case（不予立案，须写明理由；分局负责人）。每次答复通知移交人及其单位负责人。acknowledge is the first answer (any member of the bureau); open_case and no_case are for its heads, no_case with its reason. Each answer is told to whoever handed the clue over.',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ description: 'The clue’s new state.', schema: CLUE_STATE_SCHEMA })
  @ApiForbiddenResponse({ description: '非县生态环境局或其负责人 Not the bureau, or not its head' })
  @ApiConflictResponse({
    description: '当前状态不允许 Not allowed in the clue’s status, or the clue is decided',
  })
  answer(
    @Param('id') id: string,
    @Body() dto: AnswerViolationClueDto,
    @CurrentActor() actor: Actor,
  ): Promise<ClueState> {
    return this.clues.answer(id, dto, actor);
  }

  @Post(':id/links')
  @HttpCode(200)
  @ApiOperation({
    summary: '关联问题 Link the clue to issues',
    description:
      '移交单位或县生态环境局将线索与问题关联。The handing unit or the bureau links the clue to issues.',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ description: 'The clue’s new state.', schema: CLUE_STATE_SCHEMA })
  link(
    @Param('id') id: string,
    @Body() dto: LinkViolationClueDto,
    @CurrentActor() actor: Actor,
  ): Promise<ClueState> {
    return this.clues.link(id, dto.issueCodes, actor);
  }

  @Get()
  @ApiOperation({
    summary: '违法线索列表 List clues',
    description:
      '按状态、移交单位、关联问题、是否逾期筛选，最新在前。移交单位查看本单位移交的；县生态环境局、县环委办和总（副总）网格长查看全部。The handing unit reads its own; the bureau, 县环委办 and the county heads read all.',
  })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }', schema: CLUE_PAGE_SCHEMA })
  list(
    @Query() query: ListViolationCluesQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<ViolationClueView>> {
    return this.clues.list(query, actor);
  }

  @Get(':id')
  @ApiOperation({
    summary: '违法线索详情 One clue with its history',
    description: 'Same read scope as the list.',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({
    description: 'The clue, its events and its Temporal UI link.',
    schema: CLUE_DETAIL_SCHEMA,
  })
  @ApiNotFoundResponse({ description: '无此线索 No such clue' })
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<ClueDetail> {
    return this.clues.get(id, actor);
  }
}
