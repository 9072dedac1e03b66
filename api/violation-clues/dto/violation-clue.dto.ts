import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ISSUE_CODE_PATTERN } from '../../../domain/issue/issue-code';
import {
  CLUE_ANSWERS,
  CLUE_STATUSES,
  type ClueAnswer,
  type ClueStatus,
} from '../../../domain/records/violation-clues';
import { PageQueryDto } from '../../common/pagination';
import { ResponsiblePartyDto } from '../../common/responsible-party.dto';
import { IsIssueCodeList, IsText, IsUnitCode } from '../../common/validation';
import { GeoPointDto } from '../../issues/dto/create-issue.dto';

/** 违法线索移交 A violation clue handed to 县生态环境局 (R2); who hands it over comes from the token. */
export class CreateViolationClueDto {
  @IsText('线索标题 Short title', { max: 200, example: '某养殖场夜间偷排粪污' })
  title!: string;

  @IsText('线索内容 What was seen, where, when', {
    max: 5000,
    example: '群众反映该养殖场夜间通过暗管向河道排放粪污，现场可见排污口及黑色污水。',
  })
  description!: string;

  @IsUnitCode('所在乡镇（街道）单位代码 Township', { optional: true, example: 'T-GUZHOU' })
  township?: string;

  @IsText('所在行政村（社区） Village', { max: 64, optional: true, example: '古州镇示范村' })
  village?: string;

  @ApiPropertyOptional({ description: '位置 Coordinates', type: GeoPointDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoPointDto)
  location?: GeoPointDto;

  @ApiPropertyOptional({ description: '涉嫌违法主体 The suspected party', type: ResponsiblePartyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ResponsiblePartyDto)
  suspect?: ResponsiblePartyDto;

  @ApiPropertyOptional({ description: '证据材料 Evidence file references', type: [String], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(256, { each: true })
  evidence?: string[];

  @IsIssueCodeList('关联问题 Issues the clue belongs to')
  issueCodes?: string[];
}

/** 县生态环境局答复 The bureau's answer to a clue (R2). */
export class AnswerViolationClueDto {
  @ApiProperty({
    description: '答复 acknowledge 受理并调查核实 / open_case 立案查处 / no_case 不予立案',
    enum: CLUE_ANSWERS,
    example: 'acknowledge',
  })
  @IsIn(CLUE_ANSWERS, { message: `answer must be one of ${CLUE_ANSWERS.join(', ')}` })
  answer!: ClueAnswer;

  @IsText('说明（不予立案须写明理由） Note; the reason when no case is opened', {
    max: 5000,
    example: '已受理，安排执法人员现场核查。',
  })
  note!: string;

  @IsText('立案编号（立案时） Case number, when a case is opened', {
    max: 64,
    optional: true,
    example: '榕环罚立〔2027〕12号',
  })
  caseNumber?: string;
}

/** 关联问题 Issues a clue is linked to (R2). */
export class LinkViolationClueDto {
  @ApiProperty({ description: '问题编号 Issue codes', type: [String], minItems: 1, example: ['2027-000012'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique({ message: 'issueCodes must not repeat an issue' })
  @Matches(ISSUE_CODE_PATTERN, { each: true, message: 'issueCodes must each look like 2027-000001' })
  issueCodes!: string[];
}

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** 违法线索查询 Filters of the clue list, combined with AND. */
export class ListViolationCluesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '状态 Status', enum: CLUE_STATUSES, example: 'received' })
  @IsOptional()
  @IsIn(CLUE_STATUSES, { message: `status must be one of ${CLUE_STATUSES.join(', ')}` })
  status?: ClueStatus;

  @IsUnitCode('移交单位 Unit that handed it over', { optional: true, example: 'T-GUZHOU' })
  unit?: string;

  @ApiPropertyOptional({ description: '关联问题 Linked to this issue', example: '2027-000012' })
  @IsOptional()
  @Matches(ISSUE_CODE_PATTERN, { message: 'issue must look like 2027-000001' })
  issue?: string;

  @ApiPropertyOptional({ description: '首次答复是否逾期 First answer overdue', type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;
}
