import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { DutyReportState } from '../../domain/duties/reports/reports';
import { DEFAULT_ORGANISATION, type Actor } from '../../domain/organisation/roles';
import { CurrentActor } from '../auth/current-actor.decorator';
import { IDEMPOTENCY_HEADER_DOC } from '../common/openapi-headers';
import { PDF_TYPE, XLSX_TYPE } from '../../documents/render';
import { asciiFileName, documentFile } from '../common/document-response';
import {
  ApproveReportDto,
  CreateBulletinDto,
  DocumentQueryDto,
  ReviseReportDto,
  type ReportDetail,
  type ReportPage,
} from '../reports/reports.dto';
import { ReportsService } from '../reports/reports.service';
import { ListBulletinsQueryDto } from './bulletins.dto';
import { fileContent } from '../common/response-schemas';
import {
  COMPILED_BULLETIN_SCHEMA,
  DUTY_REPORT_STATE_SCHEMA,
  REPORT_DETAIL_SCHEMA,
  REPORT_PAGE_SCHEMA,
} from '../reports/reports.schemas';

const PERIOD_PARAM = { name: 'period', example: '2027-W10', description: '通报周期 Week or month' };

/**
 * 情况通报 (P8): 县环委办 compiles a bulletin of a week or month from all units' reports and records, for the
 * county Party committee, government and eco-environment committee; its head approves (seals) it.
 */
@ApiTags('bulletins')
@ApiBearerAuth()
@Controller('api/v1/bulletins')
export class BulletinsController {
  constructor(private readonly reports: ReportsService) {}

  private key(period: string) {
    return this.reports.key('bulletin', DEFAULT_ORGANISATION.ecoOffice, period);
  }

  @Post()
  @HttpCode(201)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: '编制情况通报 Compile a bulletin (P8)',
    description:
      '县环委办按周或月汇总各单位报送情况（按时、逾期、未报）、巡查和问题统计、逾期和督办问题、重点事项，形成通报草稿，再由县环委办负责人审定。Starts the bulletin workflow (duty-report/bulletin/ECO/<period>) and answers with its draft; 409 if the period has one already, 403 for anyone outside 县环委办.',
  })
  @ApiCreatedResponse({
    description: '{ id, workflowId, state } with the draft',
    schema: COMPILED_BULLETIN_SCHEMA,
  })
  @ApiConflictResponse({ description: '该周期已有通报 The period has a bulletin already' })
  @ApiForbiddenResponse({ description: '仅县环委办 县环委办 only' })
  async compile(
    @Body() dto: CreateBulletinDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ id: string; workflowId: string; state: DutyReportState }> {
    const compiled = await this.reports.compileBulletin(dto.period, actor);
    response.setHeader('Location', `/api/v1/bulletins/${dto.period}`);
    return compiled;
  }

  @Get()
  @ApiOperation({
    summary: '通报列表 List bulletins',
    description:
      '县环委办和总（副总）网格长可见全部；其他单位可见已审定的通报。县环委办 and the county heads see all; other units see approved bulletins.',
  })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }', schema: REPORT_PAGE_SCHEMA })
  list(@Query() query: ListBulletinsQueryDto, @CurrentActor() actor: Actor): Promise<ReportPage> {
    return this.reports.list({ ...query, kind: 'bulletin', unit: DEFAULT_ORGANISATION.ecoOffice }, actor);
  }

  @Get(':period')
  @ApiOperation({ summary: '通报详情 One bulletin', description: 'Content, seal, events and live state.' })
  @ApiParam(PERIOD_PARAM)
  @ApiOkResponse({ description: 'The bulletin.', schema: REPORT_DETAIL_SCHEMA })
  detail(@Param('period') period: string, @CurrentActor() actor: Actor): Promise<ReportDetail> {
    return this.reports.detail(this.key(period), actor);
  }

  @Post(':period/revise')
  @HttpCode(200)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: '修改通报 Revise a bulletin',
    description:
      '县环委办人员修改文字部分（summary, notable, requirements），或 redraft 按当前记录重新汇总。A member of 县环委办 edits the narrative or redrafts; 409 once approved.',
  })
  @ApiParam(PERIOD_PARAM)
  @ApiBody({ type: ReviseReportDto })
  @ApiOkResponse({ description: 'The new live state', schema: DUTY_REPORT_STATE_SCHEMA })
  revise(
    @Param('period') period: string,
    @Body() dto: ReviseReportDto,
    @CurrentActor() actor: Actor,
  ): Promise<DutyReportState> {
    return this.reports.revise(this.key(period), dto, actor);
  }

  @Post(':period/approve')
  @HttpCode(200)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: '审定通报 Approve (seal) a bulletin',
    description: '县环委办负责人审定，加盖电子印章。A head of 县环委办 approves; 403 for anyone else.',
  })
  @ApiParam(PERIOD_PARAM)
  @ApiBody({ type: ApproveReportDto })
  @ApiOkResponse({ description: 'The new state, with the seal', schema: DUTY_REPORT_STATE_SCHEMA })
  approve(
    @Param('period') period: string,
    @Body() dto: ApproveReportDto,
    @CurrentActor() actor: Actor,
  ): Promise<DutyReportState> {
    return this.reports.approve(this.key(period), dto, actor);
  }

  @Get(':period/document')
  @ApiOperation({
    summary: '通报文档 The printable bulletin (PDF or XLSX)',
    description:
      '呈报县委、县政府、县生态环境保护委员会。Addressed to the county Party committee, government and eco-environment committee.',
  })
  @ApiParam(PERIOD_PARAM)
  @ApiProduces(PDF_TYPE, XLSX_TYPE)
  @ApiOkResponse({ description: 'The document file.', content: fileContent(PDF_TYPE, XLSX_TYPE) })
  async document(
    @Param('period') period: string,
    @Query() query: DocumentQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const key = this.key(period);
    const { doc, signedPdf } = await this.reports.document(key, actor);
    const name = `bulletin-${key.period}`;
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
