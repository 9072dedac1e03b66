import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly, IsText } from '../common/validation';

/** 国务院办公厅通知: the notice a year's arrangement comes from. */
export class StateCouncilNoticeDto {
  @IsText('通知标题 Title of the State Council notice', {
    max: 200,
    example: '国务院办公厅关于2028年部分节假日安排的通知',
  })
  title!: string;

  @IsText('文号 Document number', { max: 64, example: '国办发明电〔2027〕8号' })
  number!: string;

  @IsDateOnly('发布日期 Issue date', { optional: true, example: '2027-11-10' })
  issued?: string;

  @ApiPropertyOptional({
    description: '通知网址 Where the notice is published',
    example: 'https://www.gov.cn/',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  url?: string;
}

/** A year's official holiday arrangement as 县环委办 loads it (L9). */
export class LoadCalendarYearDto {
  @ApiProperty({ description: '依据的国务院办公厅通知 The notice', type: StateCouncilNoticeDto })
  @IsDefined({ message: 'notice is required' })
  @ValidateNested()
  @Type(() => StateCouncilNoticeDto)
  notice!: StateCouncilNoticeDto;

  @ApiProperty({
    description:
      '放假日期（含节假日期间的周末），YYYY-MM-DD，须含元旦、劳动节（5月1日、2日）、国庆节（10月1日至3日） Every date off, weekends inside a holiday included',
    type: [String],
    example: ['2028-01-01', '2028-01-02', '2028-01-03'],
  })
  @IsArray()
  @ArrayMaxSize(120)
  @IsString({ each: true })
  holidays!: string[];

  @ApiProperty({
    description: '调休上班日期（周六或周日） Weekend days that are working days (调休)',
    type: [String],
    example: ['2028-01-29'],
  })
  @IsArray()
  @ArrayMaxSize(60)
  @IsString({ each: true })
  adjustedWorkingDays!: string[];
}

/** One year of the calendar, as the API answers it. */
export interface CalendarYearView {
  year: number;
  /** `published` from a notice, `projected` built in until the notice is loaded. */
  source: 'published' | 'projected';
  /** Loaded by 县环委办 (else built in). */
  loaded: boolean;
  notice: { title: string; number: string | null; issued: string | null; url: string | null };
  holidays: readonly string[];
  adjustedWorkingDays: readonly string[];
  loadedBy: string | null;
  loadedAt: string | null;
}

export interface CalendarView {
  firstYear: number;
  lastYear: number;
  /** Years built from a projection, to be replaced by their notice. */
  projectedYears: readonly number[];
  /** How a date beyond `lastYear` counts. */
  beyond: string;
  years: CalendarYearView[];
}
