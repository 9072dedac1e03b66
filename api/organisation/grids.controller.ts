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
import { CreateGridDto, ListGridsQueryDto, UpdateGridDto } from './dto/organisation.dto';
import { IF_MATCH_DOC } from './organisation.docs';
import type { Page, Row } from './organisation.repository';
import { OrganisationService } from './organisation.service';

/** 网格 Grids: everyone authenticated reads; 县环委办, or the heads of the grid’s unit. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/grids')
export class GridsController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get()
  @ApiOperation({ summary: '网格列表 List grids', description: '分页 Paginated: page, pageSize ≤ 200.' })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }' })
  list(@Query() query: ListGridsQueryDto): Promise<Page<Row>> {
    return this.organisation.listGrids(query);
  }

  @Get(':code')
  @ApiOperation({
    summary: '网格详情 One grid',
    description: '响应头 ETag 用于修改时的 If-Match。The ETag is what PATCH and DELETE send as If-Match.',
  })
  @ApiParam({ name: 'code', example: 'DEMO-WRB-01' })
  @ApiOkResponse({ description: 'The grid, with its version.' })
  async get(@Param('code') key: string, @Res({ passthrough: true }) response: Response): Promise<Row> {
    const row = await this.organisation.getGrid(key);
    setEtag(response, row.version);
    return row;
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: '新增网格 Create a grid',
    description: '县环委办, or the heads of the grid’s unit.',
  })
  @ApiCreatedResponse({ description: 'The new grid; Location and ETag headers.' })
  async create(
    @Body() dto: CreateGridDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Row> {
    const row = await this.organisation.createGrid(actor, dto);
    response.setHeader('Location', `/api/v1/grids/${encodeURIComponent(String(row.code))}`);
    setEtag(response, row.version);
    return row;
  }

  @Patch(':code')
  @ApiHeader(IF_MATCH_DOC)
  @ApiOperation({
    summary: '修改网格 Update a grid',
    description:
      '须带 If-Match（缺少 428，版本不符 412）。Needs If-Match: 428 without it, 412 when the grid changed since. 县环委办, or the heads of the grid’s unit.',
  })
  @ApiParam({ name: 'code', example: 'DEMO-WRB-01' })
  @ApiOkResponse({ description: 'The updated grid, with its new ETag.' })
  async update(
    @Param('code') key: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateGridDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Row> {
    const row = await this.organisation.updateGrid(actor, key, requiredVersion(ifMatch), dto);
    setEtag(response, row.version);
    return row;
  }

  @Delete(':code')
  @HttpCode(204)
  @ApiHeader(IF_MATCH_DOC)
  @ApiOperation({
    summary: '删除网格 Delete a grid',
    description:
      '删除网格（仍有分片、人员或点位时 409）。Deletes a grid; 409 while sub-areas, members or key points still reference it. 县环委办, or the heads of the grid’s unit.',
  })
  @ApiParam({ name: 'code', example: 'DEMO-WRB-01' })
  @ApiNoContentResponse({ description: 'Done.' })
  async remove(
    @Param('code') key: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.organisation.deleteGrid(actor, key, requiredVersion(ifMatch));
  }
}
