import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../domain/issue/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { requiredVersion, setEtag } from './concurrency';
import { CreateMemberDto, ListMembersQueryDto, UpdateMemberDto } from './dto/organisation.dto';
import { IF_MATCH_DOC } from './organisation.docs';
import type { Page, Row } from './organisation.repository';
import { OrganisationService } from './organisation.service';

/** 网格人员 Members: everyone authenticated reads; 县环委办, or the heads of the member’s unit. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/members')
export class MembersController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get()
  @ApiOperation({
    summary: '网格人员列表 List members',
    description: '分页 Paginated: page, pageSize ≤ 200.',
  })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }' })
  list(@Query() query: ListMembersQueryDto): Promise<Page<Row>> {
    return this.organisation.listMembers(query);
  }

  @Get(':id')
  @ApiOperation({
    summary: '网格人员详情 One member',
    description: '响应头 ETag 用于修改时的 If-Match。The ETag is what PATCH and DELETE send as If-Match.',
  })
  @ApiParam({ name: 'id', example: 'demo-t-guzhou-ranger' })
  @ApiOkResponse({ description: 'The member, with its version.' })
  async get(@Param('id') key: string, @Res({ passthrough: true }) response: Response): Promise<Row> {
    const row = await this.organisation.getMember(key);
    setEtag(response, row.version);
    return row;
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: '新增网格人员 Create a member',
    description: '县环委办, or the heads of the member’s unit.',
  })
  @ApiCreatedResponse({ description: 'The new member; Location and ETag headers.' })
  async create(
    @Body() dto: CreateMemberDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Row> {
    const row = await this.organisation.createMember(actor, dto);
    response.setHeader('Location', `/api/v1/members/${encodeURIComponent(String(row.id))}`);
    setEtag(response, row.version);
    return row;
  }

  @Patch(':id')
  @ApiHeader(IF_MATCH_DOC)
  @ApiOperation({
    summary: '修改网格人员 Update a member',
    description:
      '须带 If-Match（缺少 428，版本不符 412）。Needs If-Match: 428 without it, 412 when the member changed since. 县环委办, or the heads of the member’s unit.',
  })
  @ApiParam({ name: 'id', example: 'demo-t-guzhou-ranger' })
  @ApiOkResponse({ description: 'The updated member, with its new ETag.' })
  async update(
    @Param('id') key: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateMemberDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Row> {
    const row = await this.organisation.updateMember(actor, key, requiredVersion(ifMatch), dto);
    setEtag(response, row.version);
    return row;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiHeader(IF_MATCH_DOC)
  @ApiOperation({
    summary: '删除网格人员 Delete a member',
    description:
      '人员离岗（软删除：active=false，历史记录保留）。Soft delete: marks the member inactive; history keeps their name. 县环委办, or the heads of the member’s unit.',
  })
  @ApiParam({ name: 'id', example: 'demo-t-guzhou-ranger' })
  @ApiNoContentResponse({ description: 'Done.' })
  async remove(
    @Param('id') key: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.organisation.deactivateMember(actor, key, requiredVersion(ifMatch));
  }
}
