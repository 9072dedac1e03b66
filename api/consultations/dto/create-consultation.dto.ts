import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MIN_ATTENDEES } from '../../../domain/duties/patrols/consultation';
import { IsDateOnly, IsIssueCodeList, IsText, RECORD_ID } from '../../common/validation';
import { IsInstant } from '../../common/period-validation';

/** 参会人员: a member of the organisation (by id), or anyone else by name and unit. */
export class AttendeeDto {
  @ApiPropertyOptional({ description: '人员编号 Member id', example: 'demo-ule-deputy', maxLength: 64 })
  @IsOptional()
  @IsString()
  @Matches(RECORD_ID, { message: 'memberId must be letters, digits, - and _ (at most 64)' })
  memberId?: string;

  @ApiPropertyOptional({
    description: '姓名 Name (required without memberId)',
    example: '王工',
    maxLength: 64,
  })
  @ValidateIf((a: AttendeeDto) => a.memberId === undefined || a.name !== undefined)
  // Decorators run bottom-up: a missing name is reported as missing, not as too long.
  @MaxLength(64)
  @Matches(/\S/, { message: 'name must not be blank' })
  @IsString({ message: 'name is required without memberId' })
  name?: string;

  @ApiPropertyOptional({
    description: '单位 Unit or organisation (required without memberId)',
    example: '州生态环境局',
    maxLength: 128,
  })
  @ValidateIf((a: AttendeeDto) => a.memberId === undefined || a.unit !== undefined)
  // Decorators run bottom-up: a missing unit is reported as missing, not as too long.
  @MaxLength(128)
  @Matches(/\S/, { message: 'unit must not be blank' })
  @IsString({ message: 'unit is required without memberId' })
  unit?: string;
}

/** 会商决定: what was decided, who carries it out, by when. */
export class DecisionDto {
  @IsText('决定事项 Decision', { max: 2000, example: '由执法局牵头三日内清运' })
  text!: string;

  @IsText('责任单位或责任人 Owner', { max: 128, optional: true, example: '县综合行政执法局' })
  owner?: string;

  @IsDateOnly('完成时限 Due date', { optional: true, example: '2027-03-10' })
  due?: string;
}

/** 会商记录 A consultation held by a grid head (SPEC P5); the convener and the unit come from the token. */
export class CreateConsultationDto {
  @IsInstant('会商时间 When it was held (ISO 8601 with offset)', '2027-03-05T15:00:00+08:00')
  heldAt!: string;

  @IsText('会商议题 Topic', { max: 200, example: '3月网格化监管工作及问题整改情况会商' })
  topic!: string;

  @ApiProperty({
    description: `参会人员（至少${MIN_ATTENDEES}人） Attendees, at least ${MIN_ATTENDEES}`,
    type: [AttendeeDto],
    minItems: MIN_ATTENDEES,
  })
  @IsArray()
  @ArrayMinSize(MIN_ATTENDEES, { message: `attendees must list at least ${MIN_ATTENDEES} people (P5)` })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AttendeeDto)
  attendees!: AttendeeDto[];

  @IsText('会议纪要 Minutes', { max: 20000, example: '通报本月巡查发现问题及整改进度，研究部署下月工作。' })
  minutes!: string;

  @ApiPropertyOptional({ description: '会商决定 Decisions', type: [DecisionDto], maxItems: 100 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DecisionDto)
  decisions?: DecisionDto[];

  @IsIssueCodeList('会商涉及的问题 Issues discussed; one awaiting its L12 consultation has it recorded')
  issueCodes?: string[];
}
