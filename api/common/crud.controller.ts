import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  Res,
  type Type,
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
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { Response } from 'express';
import type { Actor } from '../../domain/organisation/roles';
import { CurrentActor } from '../auth/current-actor.decorator';
import type { Page } from '../../domain/common/page';
import type { Row } from '../../persistence/repositories/organisation.repository';
import { requiredVersion, setEtag } from './concurrency';
import { IF_MATCH_DOC } from './openapi-headers';
import { pageOf } from './response-schemas';

/** What a resource's service does for the five routes. */
export interface CrudOperations {
  list(query: object): Promise<Page<Row>>;
  get(key: string): Promise<Row>;
  create(actor: Actor, dto: object): Promise<Row>;
  update(actor: Actor, key: string, version: number | null, dto: object): Promise<Row>;
  remove(actor: Actor, key: string, version: number | null): Promise<void>;
}

/** One editable resource of the organisation or the catalog, and how its routes are documented. */
export interface CrudResource<S> {
  /** Class name (OpenAPI operation ids, logs), e.g. `UnitsController`. */
  name: string;
  /** Below `api/v1/`, e.g. `units`. */
  path: string;
  /** The route parameter that names one row, and its field on the row. */
  key: 'code' | 'id';
  example: string;
  tag: string;
  /** `单位` and `unit`, for the summaries. */
  zh: string;
  en: string;
  /** Who may write, in a sentence (`县环委办 only.`). */
  writers: string;
  /** What deleting means, in both languages. */
  deleteNote: string;
  /** One row as the routes answer with it (the list's items, the read, create and update answers). */
  rowSchema: SchemaObject;
  listQuery: Type<object>;
  createDto: Type<object>;
  updateDto: Type<object>;
  service: Type<S>;
  operations(service: S): CrudOperations;
}

/**
 * The list / read / create / update / delete routes every editable resource has, with ETag and If-Match
 * (428 without it, 412 when the row changed since). The resources differ only in names, DTOs and documentation,
 * so they are declared as data; the global ValidationPipe and the OpenAPI document see each resource's own DTOs.
 */
export function crudController<S>(resource: CrudResource<S>): Type<object> {
  const { key, example, zh, en } = resource;

  @ApiTags(resource.tag)
  @ApiBearerAuth()
  @Controller(`api/v1/${resource.path}`)
  class CrudController {
    readonly operations: CrudOperations;

    constructor(@Inject(resource.service) service: S) {
      this.operations = resource.operations(service);
    }

    @Get()
    @ApiOperation({ summary: `${zh}列表 List ${en}s`, description: '分页 Paginated: page, pageSize ≤ 200.' })
    @ApiOkResponse({ description: '{ items, page, pageSize, total }', schema: pageOf(resource.rowSchema) })
    list(@Query() query: object): Promise<Page<Row>> {
      return this.operations.list(query);
    }

    @Get(`:${key}`)
    @ApiOperation({
      summary: `${zh}详情 One ${en}`,
      description: '响应头 ETag 用于修改时的 If-Match。The ETag is what PATCH and DELETE send as If-Match.',
    })
    @ApiParam({ name: key, example })
    @ApiOkResponse({ description: `The ${en}, with its version.`, schema: resource.rowSchema })
    async get(@Param(key) id: string, @Res({ passthrough: true }) response: Response): Promise<Row> {
      const row = await this.operations.get(id);
      setEtag(response, row.version);
      return row;
    }

    @Post()
    @HttpCode(201)
    @ApiOperation({ summary: `新增${zh} Create a ${en}`, description: resource.writers })
    @ApiCreatedResponse({
      description: `The new ${en}; Location and ETag headers.`,
      schema: resource.rowSchema,
    })
    async create(
      @Body() dto: object,
      @CurrentActor() actor: Actor,
      @Res({ passthrough: true }) response: Response,
    ): Promise<Row> {
      const row = await this.operations.create(actor, dto);
      response.setHeader('Location', `/api/v1/${resource.path}/${encodeURIComponent(String(row[key]))}`);
      setEtag(response, row.version);
      return row;
    }

    @Patch(`:${key}`)
    @ApiHeader(IF_MATCH_DOC)
    @ApiOperation({
      summary: `修改${zh} Update a ${en}`,
      description: `须带 If-Match（缺少 428，版本不符 412）。Needs If-Match: 428 without it, 412 when the ${en} changed since. ${resource.writers}`,
    })
    @ApiParam({ name: key, example })
    @ApiOkResponse({ description: `The updated ${en}, with its new ETag.`, schema: resource.rowSchema })
    async update(
      @Param(key) id: string,
      @Headers('if-match') ifMatch: string | undefined,
      @Body() dto: object,
      @CurrentActor() actor: Actor,
      @Res({ passthrough: true }) response: Response,
    ): Promise<Row> {
      const row = await this.operations.update(actor, id, requiredVersion(ifMatch), dto);
      setEtag(response, row.version);
      return row;
    }

    @Delete(`:${key}`)
    @HttpCode(204)
    @ApiHeader(IF_MATCH_DOC)
    @ApiOperation({
      summary: `删除${zh} Delete a ${en}`,
      description: `${resource.deleteNote} ${resource.writers}`,
    })
    @ApiParam({ name: key, example })
    @ApiNoContentResponse({ description: 'Done.' })
    async remove(
      @Param(key) id: string,
      @Headers('if-match') ifMatch: string | undefined,
      @CurrentActor() actor: Actor,
    ): Promise<void> {
      await this.operations.remove(actor, id, requiredVersion(ifMatch));
    }
  }

  // The parameter types TypeScript recorded are the generic `object`; the validation pipe and the OpenAPI
  // document read the resource's own query and body classes from here.
  const paramTypes: Record<string, unknown[]> = {
    list: [resource.listQuery],
    create: [resource.createDto, Object, Object],
    update: [String, String, resource.updateDto, Object, Object],
  };
  for (const [method, types] of Object.entries(paramTypes))
    Reflect.defineMetadata('design:paramtypes', types, CrudController.prototype, method);
  Object.defineProperty(CrudController, 'name', { value: resource.name });
  return CrudController;
}
