import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../domain/issue/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { requiredVersion, setEtag } from './concurrency';
import { CreateKeyPointDto, ListKeyPointsQueryDto, UpdateKeyPointDto } from './dto/organisation.dto';
import { IF_MATCH_DOC } from './organisation.docs';
import type { Page, Row } from './organisation.repository';
import { OrganisationService } from './organisation.service';

/** 重点监控点位 KeyPoints: everyone authenticated reads; 县环委办, or the heads of the unit of the key point’s grid. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/key-points')
export class KeyPointsController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get()
  @ApiOperation({
    summary: '重点监控点位列表 List key points',
    description: '分页 Paginated: page, pageSize ≤ 200.',
  })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }' })
  list(@Query() query: ListKeyPointsQueryDto): Promise<Page<Row>> {
    return this.organisation.listKeyPoints(query);
  }

  @Get(':id')
  @ApiOperation({
    summary: '重点监控点位详情 One key point',
    description: '响应头 ETag 用于修改时的 If-Match。The ETag is what PATCH and DELETE send as If-Match.',
  })
  @ApiParam({ name: 'id', example: 'demo-kp-wrb-01' })
  @ApiOkResponse({ description: 'The key point, with its version.' })
  async get(@Param('id') key: string, @Res({ passthrough: true }) response: Response): Promise<Row> {
    const row = await this.organisation.getKeyPoint(key);
    setEtag(response, row.version);
    return row;
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: '新增重点监控点位 Create a key point',
    description: '县环委办, or the heads of the unit of the key point’s grid.',
  })
  @ApiCreatedResponse({ description: 'The new key point; Location and ETag headers.' })
  async create(
    @Body() dto: CreateKeyPointDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Row> {
    const row = await this.organisation.createKeyPoint(actor, dto);
    response.setHeader('Location', `/api/v1/key-points/${encodeURIComponent(String(row.id))}`);
    setEtag(response, row.version);
    return row;
  }

  @Patch(':id')
  @ApiHeader(IF_MATCH_DOC)
  @ApiOperation({
    summary: '修改重点监控点位 Update a key point',
    description:
      '须带 If-Match（缺少 428，版本不符 412）。Needs If-Match: 428 without it, 412 when the key point changed since. 县环委办, or the heads of the unit of the key point’s grid.',
  })
  @ApiParam({ name: 'id', example: 'demo-kp-wrb-01' })
  @ApiOkResponse({ description: 'The updated key point, with its new ETag.' })
  async update(
    @Param('id') key: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateKeyPointDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Row> {
    const row = await this.organisation.updateKeyPoint(actor, key, requiredVersion(ifMatch), dto);
    setEtag(response, row.version);
    return row;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiHeader(IF_MATCH_DOC)
  @ApiOperation({
    summary: '删除重点监控点位 Delete a key point',
    description:
      '删除重点监控点位。Deletes a key point. 县环委办, or the heads of the unit of the key point’s grid.',
  })
  @ApiParam({ name: 'id', example: 'demo-kp-wrb-01' })
  @ApiNoContentResponse({ description: 'Done.' })
  async remove(
    @Param('id') key: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.organisation.deleteKeyPoint(actor, key, requiredVersion(ifMatch));
  }
}
