import {
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../domain/organisation/roles';
import { CurrentActor } from '../auth/current-actor.decorator';
import { MultipartProblems } from '../common/multipart-problems';
import { ProblemException } from '../common/problem';
import { invalidField } from '../common/problem-factories';
import { ImportQueryDto } from './dto/import.dto';
import { assertEcoOffice } from '../common/access';
import { OrganisationImportService, type ImportCounts } from './organisation-import.service';
import { fileContent } from '../common/response-schemas';
import { IMPORT_ANSWER_SCHEMA } from './organisation.schemas';
import { importTemplate, XLSX_TYPE } from './organisation-workbooks';

/** A file as multer's memory storage hands it over (what `@types/multer` would declare). */
export interface UploadedMemoryFile {
  fieldname: string;
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export const MAX_IMPORT_FILE_BYTES = 5 * 1024 * 1024;
const ALLOWED_EXTENSIONS = /\.(xlsx|csv|geojson|json)$/i;
/** Two spreadsheets (grids, members) and the grids' areas as GeoJSON (G7). */
const MAX_FILES = 3;

export interface ImportAnswer {
  dryRun: boolean;
  grids: ImportCounts;
  members: ImportCounts;
  /** How many grids' and units' areas were set or changed (G7). */
  areas: { grids: number; units: number };
}

const fileProblem = (rule: string, message: string, zh: string) =>
  invalidField('files', rule, message, { zh });

/** 网格、网格员名单批量导入 (SPEC §1): 县环委办 uploads the county's spreadsheets. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/organisation/import')
export class OrganisationImportController {
  constructor(private readonly importer: OrganisationImportService) {}

  @Post()
  @HttpCode(200)
  @UseInterceptors(
    MultipartProblems('files', MAX_IMPORT_FILE_BYTES),
    FilesInterceptor('files', MAX_FILES, {
      limits: { fileSize: MAX_IMPORT_FILE_BYTES, files: MAX_FILES, fields: 5, parts: 8 },
    }),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['files'],
      properties: {
        files: {
          type: 'array',
          maxItems: MAX_FILES,
          items: { type: 'string', format: 'binary' },
          description:
            '一至两个 .xlsx / .csv 文件（网格表、网格员表），可再加一个 .geojson 文件（网格区域 FeatureCollection，' +
            '要素 properties.code 为网格编号，properties.unit 为单位代码），每个不超过 5 MB。' +
            ' One or two spreadsheets, plus optionally a GeoJSON FeatureCollection of areas keyed by grid code ' +
            '(properties.code) or unit code (properties.unit), 5 MB each (G7).',
        },
      },
    },
  })
  @ApiOperation({
    summary: '批量导入网格和网格员 Import grids and members',
    description:
      '仅县环委办。全部成功才写入；有错误时返回 422 并列出每一个错误行（表、行、列、说明），不写入任何数据。dryRun=true 只校验。' +
      ' 县环委办 only. All or nothing: 422 lists every bad row (sheet, row, field, message) and writes nothing; ' +
      '`dryRun=true` validates and counts without writing.',
  })
  @ApiOkResponse({
    description: 'How many grids and members were inserted and updated.',
    schema: IMPORT_ANSWER_SCHEMA,
  })
  async import(
    @UploadedFiles() files: UploadedMemoryFile[] | undefined,
    @Query() query: ImportQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ImportAnswer> {
    assertEcoOffice(actor, 'import the organisation');
    if (!files || files.length === 0)
      throw fileProblem(
        'required',
        'send one or two spreadsheets (and optionally a .geojson of areas) in the multipart field "files"',
        '请在 files 字段上传一至两个表格（可另附一个 .geojson 区域文件）',
      );
    for (const file of files) {
      if (!ALLOWED_EXTENSIONS.test(file.originalname))
        throw fileProblem(
          'file-type',
          `${file.originalname.slice(0, 100)} is not a .xlsx, .csv or .geojson file`,
          `${file.originalname.slice(0, 100)} 不是 .xlsx、.csv 或 .geojson 文件`,
        );
    }
    const outcome = await this.importer.importFiles(
      files.map((file) => ({ filename: file.originalname, buffer: file.buffer })),
      { dryRun: query.dryRun === true },
    );
    if (!outcome.ok) {
      throw new ProblemException(
        422,
        'import-rows-invalid',
        'The spreadsheet has bad rows',
        `${outcome.issues.length} row problem(s); nothing was imported.`,
        {
          rows: outcome.issues,
          errors: outcome.issues.map((issue) => ({
            field: `${issue.sheet}!${issue.row}:${issue.field}`,
            rule: 'import-row',
            message: `${issue.sheet} 第${issue.row}行 ${issue.field}：${issue.message}`,
          })),
        },
      );
    }
    return { dryRun: outcome.dryRun, grids: outcome.grids, members: outcome.members, areas: outcome.areas };
  }

  @Get('template.xlsx')
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: '导入模板 The template workbook', content: fileContent(XLSX_TYPE) })
  @ApiOperation({
    summary: '导入模板 Import template',
    description: '含中文表头的网格表和网格员表。A workbook with the two sheets and their Chinese headers.',
  })
  async template(@Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="organisation-template.xlsx"; filename*=UTF-8''${encodeURIComponent('网格及网格员导入模板.xlsx')}`,
    );
    return new StreamableFile(await importTemplate(), { type: XLSX_TYPE });
  }
}
