import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Page } from '../../domain/common/page';
import type { Actor } from '../../domain/organisation/roles';
import type { VillageRelayView } from '../../persistence/repositories/village-relay.repository';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  AcceptVillageRelayDto,
  AnswerVillageRelayDto,
  CreateVillageRelayDto,
  ListVillageRelaysQueryDto,
} from './dto/village-relay.dto';
import {
  ACCEPTED_RELAY_SCHEMA,
  VILLAGE_RELAY_PAGE_SCHEMA,
  VILLAGE_RELAY_SCHEMA,
} from './village-relays.schemas';
import { VillageRelaysService, type AcceptedRelay } from './village-relays.service';

/** 村级网格员反馈 (G8): village grid members relay to the township's grid, which accepts or answers. */
@ApiTags('village-relays')
@ApiBearerAuth()
@Controller('api/v1/village-relays')
export class VillageRelaysController {
  constructor(private readonly relays: VillageRelaysService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: '村级网格员反馈 Relay to the township',
    description:
      '村级网格员（支部书记）或分片包保的公益性岗位人员将情况第一时间反馈至乡镇网格员或副网格长；网格和乡镇取自其所在网格。' +
      ' A village grid member relays what they saw; the grid and the township come from their place in the roster, and the township’s members in that grid and its 副网格长 are notified.',
  })
  @ApiCreatedResponse({ description: 'The stored relay (Location names it).', schema: VILLAGE_RELAY_SCHEMA })
  async relay(
    @Body() dto: CreateVillageRelayDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<VillageRelayView> {
    const relay = await this.relays.relay(dto, actor);
    response.setHeader('Location', `/api/v1/village-relays/${relay.id}`);
    return relay;
  }

  @Get()
  @ApiOperation({
    summary: '反馈列表 List relays',
    description:
      '乡镇和反馈人所在单位可查看；县环委办和总（副总）网格长可查看全部。Own township’s or own unit’s; county-wide readers see all.',
  })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }', schema: VILLAGE_RELAY_PAGE_SCHEMA })
  list(
    @Query() query: ListVillageRelaysQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<VillageRelayView>> {
    return this.relays.list(query, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: '反馈详情 One relay' })
  @ApiParam({ name: 'id', example: 'relay-0b6c6f0e-8a51-4d6c-9d8e-1f0b1c2d3e4f' })
  @ApiOkResponse({ description: 'The relay.', schema: VILLAGE_RELAY_SCHEMA })
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<VillageRelayView> {
    return this.relays.get(id, actor);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({
    summary: '受理为问题 Accept as an issue',
    description:
      '乡镇网格员、直接负责人、网格长或副网格长受理：以本乡镇为发现单位启动问题流程，属地和网格取自反馈。' +
      ' The township starts the issue’s lifecycle as its finder, in the relay’s grid; the reporter is told.',
  })
  @ApiParam({ name: 'id', example: 'relay-0b6c6f0e-8a51-4d6c-9d8e-1f0b1c2d3e4f' })
  @ApiOkResponse({ description: 'The accepted relay and its issue.', schema: ACCEPTED_RELAY_SCHEMA })
  accept(
    @Param('id') id: string,
    @Body() dto: AcceptVillageRelayDto,
    @CurrentActor() actor: Actor,
  ): Promise<AcceptedRelay> {
    return this.relays.accept(id, dto, actor);
  }

  @Post(':id/answer')
  @HttpCode(200)
  @ApiOperation({
    summary: '答复 Answer',
    description:
      '不构成问题的反馈予以答复，反馈人收到通知。A relay that is no issue is answered; the reporter is told.',
  })
  @ApiParam({ name: 'id', example: 'relay-0b6c6f0e-8a51-4d6c-9d8e-1f0b1c2d3e4f' })
  @ApiOkResponse({ description: 'The answered relay.', schema: VILLAGE_RELAY_SCHEMA })
  answer(
    @Param('id') id: string,
    @Body() dto: AnswerVillageRelayDto,
    @CurrentActor() actor: Actor,
  ): Promise<VillageRelayView> {
    return this.relays.answer(id, dto, actor);
  }
}
