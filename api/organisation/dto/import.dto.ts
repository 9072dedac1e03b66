import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ImportQueryDto {
  @ApiPropertyOptional({ description: '只校验不写入 Validate and count only', example: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

export class StaffingReportQueryDto {
  @ApiPropertyOptional({ description: '格式 json or xlsx', enum: ['json', 'xlsx'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'xlsx'], { message: 'format must be json or xlsx' })
  format?: 'json' | 'xlsx';
}
