import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
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
import type { Actor } from '../../domain/organisation/roles';
import { CurrentActor } from '../auth/current-actor.decorator';
import { IdempotencyToken, KeyedWork } from '../common/idempotency.interceptor';
import type { ConsultationView } from '../../persistence/repositories/consultation.repository';
import { ConsultationsService, type RecordedConsultation } from './consultations.service';
import { ListConsultationsQueryDto } from './dto/consultations-query.dto';
import { CreateConsultationDto } from './dto/create-consultation.dto';
import { type Page } from '../../domain/common/page';
import { IDEMPOTENCY_HEADER_DOC } from '../common/openapi-headers';
import {
  CONSULTATION_PAGE_SCHEMA,
  CONSULTATION_SCHEMA,
  RECORDED_CONSULTATION_SCHEMA,
} from './consultations.schemas';

/** 会商 Consultations held by grid heads (SPEC P5, L12). */
@ApiTags('consultations')
@ApiBearerAuth()
@Controller('api/v1/consultations')
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Post()
  @KeyedWork()
  @HttpCode(201)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: '录入会商记录 Record a consultation',
    description:
      '网格长（总网格长、副总网格长、分网格长、副分网格长、网格长、副网格长）录入会商：时间、议题、参会人员（至少2人）、纪要、决定（事项、责任、时限）和涉及的问题。涉及的重大问题如正等待会商（L12），同时记入该问题，满足其会商时限；逐个问题返回是否记入。A grid head records a consultation (P5); the unit and the convener come from the token. Each linked issue that awaits its L12 consultation gets it through its own recordConsultation action; `issues` says per issue whether that happened.',
  })
  @ApiCreatedResponse({
    description: 'The stored consultation and, per linked issue, whether it was recorded there.',
    schema: RECORDED_CONSULTATION_SCHEMA,
  })
  @ApiForbiddenResponse({ description: '非网格长 Only a grid head records a consultation' })
  @ApiUnprocessableEntityResponse({ description: '数据不符合规则 Time, attendees or issues break a rule' })
  async record(
    @Body() dto: CreateConsultationDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RecordedConsultation> {
    const consultation = await this.consultations.record(dto, actor, token);
    response.setHeader('Location', `/api/v1/consultations/${consultation.id}`);
    return consultation;
  }

  @Get()
  @ApiOperation({
    summary: '会商记录列表 List consultations',
    description:
      '按单位、月份（2027-03）筛选，最新在前。本单位可查看；县环委办和总（副总）网格长可查看全部。Own unit’s consultations; 县环委办 and the county heads see all.',
  })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }', schema: CONSULTATION_PAGE_SCHEMA })
  list(
    @Query() query: ListConsultationsQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<ConsultationView>> {
    return this.consultations.list(query, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: '会商记录详情 One consultation', description: 'Same read scope as the list.' })
  @ApiParam({ name: 'id', example: 'consultation-0b6c6f0e-8a51-4d6c-9d8e-1f0b1c2d3e4f' })
  @ApiOkResponse({ description: 'The consultation.', schema: CONSULTATION_SCHEMA })
  @ApiNotFoundResponse({ description: '无此记录 No such consultation' })
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<ConsultationView> {
    return this.consultations.get(id, actor);
  }
}
