import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { OPINION_KINDS, type OpinionKind } from '../../../domain/records/resident-opinions';
import { PageQueryDto } from '../../common/pagination';
import { IsMonthId, IsInstant } from '../../common/period-validation';
import { IsOrgCode, IsText, IsUnitCode, RECORD_ID } from '../../common/validation';

/** 群众联系方式: how to reach the resident again; kept for the collecting unit only. */
export class ResidentDto {
  @IsText('群众姓名（可不填） Resident’s name, if given', { max: 64, optional: true, example: '杨大姐' })
  name?: string;

  @IsText('联系方式（仅本单位可见） How to reach them; shown to the collecting unit only', {
    max: 128,
    optional: true,
    example: '139****0000',
  })
  contact?: string;
}

/** 群众意见建议 A resident's opinion or suggestion, collected in a grid (R1); the collector comes from the token. */
export class CreateResidentOpinionDto {
  @IsOrgCode('网格代码 Grid where it was collected', { example: 'DEMO-T-GUZHOU-V01' })
  gridCode!: string;

  @ApiProperty({
    description: '类别 opinion 意见 / suggestion 建议',
    enum: OPINION_KINDS,
    example: 'suggestion',
  })
  @IsIn(OPINION_KINDS, { message: `kind must be one of ${OPINION_KINDS.join(', ')}` })
  kind!: OpinionKind;

  @IsText('意见建议内容 What the resident said', {
    max: 2000,
    example: '建议在河边增设垃圾收集点，方便村民投放。',
  })
  content!: string;

  @IsInstant('收集时间 When it was collected (ISO 8601 with offset)', '2027-03-05T10:00:00+08:00')
  collectedAt!: string;

  @ApiPropertyOptional({
    description: '群众信息（仅本单位可见） The resident, kept private',
    type: ResidentDto,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ResidentDto)
  resident?: ResidentDto;

  @ApiPropertyOptional({
    description: '所属巡查记录（访群众） The patrol it was collected on',
    example: 'patrol-1',
  })
  @IsOptional()
  @IsString()
  @Matches(RECORD_ID, { message: 'patrolId must be letters, digits, - and _ (at most 64)' })
  patrolId?: string;
}

/** 答复 The unit's answer to an opinion (R1). */
export class AnswerResidentOpinionDto {
  @IsText('答复内容 The unit’s answer', { max: 5000, example: '已协调村委会在河边增设2个垃圾收集点。' })
  answer!: string;
}

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** 群众意见建议查询 Filters of the opinion list, combined with AND. */
export class ListResidentOpinionsQueryDto extends PageQueryDto {
  @IsUnitCode('单位 Unit whose grid it was collected in', { optional: true, example: 'T-GUZHOU' })
  unit?: string;

  @IsOrgCode('网格 Grid', { optional: true, example: 'DEMO-T-GUZHOU-V01' })
  grid?: string;

  @IsMonthId('月份 Month it was collected, Asia/Shanghai')
  month?: string;

  @ApiPropertyOptional({ description: '是否已答复 Answered', type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'answered must be true or false' })
  answered?: boolean;
}
