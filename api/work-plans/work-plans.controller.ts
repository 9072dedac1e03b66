import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../domain/organisation/roles';
import type { WorkPlanView } from '../../persistence/repositories/work-plan.repository';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CreateWorkPlanDto, WorkPlanYearQueryDto } from './dto/work-plan.dto';
import { WorkPlansService, type WorkPlanDetail, type WorkPlanYearStatus } from './work-plans.service';
import {
  WORK_PLAN_DETAIL_SCHEMA,
  WORK_PLAN_LIST_SCHEMA,
  WORK_PLAN_STATUS_SCHEMA,
} from './work-plans.schemas';

/** 网格监管工作方案 The departments' yearly grid supervision work plans (R3). */
@ApiTags('work-plans')
@ApiBearerAuth()
@Controller('api/v1/work-plans')
export class WorkPlansController {
  constructor(private readonly plans: WorkPlansService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: '报送网格监管工作方案 Submit the year’s work plan',
    description:
      '县直部门（含工业园区管委会）的分网格长或副分网格长每年报送一次本部门网格监管工作方案：先经 POST /api/v1/evidence 上传文件，再以其编号报送。系统将方案连同附件通过发件箱发送县环委办全体人员和本单位州级对口部门邮箱（PATCH /api/v1/units/{code} 设置 prefectureEmail；未设置时记为 unresolved）。到期未报送的由年度时钟提醒并通知县环委办。A head of a county department (or the park) submits its plan once a year (R3): the file is uploaded first; the plan then goes with its file, through the outbox, to every member of 县环委办 and to the prefecture counterpart’s mailbox.',
  })
  @ApiCreatedResponse({ description: 'The plan and where its mails stand.', schema: WORK_PLAN_DETAIL_SCHEMA })
  @ApiForbiddenResponse({ description: '非县直部门负责人 Not a head of a county department' })
  @ApiConflictResponse({ description: '本年度已报送 Already submitted for that year' })
  async submit(
    @Body() dto: CreateWorkPlanDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WorkPlanDetail> {
    const plan = await this.plans.submit(dto, actor);
    response.setHeader('Location', `/api/v1/work-plans/${plan.id}`);
    return plan;
  }

  @Get()
  @ApiOperation({
    summary: '工作方案列表 The year’s plans',
    description:
      '本单位查看自己的；县环委办和总（副总）网格长查看全部。A unit reads its own; 县环委办 and the county heads all.',
  })
  @ApiOkResponse({ description: 'The plans.', schema: WORK_PLAN_LIST_SCHEMA })
  list(@Query() query: WorkPlanYearQueryDto, @CurrentActor() actor: Actor): Promise<WorkPlanView[]> {
    return this.plans.list(query.year, query.unit, actor);
  }

  @Get('status')
  @ApiOperation({
    summary: '报送情况 Who has submitted',
    description:
      '县环委办和总（副总）网格长查看各县直部门本年度方案的报送情况、未报送单位和报送时限。For 县环委办 and the county heads: each department’s plan, the missing ones and the due day.',
  })
  @ApiOkResponse({ description: '{ year, dueAt, due, units, missing }', schema: WORK_PLAN_STATUS_SCHEMA })
  status(@Query() query: WorkPlanYearQueryDto, @CurrentActor() actor: Actor): Promise<WorkPlanYearStatus> {
    return this.plans.status(query.year, actor);
  }

  @Get(':id')
  @ApiOperation({
    summary: '工作方案详情 One plan and its mails',
    description: 'Same read scope as the list.',
  })
  @ApiParam({ name: 'id', example: 'WRB-2027', description: '单位代码-年度 Unit code and year' })
  @ApiOkResponse({ description: 'The plan and where its mails stand.', schema: WORK_PLAN_DETAIL_SCHEMA })
  @ApiNotFoundResponse({ description: '无此方案 No such plan' })
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<WorkPlanDetail> {
    return this.plans.get(id, actor);
  }
}
