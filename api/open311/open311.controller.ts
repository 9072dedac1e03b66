import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public, PublicWrite } from '../auth/public.decorator';
import {
  Open311CreateRequestDto,
  Open311ListQueryDto,
  type Open311Request,
  type Open311Service as Open311ServiceItem,
  type Open311ServiceDefinition,
} from './open311.dto';
import {
  OPEN311_CREATED_SCHEMA,
  OPEN311_DEFINITION_SCHEMA,
  OPEN311_REQUESTS_SCHEMA,
  OPEN311_SERVICES_SCHEMA,
} from './open311.schemas';
import { Open311ExceptionFilter } from './open311.filter';
import { Open311Service } from './open311.service';
import { EVIDENCE_MAX_BYTES } from '../evidence/evidence.controller';
import { ISSUE_CODE_PATTERN } from '../../domain/issue/issue-code';

/**
 * 群众举报 Open311 GeoReport v2 (JSON only), public and rate-limited. The county extension `township` is required
 * on POST; reporters' names, e-mails and phones are never stored in the issue nor returned.
 */
@ApiTags('open311')
@Public()
@UseFilters(Open311ExceptionFilter)
@Controller('open311/v2')
export class Open311Controller {
  constructor(private readonly open311: Open311Service) {}

  @Get('services.json')
  @ApiOperation({
    summary: '服务列表 GeoReport services',
    description:
      '职责清单中的问题类别；service_code 即类别代码。The responsibility catalog categories as services.',
  })
  @ApiOkResponse({ description: 'GeoReport v2 service list.', schema: OPEN311_SERVICES_SCHEMA })
  services(): Promise<Open311ServiceItem[]> {
    return this.open311.services();
  }

  @Get('services/:code.json')
  @ApiOperation({
    summary: '服务定义 GeoReport service definition',
    description:
      '本县各类别只需标准字段，attributes 为空。No service asks for more than the standard fields.',
  })
  @ApiParam({ name: 'code', example: 'domestic_waste', schema: { type: 'string' } })
  @ApiOkResponse({ description: 'GeoReport v2 service definition.', schema: OPEN311_DEFINITION_SCHEMA })
  definition(@Param('code') code: string): Promise<Open311ServiceDefinition> {
    return this.open311.definition(code);
  }

  @Get('requests.json')
  @ApiOperation({
    summary: '群众举报列表 GeoReport service requests',
    description:
      '来源为群众举报的问题（公开字段，最新200条）。Issues whose source is public_report, public-safe fields only, newest 200.',
  })
  @ApiOkResponse({ description: 'GeoReport v2 service requests.', schema: OPEN311_REQUESTS_SCHEMA })
  list(@Query() query: Open311ListQueryDto): Promise<Open311Request[]> {
    return this.open311.list(query);
  }

  @Get('requests/:id.json')
  @ApiOperation({ summary: '单条举报 One GeoReport service request' })
  @ApiParam({
    name: 'id',
    example: '2026-000001',
    schema: { type: 'string', pattern: ISSUE_CODE_PATTERN.source },
  })
  @ApiOkResponse({
    description: 'A list of one service request (GeoReport v2).',
    schema: OPEN311_REQUESTS_SCHEMA,
  })
  one(@Param('id') id: string): Promise<Open311Request[]> {
    return this.open311.one(id);
  }

  @Post('requests.json')
  @HttpCode(201)
  @PublicWrite()
  @ApiOperation({
    summary: '提交群众举报 Create a GeoReport service request',
    description:
      '表单或 JSON：service_code、lat、long、description，必填本县扩展参数 township（乡镇单位代码），否则 400。问题来源为群众举报，发现单位为县环委办（L1）。Form or JSON; lat/long and the county extension `township` are required (400 in GeoReport’s error format otherwise). Starts the issue lifecycle with source public_report, found by 县环委办 (L1). jurisdiction_id and api_key are ignored; name, e-mail and phone are accepted but not stored. As multipart/form-data it may carry one photo in `media` (JPEG, PNG or WebP; kept as the issue’s evidence).',
  })
  @ApiCreatedResponse({
    description: '[{ service_request_id, service_notice, account_id }]',
    schema: OPEN311_CREATED_SCHEMA,
  })
  @UseInterceptors(
    FileInterceptor('media', { limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 20 } }),
  )
  async create(
    @Body() dto: Open311CreateRequestDto,
    @UploadedFile() media?: { buffer: Buffer; originalname: string },
  ): Promise<Array<{ service_request_id: string; service_notice: string; account_id: null }>> {
    const created = await this.open311.create(dto, media);
    return [
      {
        service_request_id: created.code,
        service_notice:
          '已受理，转县环委办按网格化管理流程办理。Received; 县环委办 handles it under the grid system.',
        account_id: null,
      },
    ];
  }
}
