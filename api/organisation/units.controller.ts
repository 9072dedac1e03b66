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
import { CreateUnitDto, PageQueryDto, UpdateUnitDto } from './dto/organisation.dto';
import { IF_MATCH_DOC } from './organisation.docs';
import type { Page, Row } from './organisation.repository';
import { OrganisationService } from './organisation.service';

/** 单位 Units: everyone authenticated reads; 县环委办 only. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/units')
export class UnitsController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get()
  @ApiOperation({ summary: '单位列表 List units', description: '分页 Paginated: page, pageSize ≤ 200.' })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }' })
  list(@Query() query: PageQueryDto): Promise<Page<Row>> {
    return this.organisation.listUnits(query);
  }

  @Get(':code')
  @ApiOperation({
    summary: '单位详情 One unit',
    description: '响应头 ETag 用于修改时的 If-Match。The ETag is what PATCH and DELETE send as If-Match.',
  })
  @ApiParam({ name: 'code', example: 'ULE' })
  @ApiOkResponse({ description: 'The unit, with its version.' })
  async get(@Param('code') key: string, @Res({ passthrough: true }) response: Response): Promise<Row> {
    const row = await this.organisation.getUnit(key);
    setEtag(response, row.version);
    return row;
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '新增单位 Create a unit', description: '县环委办 only.' })
  @ApiCreatedResponse({ description: 'The new unit; Location and ETag headers.' })
  async create(
    @Body() dto: CreateUnitDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Row> {
    const row = await this.organisation.createUnit(actor, dto);
    response.setHeader('Location', `/api/v1/units/${encodeURIComponent(String(row.code))}`);
    setEtag(response, row.version);
    return row;
  }

  @Patch(':code')
  @ApiHeader(IF_MATCH_DOC)
  @ApiOperation({
    summary: '修改单位 Update a unit',
    description:
      '须带 If-Match（缺少 428，版本不符 412）。Needs If-Match: 428 without it, 412 when the unit changed since. 县环委办 only.',
  })
  @ApiParam({ name: 'code', example: 'ULE' })
  @ApiOkResponse({ description: 'The updated unit, with its new ETag.' })
  async update(
    @Param('code') key: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateUnitDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Row> {
    const row = await this.organisation.updateUnit(actor, key, requiredVersion(ifMatch), dto);
    setEtag(response, row.version);
    return row;
  }

  @Delete(':code')
  @HttpCode(204)
  @ApiHeader(IF_MATCH_DOC)
  @ApiOperation({
    summary: '删除单位 Delete a unit',
    description:
      '删除单位（仍有下级单位、网格、人员或职责类别时 409）。Deletes a unit; 409 while units, grids, members or catalog categories still reference it. 县环委办 only. 县环委办 only.',
  })
  @ApiParam({ name: 'code', example: 'ULE' })
  @ApiNoContentResponse({ description: 'Done.' })
  async remove(
    @Param('code') key: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.organisation.deleteUnit(actor, key, requiredVersion(ifMatch));
  }
}
