import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { DUTY_REPORT_KINDS, type DutyReportState } from '../../domain/duties/reports/reports';
import type { Actor } from '../../domain/organisation/roles';
import { CurrentActor } from '../auth/current-actor.decorator';
import { IDEMPOTENCY_HEADER_DOC } from '../common/openapi-headers';
import { UnitCodeParam } from '../common/unit-code.pipe';
import { PDF_TYPE, XLSX_TYPE } from '../../documents/render';
import { asciiFileName, documentFile } from '../common/document-response';
import {
  ApproveReportDto,
  DocumentQueryDto,
  ListReportsQueryDto,
  MissingReportsQueryDto,
  ReviseReportDto,
  type MissingReports,
  type ReportDetail,
  type ReportPage,
} from './reports.dto';
import { ReportsService } from './reports.service';
import { fileContent } from '../common/response-schemas';
import {
  DUTY_REPORT_STATE_SCHEMA,
  MISSING_REPORTS_SCHEMA,
  REPORT_DETAIL_SCHEMA,
  REPORT_PAGE_SCHEMA,
} from './reports.schemas';

const KIND_PARAM = { name: 'kind', enum: DUTY_REPORT_KINDS, example: 'weekly' };
const UNIT_PARAM = { name: 'unit', example: 'ULE', description: '报送单位 Reporting unit' };
const PERIOD_PARAM = { name: 'period', example: '2027-W10', description: '周期 2027-W10 / 2027-03 / 2027' };

/**
 * 报告 The units' reports (P3 weekly briefing and ledger, P4 monthly materials, P6 annual self-assessment):
 * drafted by the report workflows, revised by the unit, approved (digitally sealed) and submitted by its head.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @ApiOperation({
    summary: '报告列表 List reports',
    description:
      '按类型、单位、周期、状态、是否逾期筛选。本单位可见本单位报告；县环委办和总（副总）网格长可见全部。Filters combine with AND; a unit sees its own reports, 县环委办 and the county heads see all.',
  })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }', schema: REPORT_PAGE_SCHEMA })
  list(@Query() query: ListReportsQueryDto, @CurrentActor() actor: Actor): Promise<ReportPage> {
    return this.reports.list(query, actor);
  }

  @Get('missing')
  @ApiOperation({
    summary: '未报和逾期报送 Missing and late reports of a period (P3)',
    description:
      '县环委办用：某类报告某周期哪些单位未报送、哪些逾期报送，以及报送时限。For 县环委办 and the county heads: which units have not submitted, which submitted late, and the deadline.',
  })
  @ApiOkResponse({
    description: '{ kind, period, dueAt, expected, onTime, late, missing }',
    schema: MISSING_REPORTS_SCHEMA,
  })
  @ApiForbiddenResponse({
    description: '仅县环委办和总（副总）网格长 For 县环委办 and the county heads only',
  })
  missing(@Query() query: MissingReportsQueryDto, @CurrentActor() actor: Actor): Promise<MissingReports> {
    return this.reports.missing(query.kind, query.period, actor);
  }

  @Get(':kind/:unit/:period')
  @ApiOperation({
    summary: '报告详情 One report',
    description:
      '存储的内容、审定印章（审定人、时间、SHA-256）、全部事件，以及工作流的实时状态。The stored content, the seal, the events and the live workflow state.',
  })
  @ApiParam(KIND_PARAM)
  @ApiParam(UNIT_PARAM)
  @ApiParam(PERIOD_PARAM)
  @ApiOkResponse({
    description: 'The report with its seal, history and live state.',
    schema: REPORT_DETAIL_SCHEMA,
  })
  @ApiNotFoundResponse({ description: '报告不存在 No such report' })
  detail(
    @Param('kind') kind: string,
    @Param('unit', UnitCodeParam) unit: string,
    @Param('period') period: string,
    @CurrentActor() actor: Actor,
  ): Promise<ReportDetail> {
    return this.reports.detail(this.reports.key(kind, unit, period), actor);
  }

  @Post(':kind/:unit/:period/revise')
  @HttpCode(200)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: '修改报告 Revise a report',
    description:
      '本单位人员修改文字部分，或按当前记录重新生成数据部分；版本号加一；审定后不可修改。Runs the Update `reviseReport`: a member of the unit; 409 once approved, 403 for anyone else, 422 for an unknown part.',
  })
  @ApiParam(KIND_PARAM)
  @ApiParam(UNIT_PARAM)
  @ApiParam(PERIOD_PARAM)
  @ApiBody({ type: ReviseReportDto })
  @ApiOkResponse({ description: '新状态 The new live state', schema: DUTY_REPORT_STATE_SCHEMA })
  @ApiConflictResponse({ description: '已审定报送 Already approved and submitted' })
  @ApiForbiddenResponse({ description: '非本单位人员 Not a member of the unit' })
  @ApiUnprocessableEntityResponse({ description: '内容不符合规则 The narrative breaks a rule' })
  revise(
    @Param('kind') kind: string,
    @Param('unit', UnitCodeParam) unit: string,
    @Param('period') period: string,
    @Body() dto: ReviseReportDto,
    @CurrentActor() actor: Actor,
  ): Promise<DutyReportState> {
    return this.reports.revise(this.reports.key(kind, unit, period), dto, actor);
  }

  @Post(':kind/:unit/:period/approve')
  @HttpCode(200)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: '审定报送 Approve (seal) and submit a report',
    description:
      '单位分网格长/副分网格长（网格长/副网格长）审定即加盖电子印章并报送县环委办；“双调度”由县环委办负责人审定；全县年度自评报告由总网格长/副总网格长（县人民政府）审定。逾期审定照常接受并记为逾期。Runs the Update `approveReport`: the seal is sha256 over the report id, revision, content hash, approver and the approval time; 409 once approved, 403 for anyone but the approver the kind names, 422 when a required part (P6) is empty.',
  })
  @ApiParam(KIND_PARAM)
  @ApiParam(UNIT_PARAM)
  @ApiParam(PERIOD_PARAM)
  @ApiBody({ type: ApproveReportDto })
  @ApiOkResponse({
    description: '新状态（已报送，含印章） The new state, submitted, with the seal',
    schema: DUTY_REPORT_STATE_SCHEMA,
  })
  @ApiConflictResponse({ description: '已审定报送 Already approved and submitted' })
  @ApiForbiddenResponse({ description: '无审定权 The actor may not approve this report' })
  @ApiUnprocessableEntityResponse({ description: '必填部分未填写 A required part is empty' })
  approve(
    @Param('kind') kind: string,
    @Param('unit', UnitCodeParam) unit: string,
    @Param('period') period: string,
    @Body() dto: ApproveReportDto,
    @CurrentActor() actor: Actor,
  ): Promise<DutyReportState> {
    return this.reports.approve(this.reports.key(kind, unit, period), dto, actor);
  }

  @Get(':kind/:unit/:period/document')
  @ApiOperation({
    summary: '报告文档 The printable report (PDF or XLSX)',
    description:
      '打印归档用：标题、报送单位和对象、数据表格、文字部分和审定印章。Title, sender and recipient, the drafted tables, the narrative and the seal block.',
  })
  @ApiParam(KIND_PARAM)
  @ApiParam(UNIT_PARAM)
  @ApiParam(PERIOD_PARAM)
  @ApiProduces(PDF_TYPE, XLSX_TYPE)
  @ApiOkResponse({ description: 'The document file.', content: fileContent(PDF_TYPE, XLSX_TYPE) })
  async document(
    @Param('kind') kind: string,
    @Param('unit', UnitCodeParam) unit: string,
    @Param('period') period: string,
    @Query() query: DocumentQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const key = this.reports.key(kind, unit, period);
    const { doc, signedPdf } = await this.reports.document(key, actor);
    const name = `report-${key.kind}-${key.unit}-${key.period}`;
    return documentFile(
      response,
      doc,
      query.format,
      {
        ascii: asciiFileName(name),
        chinese: `${doc.title}-${name}`,
      },
      {},
      signedPdf,
    );
  }
}
