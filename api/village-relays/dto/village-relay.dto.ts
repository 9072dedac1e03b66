import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  ISSUE_SOURCES,
  SEVERITIES,
  type IssueSource,
  type Severity,
} from '../../../domain/issue/issue.types';
import { VILLAGE_RELAY_STATUSES, type VillageRelayStatus } from '../../../domain/organisation/village-relay';
import { IsText } from '../../common/validation';
import { PageQueryDto } from '../../common/pagination';
import { CreateIssueDto } from '../../issues/dto/create-issue.dto';

/**
 * 村级网格员反馈 (G8): what a village grid member saw; the grid and the township come from their place in the roster.
 * Its location and evidence are a report's own (L1).
 */
export class CreateVillageRelayDto extends PickType(CreateIssueDto, ['location', 'evidence'] as const) {
  @IsText('情况标题 Short title', { max: 200, example: '村后山有人焚烧垃圾' })
  title!: string;

  @IsText('情况说明 What was seen, where, when', { example: '今早7点村后山脚有人焚烧生活垃圾，浓烟较大。' })
  description!: string;
}

/** The township accepts a relay as an issue (L1): the category and severity are its judgement. */
export class AcceptVillageRelayDto {
  @IsText('问题类别 Category code from the responsibility catalog', { max: 64, example: 'open_burning' })
  category!: string;

  @ApiPropertyOptional({ description: '严重程度 general / major', enum: SEVERITIES, default: 'general' })
  @IsOptional()
  @IsIn(SEVERITIES, { message: `severity must be one of ${SEVERITIES.join(', ')}` })
  severity?: Severity;

  @ApiPropertyOptional({ description: '问题来源 Source (L1)', enum: ISSUE_SOURCES, default: 'patrol' })
  @IsOptional()
  @IsIn(ISSUE_SOURCES, { message: `source must be one of ${ISSUE_SOURCES.join(', ')}` })
  source?: IssueSource;
}

/** The township answers a relay that is no issue (already known, not an eco-environment problem …). */
export class AnswerVillageRelayDto {
  @IsText('答复 The answer to the village grid member', {
    max: 2000,
    example: '已核实，系村民清理田埂杂草，已劝导。',
  })
  answer!: string;
}

export class ListVillageRelaysQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '状态 Status', enum: VILLAGE_RELAY_STATUSES })
  @IsOptional()
  @IsIn(VILLAGE_RELAY_STATUSES, { message: `status must be one of ${VILLAGE_RELAY_STATUSES.join(', ')}` })
  status?: VillageRelayStatus;

  @ApiPropertyOptional({ description: '乡镇单位代码 Township (county-wide readers)', example: 'T-GUZHOU' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  township?: string;
}
