import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  OrganisationRepository,
  type PublicGrid,
} from '../../persistence/repositories/organisation.repository';
import { Public } from '../auth/public.decorator';
import { OrganisationErrors } from './organisation.errors';
import { PUBLIC_GRID_SCHEMA, PUBLIC_GRIDS_SCHEMA } from './organisation.schemas';

/** G5 网格员信息公示: grids with their heads and members, for anyone, without a token. */
@ApiTags('public')
@Public()
@Controller('api/v1/public/grids')
export class PublicGridsController {
  constructor(private readonly organisation: OrganisationRepository) {}

  @Get()
  @ApiOperation({
    summary: '网格及网格员公示 Public grid listing (G5)',
    description:
      '无需令牌。每个网格的名称、网格长和网格员的姓名、职务（中文）及公开联系方式；不含手机号和邮箱。' +
      ' No token needed: names, Chinese role labels and public contacts only; never phone or e-mail.',
  })
  @ApiOkResponse({ description: '{ items: PublicGrid[], total }', schema: PUBLIC_GRIDS_SCHEMA })
  async list(): Promise<{ items: PublicGrid[]; total: number }> {
    const items = await this.organisation.publicGridListing();
    return { items, total: items.length };
  }

  @Get(':code/members')
  @ApiOperation({
    summary: '某网格公示信息 One grid’s public listing (G5)',
    description: '无需令牌。No token needed; 404 for an unknown grid.',
  })
  @ApiParam({ name: 'code', example: 'DEMO-T-GUZHOU-V01' })
  @ApiOkResponse({ description: 'The grid with its heads and members.', schema: PUBLIC_GRID_SCHEMA })
  async grid(@Param('code') code: string): Promise<PublicGrid> {
    const [grid] = code.length <= 64 ? await this.organisation.publicGridListing(code) : [];
    if (!grid) throw OrganisationErrors.notFound('grid', code);
    return grid;
  }
}
