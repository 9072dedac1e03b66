import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { crudController } from '../common/crud.controller';
import { RegisterPageQueryDto } from '../common/pagination';
import { CreateCategoryDto, SuggestOwnerQueryDto, UpdateCategoryDto } from './catalog.dto';
import { CATEGORY_SCHEMA, PATROL_ROUTES_SCHEMA, SUGGESTED_OWNER_SCHEMA } from './catalog.schemas';
import { CatalogService, type SuggestedOwner } from './catalog.service';
import type { ChiefPatrolRouteRow } from '../../persistence/repositories/catalog.repository';

/** 职责清单 (SPEC §2): everyone authenticated reads; 县环委办 edits. */
export const CatalogController = crudController({
  name: 'CatalogController',
  path: 'responsibility-categories',
  key: 'code',
  example: 'domestic_waste',
  tag: 'responsibility catalog',
  zh: '职责类别',
  en: 'category',
  writers: '仅县环委办；主管单位须已存在。县环委办 only; the owner must be a unit.',
  deleteNote: '删除职责类别。Deletes a category.',
  rowSchema: CATEGORY_SCHEMA,
  listQuery: RegisterPageQueryDto,
  createDto: CreateCategoryDto,
  updateDto: UpdateCategoryDto,
  service: CatalogService,
  operations: (catalog) => ({
    list: (query) => catalog.list(query as RegisterPageQueryDto),
    get: (code) => catalog.get(code),
    create: (actor, dto) => catalog.create(actor, dto as CreateCategoryDto),
    update: (actor, code, version, dto) => catalog.update(actor, code, version, dto),
    remove: (actor, code, version) => catalog.remove(actor, code, version),
  }),
});

/**
 * The catalog's suggestion for a new or transferred issue. Registered before `CatalogController` in the module,
 * so `suggest-owner` is not taken for a category code.
 */
@ApiTags('responsibility catalog')
@ApiBearerAuth()
@Controller('api/v1/responsibility-categories')
export class CatalogSuggestionController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('suggest-owner')
  @ApiOperation({
    summary: '建议主管单位 Suggested owner of a category',
    description:
      '新问题和移交时按职责清单建议的主管单位。The unit new and transferred issues of this category go to.',
  })
  @ApiOkResponse({
    description: '{ category, categoryName, ownerUnitCode, ownerUnitName }',
    schema: SUGGESTED_OWNER_SCHEMA,
  })
  suggestOwner(@Query() query: SuggestOwnerQueryDto): Promise<SuggestedOwner> {
    return this.catalog.suggestOwner(query.category);
  }

  @Get('patrol-routes')
  @ApiOperation({
    summary: '河长制、林长制巡查问题的分办单位 Routing of river- and forest-chief findings',
    description:
      '来源为河长制巡查（river_chief_patrol）的问题由县水务局分办（确定责任单位）并督办（收到逾期督办通知）；来源为林长制巡查（forest_chief_patrol）的问题通知县林业局协调配合。Where river-chief findings go for dispatch and supervision, and forest-chief findings for cooperation (L22).',
  })
  @ApiOkResponse({
    description: '[{ source, unit_code, unit_name, duty, description }]',
    schema: PATROL_ROUTES_SCHEMA,
  })
  patrolRoutes(): Promise<ChiefPatrolRouteRow[]> {
    return this.catalog.patrolRoutes();
  }
}
