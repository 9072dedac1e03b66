import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { BattleMap } from '../../domain/duties/battle-map/battle-map';
import type { Actor } from '../../domain/organisation/roles';
import { CurrentActor } from '../auth/current-actor.decorator';
import { DocumentFormatQueryDto, documentFile } from '../common/document-response';
import { PDF_TYPE, XLSX_TYPE } from '../../documents/render';
import { jsonOrFileContent } from '../common/response-schemas';
import { UnitCodeParam } from '../common/unit-code.pipe';
import { battleMapDocument } from './battle-map.document';
import { BATTLE_MAP_SCHEMA } from './battle-map.schemas';
import { BattleMapService } from './battle-map.service';

/** 网格监管作战图 (P9): a unit's organisation, duties, grid division and rectification timetable. */
@ApiTags('battle-map')
@ApiBearerAuth()
@Controller('api/v1/units')
export class BattleMapController {
  constructor(private readonly battleMaps: BattleMapService) {}

  @Get(':code/battle-map')
  @ApiOperation({
    summary: '网格监管作战图 A unit’s battle map (P9)',
    description:
      '单位的组织体系（网格长、副网格长、联络人员、各网格人员及岗位）、工作职责（职责清单类别和常态化工作要求）、网格划分（网格、分片、所在村、重点点位坐标、直接负责人和网格员）和在办问题整改时间表（五定责任人、整改时限、进度节点、逾期和督办级别，按时限排序）。' +
      '本单位（含所属村）人员、县环委办和总（副总）网格长可查看；format=pdf|xlsx 导出可打印文件。' +
      ' Readable by the unit’s members (and its villages’), 县环委办 and the county heads; 403 otherwise.',
  })
  @ApiParam({ name: 'code', example: 'T-GUZHOU' })
  @ApiProduces('application/json', PDF_TYPE, XLSX_TYPE)
  @ApiOkResponse({
    description: '{ unit, generatedAt, organisation, duties, grids, timetable }',
    content: jsonOrFileContent(BATTLE_MAP_SCHEMA, PDF_TYPE, XLSX_TYPE),
  })
  async battleMap(
    @Param('code', UnitCodeParam) code: string,
    @Query() query: DocumentFormatQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BattleMap | StreamableFile> {
    const map = await this.battleMaps.battleMap(code, actor);
    if (query.format === 'json') return map;
    return documentFile(
      response,
      battleMapDocument(map),
      query.format,
      { ascii: `battle-map-${code}`, chinese: `${map.unit.name}网格监管作战图` },
      { createdAt: new Date(map.generatedAt) },
    );
  }
}
