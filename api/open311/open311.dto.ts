import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
} from 'class-validator';

/** Parameters GeoReport v2 defines that this county does not use; accepted and ignored. */
class Open311CommonDto {
  @ApiPropertyOptional({ description: '辖区编号（忽略） GeoReport jurisdiction_id; ignored (one county)' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  jurisdiction_id?: string;

  @ApiPropertyOptional({
    description: 'API 密钥（忽略） GeoReport api_key; ignored (public endpoint, rate-limited)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  api_key?: string;
}

/** GeoReport v2 POST requests.json, plus the county extension `township`. */
export class Open311CreateRequestDto extends Open311CommonDto {
  @ApiProperty({
    description: '服务代码 = 问题类别代码 The category code (GET services.json)',
    example: 'domestic_waste',
  })
  @IsString({ message: 'service_code is required' })
  @IsNotEmpty({ message: 'service_code is required' })
  @MaxLength(64)
  service_code!: string;

  @ApiProperty({ description: '纬度 Latitude (WGS-84)', example: 25.9317 })
  @Type(() => Number)
  @IsLatitude({ message: 'lat is required and must be a latitude between -90 and 90' })
  lat!: number;

  @ApiProperty({ description: '经度 Longitude (WGS-84)', example: 108.5213 })
  @Type(() => Number)
  @IsLongitude({ message: 'long is required and must be a longitude between -180 and 180' })
  long!: number;

  @ApiProperty({
    description:
      '所在乡镇单位代码（本县扩展参数，必填） County extension: the township unit code where the problem is; required, since no address lookup runs',
    example: 'T-GUZHOU',
  })
  @IsString({ message: 'township is required (county extension of GeoReport v2)' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, { message: 'township must be a township unit code' })
  township!: string;

  @ApiProperty({
    description: '问题描述 What is wrong',
    example: '河边有人倾倒垃圾，气味很大。',
    maxLength: 4000,
  })
  @IsString({ message: 'description is required' })
  @Matches(/\S/, { message: 'description must not be blank' })
  @MaxLength(4000)
  description!: string;

  @ApiPropertyOptional({ description: '地址描述 Address in words', example: '古州镇滨江路河边' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address_string?: string;

  @ApiPropertyOptional({ description: '举报人邮箱（不公开、不入问题） Reporter e-mail; never published' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(128)
  email?: string;

  @ApiPropertyOptional({ description: '名（不公开） First name; never published' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  first_name?: string;

  @ApiPropertyOptional({ description: '姓（不公开） Last name; never published' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  last_name?: string;

  @ApiPropertyOptional({ description: '电话（不公开） Phone; never published' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string;

  @ApiPropertyOptional({
    description: '照片地址（记为问题的证据） URL of a photo; kept as the issue’s evidence reference',
    example: 'https://example.org/photo.jpg',
  })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'media_url must be an http(s) URL' },
  )
  @MaxLength(256)
  media_url?: string;

  @ApiPropertyOptional({
    description:
      '设备编号（区分匿名客户端的幂等键） Device id; separates anonymous clients’ Idempotency-Keys',
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  device_id?: string;

  @ApiPropertyOptional({
    description: '账号（不公开、不入问题） Reporter’s account id in the client; never stored',
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  account_id?: string;

  @ApiPropertyOptional({ description: '地址编号（忽略） GeoReport address_id; ignored (lat/long are used)' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  address_id?: string;
}

export const OPEN311_STATUSES = ['open', 'closed'] as const;
export type Open311Status = (typeof OPEN311_STATUSES)[number];

/** GeoReport v2 GET requests.json filters. */
export class Open311ListQueryDto extends Open311CommonDto {
  @ApiPropertyOptional({
    description: '服务代码（逗号分隔） Service codes, comma-separated',
    example: 'domestic_waste',
  })
  @IsOptional()
  @IsString()
  @MaxLength(640)
  service_code?: string;

  @ApiPropertyOptional({
    description: '起始时间 Earliest requested_datetime (ISO 8601)',
    example: '2026-01-01T00:00:00+08:00',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'start_date must be an ISO 8601 date-time' })
  start_date?: string;

  @ApiPropertyOptional({
    description: '截止时间 Latest requested_datetime (ISO 8601)',
    example: '2026-12-31T23:59:59+08:00',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'end_date must be an ISO 8601 date-time' })
  end_date?: string;

  @ApiPropertyOptional({
    description:
      '举报编号（逗号分隔；给出时忽略其他条件） Service request ids, comma-separated; the other filters are then ignored',
    example: '2026-000001,2026-000002',
  })
  @IsOptional()
  @IsString()
  @MaxLength(640)
  service_request_id?: string;

  @ApiPropertyOptional({ description: '状态 open or closed', enum: OPEN311_STATUSES })
  @IsOptional()
  @IsIn(OPEN311_STATUSES, { message: 'status must be open or closed' })
  status?: Open311Status;
}

/** GeoReport v2 service: one category of the responsibility catalog. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

/** GeoReport v2 service definition: the attributes a service asks for beyond the standard fields (none here). */
export interface Open311ServiceDefinition {
  service_code: string;
  attributes: never[];
}

/** GeoReport v2 service request: public-safe fields only, never who reported it. */
export interface Open311Request {
  service_request_id: string;
  status: Open311Status;
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}
