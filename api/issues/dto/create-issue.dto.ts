import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  ISSUE_SOURCES,
  SEVERITIES,
  type IssueSource,
  type Severity,
} from '../../../domain/issue/issue.types';
import { ResponsiblePartyDto } from '../../common/responsible-party.dto';

export class GeoPointDto {
  @ApiProperty({ description: '纬度 Latitude (WGS-84)', example: 25.9317, minimum: -90, maximum: 90 })
  @IsLatitude({ message: 'location.lat must be a latitude between -90 and 90' })
  lat!: number;

  @ApiProperty({ description: '经度 Longitude (WGS-84)', example: 108.5213, minimum: -180, maximum: 180 })
  @IsLongitude({ message: 'location.lng must be a longitude between -180 and 180' })
  lng!: number;
}

/** 问题上报 Report of a newly found issue (SPEC L1); the finder unit and the reporter come from the token. */
export class CreateIssueDto {
  @ApiProperty({ description: '问题标题 Short title', example: '河道旁堆放生活垃圾', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiProperty({
    description: '问题描述 What was found, where, how bad',
    example: '村口河道左岸约50米处堆放生活垃圾，已有渗滤液流入河道。',
    maxLength: 5000,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  description!: string;

  @ApiProperty({
    description: '问题类别 Category code from the responsibility catalog (职责清单)',
    example: 'domestic_waste',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  category!: string;

  @ApiProperty({
    description: '严重程度 general (一般) or major (重大问题, L12)',
    enum: SEVERITIES,
    example: 'general',
  })
  @IsIn(SEVERITIES, { message: `severity must be one of ${SEVERITIES.join(', ')}` })
  severity!: Severity;

  @ApiProperty({
    description:
      '问题来源 patrol 巡查 / resident_visit 访群众 / public_report 群众举报 / higher_referral 上级交办 / media 媒体曝光 / river_chief_patrol 河长制巡查（县水务局分办督办）/ forest_chief_patrol 林长制巡查（县林业局协调配合）',
    enum: ISSUE_SOURCES,
    example: 'patrol',
  })
  @IsIn(ISSUE_SOURCES, { message: `source must be one of ${ISSUE_SOURCES.join(', ')}` })
  source!: IssueSource;

  @ApiPropertyOptional({
    description:
      '所在乡镇（街道）或园区单位代码；有位置或网格时由网格确定，可不填 Township or park unit code; taken from the grid when a location or grid is given (G7, G9)',
    example: 'T-GUZHOU',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  township?: string;

  @ApiPropertyOptional({
    description:
      '所在网格编号：位置不在任何网格区域内时须填写 Grid code; required when the location lies in no grid’s area (G7)',
    example: 'DEMO-T-GUZHOU-V01',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  grid?: string;

  @ApiPropertyOptional({ description: '所在行政村（社区） Village', example: 'V-GUZHOU-01' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  village?: string;

  @ApiPropertyOptional({ description: '位置 Coordinates', type: GeoPointDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoPointDto)
  location?: GeoPointDto;

  @ApiPropertyOptional({
    description: '责任主体（业主），统一社会信用代码按 GB 32100-2015 校验 The responsible party (L21)',
    type: ResponsiblePartyDto,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ResponsiblePartyDto)
  responsibleParty?: ResponsiblePartyDto;

  @ApiPropertyOptional({ description: '证据材料 Evidence file references', type: [String], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(256, { each: true })
  evidence?: string[];

  @ApiPropertyOptional({
    description:
      '巡查记录编号：来源为巡查（patrol）时必填，须为本单位的巡查记录（L16） The patrol record it was found on; required for source patrol, one of the reporter’s unit',
    example: 'patrol-2f6c1d3e-0b7a-4a38-9d2e-5c1f0e9a7b11',
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  patrolId?: string;
}
