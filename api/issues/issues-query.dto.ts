import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  SEVERITIES,
  type IssueSource,
  type IssueStatus,
  type Severity,
} from '../../domain/issue/issue.types';
import { STATE_IDS } from '../../domain/process/issue-process.definition';
import type { ResponsibleParty } from '../../domain/records/responsible-party';
import { PageQueryDto } from '../common/pagination';
import { IsDateOnly, IsUnitCode } from '../common/validation';
import { CURSOR_PATTERN } from './issue-cursor';

/** Whose turn it is: `me` lists the open issues awaiting an action of the caller's unit. */
export const ACTIONABLE_BY = ['me'] as const;

export const ISSUE_SORTS = ['reportedAt', '-reportedAt', 'deadline', '-deadline'] as const;
export type IssueSort = (typeof ISSUE_SORTS)[number];

/** `true`/`false` in a query string as a boolean; anything else stays as it is and fails validation. */
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** 问题查询 Filters of the issue list, all optional and combined with AND. */
export class ListIssuesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '状态 Lifecycle state', enum: STATE_IDS, example: 'rectifying' })
  @IsOptional()
  @IsIn(STATE_IDS, { message: `status must be one of ${STATE_IDS.join(', ')}` })
  status?: IssueStatus;

  @IsUnitCode(
    '相关单位（发现、行业主管、属地、责任单位任一） A unit in any role: finder, sector, territorial or owner',
    {
      optional: true,
    },
  )
  unit?: string;

  @IsUnitCode('所在乡镇 Township unit code', { optional: true, example: 'T-GUZHOU' })
  township?: string;

  @ApiPropertyOptional({ description: '问题类别 Category code', example: 'domestic_waste' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  category?: string;

  @ApiPropertyOptional({ description: '严重程度 Severity', enum: SEVERITIES, example: 'general' })
  @IsOptional()
  @IsIn(SEVERITIES, { message: `severity must be one of ${SEVERITIES.join(', ')}` })
  severity?: Severity;

  @ApiPropertyOptional({ description: '是否逾期 Overdue', type: Boolean, example: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({
    description: '督办级别下限 Minimum escalation level (L10)',
    example: 1,
    minimum: 0,
    maximum: 3,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'escalationLevel must be a whole number' })
  @Min(0)
  @Max(3)
  escalationLevel?: number;

  @ApiPropertyOptional({ description: '县级督办 Under county supervision', type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'countySupervision must be true or false' })
  countySupervision?: boolean;

  @ApiPropertyOptional({ description: '问责标记 Flagged for accountability (L16)', type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'accountability must be true or false' })
  accountability?: boolean;

  @IsDateOnly('上报日期起（含，北京时间） Reported on or after this date (Asia/Shanghai)', {
    optional: true,
    example: '2026-01-01',
  })
  reportedFrom?: string;

  @IsDateOnly('上报日期止（含，北京时间） Reported on or before this date (Asia/Shanghai)', {
    optional: true,
    example: '2026-12-31',
  })
  reportedTo?: string;

  @ApiPropertyOptional({
    description: '标题或描述包含的文字 Text in the title or description',
    example: '垃圾',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  text?: string;

  @ApiPropertyOptional({
    description:
      '待办：me 只列出正等待调用者所在单位办理的未建档问题（工作流的待办单位 awaiting 含该单位）。 `me`: only the open issues now awaiting an action of the caller’s unit (the workflow’s `awaiting` units include it); combine with `sort=deadline` for a to-do list.',
    enum: ACTIONABLE_BY,
    example: 'me',
  })
  @IsOptional()
  @IsIn(ACTIONABLE_BY, { message: `actionableBy must be one of ${ACTIONABLE_BY.join(', ')}` })
  actionableBy?: (typeof ACTIONABLE_BY)[number];

  @ApiPropertyOptional({
    description:
      '责任主体（业主）：统一社会信用代码（完全一致，不区分大小写）或名称中的文字 The responsible party: its credit code, or text in its name (L21)',
    example: '91350100M000100Y43',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  party?: string;

  @ApiPropertyOptional({
    description: '排序（前缀 - 为倒序） Sort; a leading - sorts descending',
    enum: ISSUE_SORTS,
    default: '-reportedAt',
  })
  @IsOptional()
  @IsIn(ISSUE_SORTS, { message: `sort must be one of ${ISSUE_SORTS.join(', ')}` })
  sort?: IssueSort;

  @ApiPropertyOptional({
    description:
      '续页游标（Q2）：上一页答复中的 nextCursor；给出时按键集续读下一页，不再计数（total 沿用首页的计数），page 被忽略。 Keyset pagination (Q2): the `nextCursor` of the previous answer. The next page starts right after that answer’s last row, so deep pages cost what the first does and rows inserted meanwhile are neither skipped nor repeated; `page` is ignored and `total` repeats the count of the first page (no page read with a cursor counts). A cursor belongs to its sort; other filters must stay as they were.',
    type: 'string',
    pattern: CURSOR_PATTERN.source,
    maxLength: 400,
  })
  @IsOptional()
  @IsString()
  @Matches(CURSOR_PATTERN, { message: 'cursor must be a nextCursor of an earlier answer' })
  cursor?: string;
}

/** 疑似重复 Where and what, to look for open issues nearby (L1). */
export class PossibleDuplicatesQueryDto {
  @ApiProperty({ description: '问题类别 Category code', example: 'domestic_waste' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  category!: string;

  @ApiProperty({ description: '纬度 Latitude (WGS-84)', example: 25.9317 })
  @Type(() => Number)
  @IsLatitude({ message: 'lat must be a latitude between -90 and 90' })
  lat!: number;

  @ApiProperty({ description: '经度 Longitude (WGS-84)', example: 108.5213 })
  @Type(() => Number)
  @IsLongitude({ message: 'lng must be a longitude between -180 and 180' })
  lng!: number;
}

/** One issue of a list, from the read model. */
export interface IssueListItem {
  code: string;
  title: string;
  category: string;
  severity: Severity;
  source: IssueSource;
  status: IssueStatus;
  township: string;
  finderUnit: string;
  sectorOwner: string;
  territorialOwner: string;
  owner: string | null;
  /** Unit codes that must act next. */
  awaiting: string[];
  deadline: string | null;
  overdue: boolean;
  escalationLevel: number;
  countySupervision: boolean;
  accountabilityFlagged: boolean;
  reportedAt: string;
  lat: number | null;
  lng: number | null;
  /** L21: the responsible party (业主), when named. */
  responsibleParty: ResponsibleParty | null;
}

/** An open issue of the same category near a reported point. */
export interface PossibleDuplicate {
  code: string;
  title: string;
  status: IssueStatus;
  reportedAt: string;
  /** Metres from the point asked about. */
  distanceMetres: number;
}
