import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/organisation/roles';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public } from '../auth/public.decorator';
import type { ConsoleSettings, CountyMap, CountyOverview } from './overview.dto';
import { OverviewService } from './overview.service';
import { CONSOLE_SETTINGS_SCHEMA, COUNTY_MAP_SCHEMA, COUNTY_OVERVIEW_SCHEMA } from './overview.schemas';

/** 全县总览 The county's figures and map for 县环委办 and the county heads (P9). */
@ApiTags('overview')
@ApiBearerAuth()
@Controller('api/v1/overview')
export class OverviewController {
  constructor(private readonly overviews: OverviewService) {}

  @Get()
  @ApiOperation({
    summary: '全县总览 County overview',
    description:
      '各状态问题数、按责任单位和乡镇的在办、逾期、督办和已销号数，以及近12周每周上报和销号数（北京时间）。仅县环委办和总（副总）网格长。Counts by state, by responsible unit and by township, and the last 12 weeks’ reported and closed issues; for 县环委办 and the county heads only.',
  })
  @ApiOkResponse({
    description: '{ generatedAt, byStatus, byUnit, byTownship, trend }',
    schema: COUNTY_OVERVIEW_SCHEMA,
  })
  @ApiForbiddenResponse({ description: '仅县环委办和总（副总）网格长 County-wide readers only' })
  overview(@CurrentActor() actor: Actor): Promise<CountyOverview> {
    return this.overviews.overview(actor);
  }

  @Get('map')
  @ApiOperation({
    summary: '作战图地图数据 The county map',
    description:
      '有坐标的在办问题（状态、逾期、督办级别）和有边界的网格（GeoJSON）。仅县环委办和总（副总）网格长。Open issues with a location and the grids with a boundary; county-wide readers only.',
  })
  @ApiOkResponse({ description: '{ issues, grids }', schema: COUNTY_MAP_SCHEMA })
  @ApiForbiddenResponse({ description: '仅县环委办和总（副总）网格长 County-wide readers only' })
  map(@CurrentActor() actor: Actor): Promise<CountyMap> {
    return this.overviews.map(actor);
  }
}

/** 控制台设置 What the console needs to know about this deployment before anyone signs in. */
@ApiTags('console')
@Public()
@Controller('api/v1/console')
export class ConsoleSettingsController {
  constructor(private readonly overviews: OverviewService) {}

  @Get('settings')
  @ApiOperation({
    summary: '控制台设置 Console settings',
    description:
      '地图瓦片服务（如天地图，含本县密钥）、归属说明、地图中心和缩放级别；未配置瓦片时地图只画网格边界和问题。No login. The map tile server (e.g. 天地图 with the county’s key), its attribution, the map’s centre and zoom; without tiles the maps draw the grids and issues on a plain background.',
  })
  @ApiOkResponse({
    description: '{ map: { tileUrl, attribution, subdomains, center, zoom } }',
    schema: CONSOLE_SETTINGS_SCHEMA,
  })
  settings(): ConsoleSettings {
    return this.overviews.settings();
  }
}
