import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../domain/organisation/roles';
import { CurrentActor } from '../auth/current-actor.decorator';
import { printedDate } from '../../documents/layout';
import { PDF_TYPE, renderPdf, XLSX_TYPE } from '../../documents/render';
import { ledgerCsv, ledgerDocument, ledgerTitle, ledgerXlsx } from './ledger-export';
import { LedgerExportQueryDto, LedgerPageQueryDto, type Ledger } from './ledgers.dto';
import { LedgersService } from './ledgers.service';
import { UnitCodeParam } from '../common/unit-code.pipe';
import { fileContent } from '../common/response-schemas';
import { LEDGER_SCHEMA } from './ledgers.schemas';

/** 问题台账 Ledgers of units (L2, L6): read as JSON or export for printing. */
@ApiTags('ledgers')
@ApiBearerAuth()
@Controller('api/v1/ledgers')
export class LedgersController {
  constructor(private readonly ledgers: LedgersService) {}

  @Get(':unitCode')
  @ApiOperation({
    summary: '单位问题台账 A unit’s ledger',
    description:
      '单位作为发现单位、行业主管部门或属地乡镇所记的问题，含台账角色、记账与销号时间、状态、时限、逾期和督办级别。本单位可查看，县环委办和总（副总）网格长可查看任一单位。The unit’s issues as finder, sector owner or territorial owner (L2, L6); readable by the unit itself, 县环委办 and the county heads (403 otherwise).',
  })
  @ApiParam({ name: 'unitCode', example: 'ULE' })
  @ApiOkResponse({
    description: '{ unitCode, unitName, items, page, pageSize, total }',
    schema: LEDGER_SCHEMA,
  })
  ledger(
    @Param('unitCode', UnitCodeParam) unitCode: string,
    @Query() query: LedgerPageQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Ledger> {
    const { page, pageSize, ...filter } = query;
    return this.ledgers.ledger(unitCode, actor, page, pageSize, filter);
  }

  @Get(':unitCode/export')
  @ApiOperation({
    summary: '导出台账 Export a unit’s ledger (XLSX, CSV or PDF)',
    description:
      '按县级打印格式导出：标题行“<单位名称>生态环境问题台账”、导出日期、中文表头（序号…销号时间）。CSV 为带 BOM 的 UTF-8，Excel 可直接打开；PDF 为 A4 横向、表头每页重复、页码“第 n 页 / 共 m 页”。Printable layout with Chinese headers; CSV is UTF-8 with a BOM; PDF is A4 landscape with the header row on every page. Same scope as the JSON ledger.',
  })
  @ApiParam({ name: 'unitCode', example: 'ULE' })
  @ApiProduces(XLSX_TYPE, 'text/csv', PDF_TYPE)
  @ApiOkResponse({ description: 'The ledger file.', content: fileContent(XLSX_TYPE, 'text/csv', PDF_TYPE) })
  async export(
    @Param('unitCode', UnitCodeParam) unitCode: string,
    @Query() query: LedgerExportQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { format, ...filter } = query;
    const { unitName, lines } = await this.ledgers.all(unitCode, actor, filter);
    const now = new Date();
    const name = `${ledgerTitle(unitName)}-${printedDate(now)}.${format}`;
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="ledger-${unitCode}-${printedDate(now)}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    if (format === 'csv') {
      return new StreamableFile(ledgerCsv(unitName, now, lines), { type: 'text/csv; charset=utf-8' });
    }
    if (format === 'pdf') {
      const pdf = await renderPdf(ledgerDocument(unitName, now, lines), { createdAt: now });
      return new StreamableFile(pdf, { type: PDF_TYPE });
    }
    return new StreamableFile(await ledgerXlsx(unitName, now, lines), { type: XLSX_TYPE });
  }
}
