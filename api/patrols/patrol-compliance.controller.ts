import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/organisation/roles';
import { CurrentActor } from '../auth/current-actor.decorator';
import { PatrolComplianceQueryDto } from './dto/patrols-query.dto';
import { PatrolComplianceService, type PatrolComplianceReport } from './patrol-compliance.service';
import { PATROL_COMPLIANCE_SCHEMA } from './patrols.schemas';

/** 巡查合规 How the grids meet the patrol duties of a week or a month (SPEC P1, P2, P5). */
@ApiTags('duties')
@ApiBearerAuth()
@Controller('api/v1/duties')
export class PatrolComplianceController {
  constructor(private readonly compliance: PatrolComplianceService) {}

  @Get('patrol-compliance')
  @ApiOperation({
    summary: '巡查合规情况 Patrol compliance of a week or a month',
    description:
      '按网格列出巡查次数、由直接负责人或网格长（分网格长）带队的次数、重点监控点位巡查次数；按月时另列各单位会商次数。县环委办和总（副总）网格长可查看全部单位，其他单位只看本单位。Per grid of the departments, townships and the park: patrols counted, led by a head (P2), key point visits (P1: twice a month); for a month also each unit’s consultations (P5). Give exactly one of week or month.',
  })
  @ApiOkResponse({ description: '{ period, grids, units }', schema: PATROL_COMPLIANCE_SCHEMA })
  report(
    @Query() query: PatrolComplianceQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<PatrolComplianceReport> {
    return this.compliance.report(query, actor);
  }
}
