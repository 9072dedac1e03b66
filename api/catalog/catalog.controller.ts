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
import { requiredVersion, setEtag } from '../organisation/concurrency';
import { PageQueryDto } from '../organisation/dto/organisation.dto';
import { IF_MATCH_DOC } from '../organisation/organisation.docs';
import type { Page, Row } from '../organisation/organisation.repository';
import { CreateCategoryDto, SuggestOwnerQueryDto, UpdateCategoryDto } from './catalog.dto';
import { CatalogService, type SuggestedOwner } from './catalog.service';

/** 职责清单 (SPEC §2): everyone authenticated reads; 县环委办 edits. */
@ApiTags('responsibility catalog')
@ApiBearerAuth()
@Controller('api/v1/responsibility-categories')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @ApiOperation({
    summary: '职责清单 List the catalog',
    description: '分页 Paginated: page, pageSize ≤ 200.',
  })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }' })
  list(@Query() query: PageQueryDto): Promise<Page<Row>> {
    return this.catalog.list(query);
  }

  @Get('suggest-owner')
  @ApiOperation({
    summary: '建议主管单位 Suggested owner of a category',
    description:
      '新问题和移交时按职责清单建议的主管单位。The unit new and transferred issues of this category go to.',
  })
  @ApiOkResponse({ description: '{ category, categoryName, ownerUnitCode, ownerUnitName }' })
  suggestOwner(@Query() query: SuggestOwnerQueryDto): Promise<SuggestedOwner> {
    return this.catalog.suggestOwner(query.category);
  }

  @Get(':code')
  @ApiOperation({
    summary: '职责类别 One category',
    description: 'ETag 用于 If-Match。The ETag is for If-Match.',
  })
  @ApiParam({ name: 'code', example: 'domestic_waste' })
  async get(@Param('code') code: string, @Res({ passthrough: true }) response: Response): Promise<Row> {
    const row = await this.catalog.get(code);
    setEtag(response, row.version);
    return row;
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: '新增职责类别 Add a category',
    description: '仅县环委办；主管单位须已存在。县环委办 only; the owner must be a unit.',
  })
  @ApiCreatedResponse({ description: 'The new category; Location and ETag headers.' })
  async create(
    @Body() dto: CreateCategoryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Row> {
    const row = await this.catalog.create(actor, dto);
    response.setHeader('Location', `/api/v1/responsibility-categories/${String(row.code)}`);
    setEtag(response, row.version);
    return row;
  }

  @Patch(':code')
  @ApiHeader(IF_MATCH_DOC)
  @ApiOperation({
    summary: '修改职责类别 Update a category',
    description: '仅县环委办；须带 If-Match。县环委办 only; needs If-Match (428, 412).',
  })
  @ApiParam({ name: 'code', example: 'domestic_waste' })
  async update(
    @Param('code') code: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateCategoryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Row> {
    const row = await this.catalog.update(actor, code, requiredVersion(ifMatch), dto);
    setEtag(response, row.version);
    return row;
  }

  @Delete(':code')
  @HttpCode(204)
  @ApiHeader(IF_MATCH_DOC)
  @ApiOperation({
    summary: '删除职责类别 Delete a category',
    description: '仅县环委办；须带 If-Match。县环委办 only; needs If-Match.',
  })
  @ApiParam({ name: 'code', example: 'domestic_waste' })
  @ApiNoContentResponse({ description: 'Done.' })
  async remove(
    @Param('code') code: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.catalog.remove(actor, code, requiredVersion(ifMatch));
  }
}
