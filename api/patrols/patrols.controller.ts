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
import { IDEMPOTENCY_HEADER_DOC } from '../common/openapi-headers';
import { CreatePatrolDto } from './dto/create-patrol.dto';
import { ListPatrolsQueryDto } from './dto/patrols-query.dto';
import type { PatrolView } from '../../persistence/repositories/patrol.repository';
import { PatrolsService, type RecordedPatrol } from './patrols.service';
import { type Page } from '../../domain/common/page';
import { PATROL_PAGE_SCHEMA, PATROL_SCHEMA, RECORDED_PATROL_SCHEMA } from './patrols.schemas';

/** 巡查记录 Patrol records (SPEC P1, P2): appended, never edited. */
@ApiTags('patrols')
@ApiBearerAuth()
@Controller('api/v1/patrols')
export class PatrolsController {
  constructor(private readonly patrols: PatrolsService) {}

  @Post()
  @KeyedWork()
  @HttpCode(201)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: '录入巡查记录 Record a patrol',
    description:
      '记录一次网格巡查：网格、带队人和参加人员、起止时间、“三三制”工作方法、重点监控点位和其他地点、GPS轨迹、巡查情况和发现的问题。新发现的问题即时上报，启动问题生命周期并记入台账；记录只追加、不修改。仅网格所属单位或县环委办可录入。Appends one patrol of one grid (P2). New problems in `newIssues` are reported through the issue service (L1, L2) and their codes stored on the patrol. Only members of the grid’s unit or 县环委办 may record it (403 otherwise); 422 names every broken rule.',
  })
  @ApiCreatedResponse({
    description: 'The stored patrol, whether a head led it (P2), and the issues it started.',
    schema: RECORDED_PATROL_SCHEMA,
  })
  @ApiForbiddenResponse({ description: '非本单位网格 The grid belongs to another unit' })
  @ApiUnprocessableEntityResponse({
    description: '数据不符合规则 Members, key points, times or issues break a rule',
  })
  async record(
    @Body() dto: CreatePatrolDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RecordedPatrol> {
    const patrol = await this.patrols.record(dto, actor, token);
    response.setHeader('Location', `/api/v1/patrols/${patrol.id}`);
    return patrol;
  }

  @Get()
  @ApiOperation({
    summary: '巡查记录列表 List patrols',
    description:
      '按单位、网格、周（2027-W02）、月（2027-03）筛选，最新在前。本单位可查看；县环委办和总（副总）网格长可查看全部。Own unit’s patrols; 县环委办 and the county heads see all (403 for another unit’s filter).',
  })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }', schema: PATROL_PAGE_SCHEMA })
  list(@Query() query: ListPatrolsQueryDto, @CurrentActor() actor: Actor): Promise<Page<PatrolView>> {
    return this.patrols.list(query, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: '巡查记录详情 One patrol', description: 'Same read scope as the list.' })
  @ApiParam({ name: 'id', example: 'patrol-0b6c6f0e-8a51-4d6c-9d8e-1f0b1c2d3e4f' })
  @ApiOkResponse({
    description: 'The patrol with the names of its grid, people and key points.',
    schema: PATROL_SCHEMA,
  })
  @ApiNotFoundResponse({ description: '无此记录 No such patrol' })
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<PatrolView> {
    return this.patrols.get(id, actor);
  }
}
