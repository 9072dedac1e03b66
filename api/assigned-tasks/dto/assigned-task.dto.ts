import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { TASK_STATUSES, type TaskStatus } from '../../../domain/tasks/assigned-task';
import { PageQueryDto } from '../../common/pagination';
import { IsDateOnly, IsIssueCodeList, IsText, IsUnitCode } from '../../common/validation';

/** 交办任务 A task a county grid head assigns (R4); the assigner comes from the token. */
export class CreateAssignedTaskDto {
  @IsText('任务名称 Title', { max: 200, example: '组织开展全县饮用水水源地环境问题专项排查' })
  title!: string;

  @IsText('任务内容和要求 What is to be done', {
    max: 5000,
    example:
      '请县环委办牵头，会同相关部门于月底前完成全县集中式饮用水水源地环境问题排查，形成问题清单报县级网格长。',
  })
  description!: string;

  @IsUnitCode('承办单位（默认县环委办） Assignee unit; 县环委办 when left out', {
    optional: true,
    example: 'ECO',
  })
  assignee?: string;

  @IsDateOnly('办结时限（北京时间当日结束） Deadline, the end of that day in Asia/Shanghai', {
    example: '2027-03-31',
  })
  deadline!: string;

  @IsIssueCodeList('相关问题 Issues the task concerns')
  issueCodes?: string[];
}

/** 报送办理结果 The assignee reports the task done (R4). */
export class ReportAssignedTaskDto {
  @IsText('办理结果 What was done', {
    max: 20000,
    example: '已完成排查，共发现问题3个，已建立清单并分别交办。',
  })
  text!: string;

  @ApiPropertyOptional({ description: '佐证材料 Evidence file references', type: [String], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(256, { each: true })
  evidence?: string[];
}

/** 验收通过 The assigner accepts the report (R4). */
export class AcceptAssignedTaskDto {
  @IsText('验收意见 Opinion', { max: 5000, example: '同意办结。' })
  opinion!: string;
}

/** 退回重办 The assigner sends the report back (R4). */
export class SendBackAssignedTaskDto {
  @IsText('退回理由 Reason', { max: 5000, example: '问题清单缺少整改时限，请补充后重新报送。' })
  reason!: string;

  @IsDateOnly('新的办结时限（可选） A new deadline, if any', { optional: true, example: '2027-04-15' })
  newDeadline?: string;
}

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** 交办任务查询 Filters of the task list, combined with AND. */
export class ListAssignedTasksQueryDto extends PageQueryDto {
  @IsUnitCode('承办单位 Assignee', { optional: true, example: 'ECO' })
  assignee?: string;

  @ApiPropertyOptional({ description: '状态 Status', enum: TASK_STATUSES, example: 'assigned' })
  @IsOptional()
  @IsIn(TASK_STATUSES, { message: `status must be one of ${TASK_STATUSES.join(', ')}` })
  status?: TaskStatus;

  @ApiPropertyOptional({ description: '是否逾期 Overdue', type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;
}
