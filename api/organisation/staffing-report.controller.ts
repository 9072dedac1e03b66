import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { isCountyHead, isEcoOffice, type Actor } from '../../domain/organisation/roles';
import type { StaffingFinding } from '../../domain/organisation/staffing';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import { CurrentActor } from '../auth/current-actor.decorator';
import { StaffingReportQueryDto } from './dto/import.dto';
import { OrganisationErrors } from './organisation.errors';
import { staffingWorkbook, XLSX_TYPE } from './organisation-workbooks';
import { jsonOrFileContent } from '../common/response-schemas';
import { STAFFING_REPORT_SCHEMA } from './organisation.schemas';

export interface StaffingReportBody {
  generatedAt: string;
  total: number;
  findings: Array<StaffingFinding & { unitName: string | null }>;
}

/** G6 网格体系合规报告: every grid or unit that breaks G1–G4. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/organisation/staffing-report')
export class StaffingReportController {
  constructor(private readonly organisation: OrganisationRepository) {}

  @Get()
  @ApiProduces('application/json', XLSX_TYPE)
  @ApiOperation({
    summary: '网格体系合规报告 Structure-compliance report (G6)',
    description:
      '列出违反 G1–G4 的单位和网格（缺网格长、网格员少于3人、无科级干部、村级网格无驻村第一书记等）；县环委办和总（副总）网格长可查看；format=xlsx 导出表格。' +
      ' Every unit or grid breaking G1–G4; for 县环委办 and the county heads; `format=xlsx` for a spreadsheet.',
  })
  @ApiOkResponse({
    description: '{ generatedAt, total, findings: [{ rule, unitCode, unitName, gridCode, code, message }] }',
    content: jsonOrFileContent(STAFFING_REPORT_SCHEMA, XLSX_TYPE),
  })
  async report(
    @Query() query: StaffingReportQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StaffingReportBody | StreamableFile> {
    if (!isEcoOffice(actor) && !isCountyHead(actor))
      throw OrganisationErrors.forbidden(
        'The staffing report is for 县环委办 and the county heads (总/副总网格长).',
      );
    const findings = await this.organisation.staffingReport();
    const names = await this.organisation.unitNames();
    if (query.format === 'xlsx') {
      response.setHeader(
        'Content-Disposition',
        `attachment; filename="staffing-report.xlsx"; filename*=UTF-8''${encodeURIComponent('网格体系合规报告.xlsx')}`,
      );
      return new StreamableFile(await staffingWorkbook(findings, names), { type: XLSX_TYPE });
    }
    return {
      generatedAt: new Date().toISOString(),
      total: findings.length,
      findings: findings.map((finding) => ({ ...finding, unitName: names.get(finding.unitCode) ?? null })),
    };
  }
}
