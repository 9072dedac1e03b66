import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  Matches,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  PATROL_ISSUE_SOURCES,
  PATROL_METHODS,
  PATROL_METHODS_TEXT,
  trackProblem,
  type PatrolIssueSource,
  type PatrolMethod,
} from '../../../domain/duties/patrols/patrol';
import { IsIssueCodeList, IsText, RECORD_ID } from '../../common/validation';
import { CreateIssueDto } from '../../issues/dto/create-issue.dto';
import { IsInstant } from '../../common/period-validation';

/** A place visited that is not a registered key point. */
export class PatrolPointDto {
  @IsText('地点名称 Place', { max: 128, example: '车江大桥下游左岸' })
  name!: string;

  @ApiPropertyOptional({ description: '纬度 Latitude (WGS-84); with lng', example: 25.94 })
  @ValidateIf((p: PatrolPointDto) => p.lat !== undefined || p.lng !== undefined)
  @IsLatitude({ message: 'lat must be a latitude between -90 and 90 (lat and lng go together)' })
  lat?: number;

  @ApiPropertyOptional({ description: '经度 Longitude (WGS-84); with lat', example: 108.5 })
  @ValidateIf((p: PatrolPointDto) => p.lat !== undefined || p.lng !== undefined)
  @IsLongitude({ message: 'lng must be a longitude between -180 and 180 (lat and lng go together)' })
  lng?: number;
}

/** A problem found on the patrol and reported with it: it starts its own lifecycle (L1, L2). */
export class PatrolIssueDto extends OmitType(CreateIssueDto, ['source', 'patrolId'] as const) {
  @ApiProperty({
    description: '问题来源 patrol 巡查（巡查、明查、暗查、查厂内、查厂外） / resident_visit 访群众',
    enum: PATROL_ISSUE_SOURCES,
    example: 'patrol',
  })
  @IsIn(PATROL_ISSUE_SOURCES, {
    message: `source must be one of ${PATROL_ISSUE_SOURCES.join(', ')} (a problem found on a patrol)`,
  })
  source!: PatrolIssueSource;
}

const GRID_CODE_MESSAGE = 'must be letters, digits, - and _ (at most 64)';

/** 巡查记录 One patrol of one grid (SPEC P2); the recorder comes from the token. Appended, never edited. */
export class CreatePatrolDto {
  @ApiProperty({ description: '巡查网格 Grid code', example: 'DEMO-ULE-01', maxLength: 64 })
  @IsString()
  @Matches(RECORD_ID, { message: `gridCode ${GRID_CODE_MESSAGE}` })
  gridCode!: string;

  @ApiProperty({
    description: '带队人 Member id of who led the patrol (P2: 直接负责人 / 网格长 / 副网格长)',
    example: 'demo-ule-leader',
    maxLength: 64,
  })
  @IsString()
  @Matches(RECORD_ID, { message: `leaderId ${GRID_CODE_MESSAGE}` })
  leaderId!: string;

  @ApiProperty({
    description: '参加人员 Member ids of the grid’s or unit’s members on the patrol (the leader is added)',
    type: [String],
    minItems: 1,
    maxItems: 50,
    example: ['demo-ule-member-1', 'demo-ule-member-2'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique({ message: 'memberIds must not repeat a member' })
  @Matches(RECORD_ID, { each: true, message: `memberIds ${GRID_CODE_MESSAGE}` })
  memberIds!: string[];

  @IsInstant('开始时间 Start (ISO 8601 with offset)', '2027-03-02T09:00:00+08:00')
  startedAt!: string;

  @IsInstant('结束时间 End, after the start (ISO 8601 with offset)', '2027-03-02T11:30:00+08:00')
  endedAt!: string;

  @ApiProperty({
    description: `工作方法（三三制，至少一项） Methods, at least one: ${PATROL_METHODS_TEXT}`,
    enum: PATROL_METHODS,
    isArray: true,
    example: ['inspection', 'resident_visit'],
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'methods must name at least one method of 三三制' })
  @ArrayUnique({ message: 'methods must not repeat a method' })
  @IsIn(PATROL_METHODS, { each: true, message: `methods must each be one of ${PATROL_METHODS_TEXT}` })
  methods!: PatrolMethod[];

  @ApiPropertyOptional({
    description: '巡查的重点监控点位 Key points of the grid covered (P1)',
    type: [String],
    maxItems: 200,
    example: ['demo-kp-wrb-01'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique({ message: 'keyPointIds must not repeat a key point' })
  @Matches(RECORD_ID, { each: true, message: `keyPointIds ${GRID_CODE_MESSAGE}` })
  keyPointIds?: string[];

  @ApiPropertyOptional({ description: '其他巡查地点 Other places visited', type: [PatrolPointDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PatrolPointDto)
  points?: PatrolPointDto[];

  @ApiPropertyOptional({
    description: '轨迹 GPS track: a GeoJSON LineString or MultiLineString geometry, positions [lng, lat]',
    example: {
      type: 'LineString',
      coordinates: [
        [108.5007, 25.9386],
        [108.5021, 25.9391],
      ],
    },
  })
  @IsOptional()
  @ValidateBy({
    name: 'geojson-track',
    validator: {
      validate: (value: unknown) => trackProblem(value) === null,
      defaultMessage: (args) => trackProblem(args?.value) ?? 'track is not valid',
    },
  })
  track?: Record<string, unknown>;

  @IsText('巡查情况 Notes', { max: 5000, optional: true, example: '河段整体良好，左岸有少量垃圾' })
  notes?: string;

  @IsIssueCodeList('发现的已上报问题 Codes of issues already reported that the patrol found (again)')
  issueCodes?: string[];

  @ApiPropertyOptional({
    description:
      '新发现的问题 New problems found: each starts its lifecycle (L1) and is stored on the patrol',
    type: [PatrolIssueDto],
    maxItems: 20,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PatrolIssueDto)
  newIssues?: PatrolIssueDto[];
}
