import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsText, IsUnitCode } from '../../common/validation';

/** 网格监管工作方案 A department's yearly plan (R3): its file is uploaded first through `POST /api/v1/evidence`. */
export class CreateWorkPlanDto {
  @ApiProperty({ description: '年度 Year the plan is for', example: 2027, minimum: 2000, maximum: 2100 })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2100)
  year!: number;

  @IsText('方案名称 Title', { max: 200, example: '县水务局2027年度生态环境保护网格监管工作方案' })
  title!: string;

  @ApiProperty({
    description: '方案文件编号（先经 POST /api/v1/evidence 上传，PDF） The uploaded file’s id (sha256)',
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'fileId must be the id (sha256) of an uploaded file' })
  fileId!: string;

  @IsText('报送说明 Note to the addressees', { max: 2000, optional: true, example: '请审阅。' })
  note?: string;
}

/** 年度 The year a list is about (this year in Shanghai when left out). */
export class WorkPlanYearQueryDto {
  @ApiPropertyOptional({ description: '年度 Year', example: 2027 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2100)
  year?: number;

  @IsUnitCode('单位 Unit', { optional: true, example: 'WRB' })
  unit?: string;
}
