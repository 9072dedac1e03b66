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
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Page } from '../../domain/common/page';
import type { Actor } from '../../domain/organisation/roles';
import { TASK_CODE_PATTERN, type AssignedTaskState } from '../../domain/tasks/assigned-task';
import type { AssignedTaskRow } from '../../persistence/repositories/assigned-task.repository';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  AcceptAssignedTaskDto,
  CreateAssignedTaskDto,
  ListAssignedTasksQueryDto,
  ReportAssignedTaskDto,
  SendBackAssignedTaskDto,
} from './dto/assigned-task.dto';
import {
  AssignedTasksService,
  type AssignedTaskAnswer,
  type AssignedTaskDetail,
} from './assigned-tasks.service';
import {
  TASK_ANSWER_SCHEMA,
  TASK_DETAIL_SCHEMA,
  TASK_PAGE_SCHEMA,
  TASK_STATE_SCHEMA,
} from './assigned-tasks.schemas';

const CODE_PARAM = {
  name: 'code',
  example: 'JB-2027-000001',
  description: '任务编号 Task code',
  schema: { type: 'string' as const, pattern: TASK_CODE_PATTERN.source },
};

/** 交办任务 Tasks the county grid heads assign to 县环委办 or a unit (R4). */
@ApiTags('assigned-tasks')
@ApiBearerAuth()
@Controller('api/v1/assigned-tasks')
export class AssignedTasksController {
  constructor(private readonly tasks: AssignedTasksService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: '交办任务 Assign a task',
    description:
      "总网格长或副总网格长向县环委办（默认）或其他单位交办任务，设办结时限。时限按问题的督办阶梯运行：到期前提醒承办单位，逾期通知承办单位负责人和交办人，逾期3个工作日县级督办（副总网格长、县环委办），逾期10个工作日报总网格长。每个任务是一个 Temporal 工作流 assigned-task-<编号>，可在 Temporal UI 按 DutyKind='assigned_task' 查找。A county grid head assigns a task with a deadline (R4); the deadline climbs the issue’s escalation ladder (L10). Each task is the workflow `assigned-task-<code>`, found in the Temporal UI by `DutyKind='assigned_task'`.",
  })
  @ApiCreatedResponse({
    description: '{ code, workflowId, temporalUiUrl, state }',
    schema: TASK_ANSWER_SCHEMA,
  })
  @ApiForbiddenResponse({ description: '非县级网格长 Not a county grid head' })
  @ApiUnprocessableEntityResponse({
    description: '时限或引用不符合规则 Deadline in the past, beyond the calendar, or unknown references',
  })
  async assign(
    @Body() dto: CreateAssignedTaskDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AssignedTaskAnswer> {
    const task = await this.tasks.assign(dto, actor);
    response.setHeader('Location', `/api/v1/assigned-tasks/${task.code}`);
    return task;
  }

  @Post(':code/report')
  @HttpCode(200)
  @ApiOperation({
    summary: '报送办理结果 The assignee reports',
    description:
      '承办单位报送办理结果；待交办人验收期间督办阶梯暂停。The assignee reports the task done; the ladder holds while the assigner decides.',
  })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ description: 'The task’s new state.', schema: TASK_STATE_SCHEMA })
  @ApiForbiddenResponse({ description: '非承办单位 Not the assignee' })
  @ApiConflictResponse({ description: '当前状态不允许 Not awaiting a report' })
  report(
    @Param('code') code: string,
    @Body() dto: ReportAssignedTaskDto,
    @CurrentActor() actor: Actor,
  ): Promise<AssignedTaskState> {
    return this.tasks.report(code, dto, actor);
  }

  @Post(':code/accept')
  @HttpCode(200)
  @ApiOperation({
    summary: '验收通过 The assigner accepts',
    description: '交办人验收办理结果，任务办结。Only the assigner accepts; the task is done.',
  })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ description: 'The task’s new state.', schema: TASK_STATE_SCHEMA })
  @ApiForbiddenResponse({ description: '非交办人 Not the assigner' })
  accept(
    @Param('code') code: string,
    @Body() dto: AcceptAssignedTaskDto,
    @CurrentActor() actor: Actor,
  ): Promise<AssignedTaskState> {
    return this.tasks.accept(code, dto.opinion, actor);
  }

  @Post(':code/send-back')
  @HttpCode(200)
  @ApiOperation({
    summary: '退回重办 The assigner sends it back',
    description:
      '交办人写明理由退回，可设新的办结时限（督办阶梯从新时限重新开始）。Only the assigner sends a report back, with its reason and perhaps a new deadline (the ladder starts again from it).',
  })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ description: 'The task’s new state.', schema: TASK_STATE_SCHEMA })
  sendBack(
    @Param('code') code: string,
    @Body() dto: SendBackAssignedTaskDto,
    @CurrentActor() actor: Actor,
  ): Promise<AssignedTaskState> {
    return this.tasks.sendBack(code, dto.reason, dto.newDeadline, actor);
  }

  @Get()
  @ApiOperation({
    summary: '交办任务列表 List tasks',
    description:
      '按承办单位、状态、是否逾期筛选，时限最近在前。承办单位查看本单位的；县环委办和总（副总）网格长查看全部。The assignee reads its own; 县环委办 and the county heads read all.',
  })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }', schema: TASK_PAGE_SCHEMA })
  list(
    @Query() query: ListAssignedTasksQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<AssignedTaskRow>> {
    return this.tasks.list(query, actor);
  }

  @Get(':code')
  @ApiOperation({
    summary: '交办任务详情 One task with its history',
    description: 'Same read scope as the list.',
  })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({
    description: 'The task’s state, events and Temporal UI link.',
    schema: TASK_DETAIL_SCHEMA,
  })
  @ApiNotFoundResponse({ description: '无此任务 No such task' })
  get(@Param('code') code: string, @CurrentActor() actor: Actor): Promise<AssignedTaskDetail> {
    return this.tasks.get(code, actor);
  }
}
