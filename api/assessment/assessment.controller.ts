import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ASSESSMENT_NOTE, type UnitAssessment } from '../../domain/duties/assessment/assessment';
import type { Actor } from '../../domain/organisation/roles';
import { CurrentActor } from '../auth/current-actor.decorator';
import { documentFile } from '../common/document-response';
import { PDF_TYPE, XLSX_TYPE } from '../../documents/render';
import { jsonOrFileContent } from '../common/response-schemas';
import { UnitCodeParam } from '../common/unit-code.pipe';
import { assessmentDocument, unitAssessmentDocument } from './assessment.document';
import { AssessmentQueryDto } from './assessment.dto';
import { ASSESSMENT_SCHEMA, UNIT_ASSESSMENT_SCHEMA } from './assessment.schemas';
import { AssessmentService } from './assessment.service';
import { YearParam } from './year.pipe';

export interface AssessmentBody {
  year: number;
  asOf: string;
  note: string;
  units: UnitAssessment[];
}

export type UnitAssessmentBody = UnitAssessment & { note: string };

const INDICATORS_DOC =
  '每项指标含原始计数 counts、0–100 分 score、计算公式 formula（中文）和依据 basis（问题编号、巡查、报送、合规发现的 id）；' +
  '（5）创新工作 computed=false，由考核组评定；不计算总分（权重以县考核办法为准）。format=pdf|xlsx 导出可打印文件。' +
  ' Each indicator has its raw counts, a 0–100 score with its formula, and the ids behind every count; no weighted total.';

/** 考核 Assessment indicators (P7), computed from the system's own records. */
@ApiTags('assessment')
@ApiBearerAuth()
@Controller('api/v1/assessment')
export class AssessmentController {
  constructor(private readonly assessment: AssessmentService) {}

  @Get(':year')
  @ApiOperation({
    summary: '全县考核指标 Assessment indicators of every unit (P7)',
    description: `县直部门、乡镇（街道）和园区的指标（1）—（4）；县环委办和总（副总）网格长可查看。${INDICATORS_DOC}`,
  })
  @ApiParam({ name: 'year', example: 2027, schema: { type: 'integer', minimum: 2000, maximum: 2100 } })
  @ApiProduces('application/json', PDF_TYPE, XLSX_TYPE)
  @ApiOkResponse({
    description: '{ year, asOf, note, units: [{ unitCode, unitName, unitKind, year, asOf, indicators }] }',
    content: jsonOrFileContent(ASSESSMENT_SCHEMA, PDF_TYPE, XLSX_TYPE),
  })
  async all(
    @Param('year', YearParam) year: number,
    @Query() query: AssessmentQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AssessmentBody | StreamableFile> {
    const { scope, units } = await this.assessment.all(year, query.asOf, actor);
    if (query.format !== 'json') {
      return documentFile(
        response,
        assessmentDocument(year, scope.asOf, units),
        query.format,
        { ascii: `assessment-${year}`, chinese: `${year}年度网格化管理工作考核指标` },
        { createdAt: scope.asOf },
      );
    }
    return { year, asOf: scope.asOf.toISOString(), note: ASSESSMENT_NOTE, units };
  }

  @Get(':year/units/:code')
  @ApiOperation({
    summary: '单位考核指标 One unit’s assessment indicators (P7)',
    description: `本单位、县环委办和总（副总）网格长可查看。${INDICATORS_DOC}`,
  })
  @ApiParam({ name: 'year', example: 2027, schema: { type: 'integer', minimum: 2000, maximum: 2100 } })
  @ApiParam({ name: 'code', example: 'ULE' })
  @ApiProduces('application/json', PDF_TYPE, XLSX_TYPE)
  @ApiOkResponse({
    description: '{ unitCode, unitName, unitKind, year, asOf, note, indicators }',
    content: jsonOrFileContent(UNIT_ASSESSMENT_SCHEMA, PDF_TYPE, XLSX_TYPE),
  })
  async unit(
    @Param('year', YearParam) year: number,
    @Param('code', UnitCodeParam) code: string,
    @Query() query: AssessmentQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UnitAssessmentBody | StreamableFile> {
    const { unit } = await this.assessment.unit(year, code, query.asOf, actor);
    if (query.format !== 'json') {
      return documentFile(
        response,
        unitAssessmentDocument(unit),
        query.format,
        { ascii: `assessment-${year}-${code}`, chinese: `${unit.unitName}${year}年度网格化管理工作考核指标` },
        { createdAt: new Date(unit.asOf) },
      );
    }
    return { ...unit, note: ASSESSMENT_NOTE };
  }
}
