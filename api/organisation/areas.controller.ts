import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../domain/organisation/roles';
import { CurrentActor } from '../auth/current-actor.decorator';
import { requiredVersion, setEtag } from '../common/concurrency';
import { IF_MATCH_DOC } from '../common/openapi-headers';
import { AreaBodyDto } from './dto/area.dto';
import { AreasService, type AreaView } from './areas.service';
import { AREA_SCHEMA } from './organisation.schemas';

const AREA_DOC =
  'GeoJSON Polygon 或 MultiPolygon（WGS-84，[经度, 纬度]），也可为含其一的 Feature；环须闭合、不自相交，且在上级区域之内。' +
  ' A GeoJSON Polygon or MultiPolygon (WGS-84, [lng, lat]) or a Feature holding one; rings closed, not ' +
  'self-intersecting, inside the parent’s area (G7).';

/** 定区域 (G7): a grid's and a unit's area, with ETag and If-Match like the other organisation routes. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1')
export class AreasController {
  constructor(private readonly areas: AreasService) {}

  @Get('grids/:code/boundary')
  @ApiOperation({
    summary: '网格区域 A grid’s area',
    description: 'null 表示尚未划定。null when not drawn yet.',
  })
  @ApiParam({ name: 'code', example: 'DEMO-T-GUZHOU-V01' })
  @ApiOkResponse({ description: '{ code, boundary, version }; ETag for If-Match.', schema: AREA_SCHEMA })
  async gridArea(
    @Param('code') code: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AreaView> {
    const view = await this.areas.get('grid', code);
    setEtag(response, view.version);
    return view;
  }

  @Put('grids/:code/boundary')
  @ApiHeader(IF_MATCH_DOC)
  @ApiBody({ type: AreaBodyDto, description: AREA_DOC })
  @ApiOperation({
    summary: '划定网格区域 Set a grid’s area',
    description: `${AREA_DOC} 须带 If-Match（网格的 ETag）。县环委办或网格所属单位的网格长。Needs If-Match (the grid’s ETag); 县环委办 or the heads of the grid’s unit.`,
  })
  @ApiParam({ name: 'code', example: 'DEMO-T-GUZHOU-V01' })
  @ApiOkResponse({ description: 'The area with its new ETag.', schema: AREA_SCHEMA })
  async setGridArea(
    @Param('code') code: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: AreaBodyDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AreaView> {
    const view = await this.areas.set(actor, 'grid', code, requiredVersion(ifMatch), body);
    setEtag(response, view.version);
    return view;
  }

  @Get('units/:code/boundary')
  @ApiOperation({
    summary: '单位辖区 A unit’s area',
    description: 'null 表示尚未划定。null when not drawn yet.',
  })
  @ApiParam({ name: 'code', example: 'T-GUZHOU' })
  @ApiOkResponse({ description: '{ code, boundary, version }; ETag for If-Match.', schema: AREA_SCHEMA })
  async unitArea(
    @Param('code') code: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AreaView> {
    const view = await this.areas.get('unit', code);
    setEtag(response, view.version);
    return view;
  }

  @Put('units/:code/boundary')
  @ApiHeader(IF_MATCH_DOC)
  @ApiBody({ type: AreaBodyDto, description: AREA_DOC })
  @ApiOperation({
    summary: '划定单位辖区 Set a unit’s area',
    description: `${AREA_DOC} 其网格须都在辖区内。须带 If-Match（单位的 ETag）；仅县环委办。Its grids must lie inside; needs If-Match (the unit’s ETag); 县环委办 only.`,
  })
  @ApiParam({ name: 'code', example: 'T-GUZHOU' })
  @ApiOkResponse({ description: 'The area with its new ETag.', schema: AREA_SCHEMA })
  async setUnitArea(
    @Param('code') code: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: AreaBodyDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AreaView> {
    const view = await this.areas.set(actor, 'unit', code, requiredVersion(ifMatch), body);
    setEtag(response, view.version);
    return view;
  }
}
