import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { MEMBER_ROLES, type MemberRole } from '../../../domain/organisation/roles';
import { boundaryProblem } from '../../../domain/organisation/grid-boundary';
import { GRID_KINDS, type GridKind } from '../../../domain/organisation/organisation.types';
import { UNIT_KINDS, type UnitKind } from '../../../persistence/entities/unit.entity';
import { RegisterPageQueryDto } from '../../common/pagination';
import { IsOrgCode, IsText, RECORD_ID } from '../../common/validation';

/** A client-chosen record id (key point, member): letters, digits, - and _, at most 64. */
function IsRecordId(description: string, example: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description, maxLength: 64, pattern: RECORD_ID.source, example }),
    IsOptional(),
    IsString(),
    Matches(RECORD_ID, {
      message: ({ property }) => `${property} must be letters, digits, - and _ (at most 64)`,
    }),
  );
}

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListGridsQueryDto extends RegisterPageQueryDto {
  @IsOrgCode('按单位筛选 Only this unit’s grids', { optional: true, example: 'WRB' })
  unit?: string;
}

export class ListKeyPointsQueryDto extends RegisterPageQueryDto {
  @ApiPropertyOptional({ description: '按网格筛选 Only this grid’s key points', example: 'DEMO-WRB-01' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  grid?: string;
}

export class ListMembersQueryDto extends RegisterPageQueryDto {
  @IsOrgCode('按单位筛选 Only this unit’s members', { optional: true, example: 'WRB' })
  unit?: string;

  @ApiPropertyOptional({ description: '按网格筛选 Only this grid’s members', example: 'DEMO-WRB-01' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  grid?: string;

  @ApiPropertyOptional({ description: '在岗状态 Only active (true) or removed (false) members' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;
}

/** 单位 (SPEC §1). */
export class CreateUnitDto {
  @IsOrgCode('单位代码 Unit code', { example: 'T-PINGYONG' })
  code!: string;

  @IsText('单位名称 Name', { max: 128, example: '平永镇' })
  name!: string;

  @ApiProperty({ description: '单位类型 Kind', enum: UNIT_KINDS, example: 'township' })
  @IsIn(UNIT_KINDS, { message: `kind must be one of ${UNIT_KINDS.join(', ')}` })
  kind!: UnitKind;

  @IsOrgCode('上级单位 Parent unit', { optional: true, example: 'COUNTY' })
  parentCode?: string | null;

  @IsText('州级对口部门 Prefecture counterpart (L12)', {
    max: 128,
    optional: true,
    example: '黔东南州水务局',
  })
  prefectureCounterpart?: string | null;

  @ApiPropertyOptional({
    description:
      '州级对口部门邮箱：审定后需报州级的材料（双调度、年度自评、县级年度报告）自动发送至此 Mailbox of the prefecture counterpart; sealed reports due to the prefecture are e-mailed there (P4, P6)',
    example: 'zhb@qdn.example.cn',
    nullable: true,
  })
  @IsOptional()
  @IsEmail({}, { message: 'prefectureEmail must be an e-mail address' })
  @MaxLength(254)
  prefectureEmail?: string | null;
}

export class UpdateUnitDto extends PartialType(OmitType(CreateUnitDto, ['code'] as const)) {}

/** 网格 (SPEC §1). */
export class CreateGridDto {
  @IsOrgCode('网格编号 Grid code', { example: 'T-GUZHOU-V03' })
  code!: string;

  @IsOrgCode('所属单位 Unit that supervises the grid', { example: 'T-GUZHOU' })
  unitCode!: string;

  @IsText('网格名称 Name', { max: 128, example: '古州镇三村网格' })
  name!: string;

  @ApiProperty({
    description: '类型 sector 行业网格 / village 村级网格 / sub_area 分片网格',
    enum: GRID_KINDS,
    example: 'village',
  })
  @IsIn(GRID_KINDS, { message: `kind must be one of ${GRID_KINDS.join(', ')}` })
  kind!: GridKind;

  @IsOrgCode('上级村级网格（分片） Village grid a sub-area belongs to', {
    optional: true,
    example: 'T-GUZHOU-V01',
  })
  parentGridCode?: string | null;

  @IsText('所在村 Village', { max: 64, optional: true, example: '三村' })
  village?: string | null;

  @ApiPropertyOptional({ description: '网格范围 Description', maxLength: 5000, example: '三村全域' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({
    description:
      '网格边界（GeoJSON Polygon 或 MultiPolygon，坐标为 [经度, 纬度]，WGS-84），作战图上绘制 The grid’s boundary for the maps: a GeoJSON Polygon or MultiPolygon, [longitude, latitude]',
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: {
      type: 'Polygon',
      coordinates: [
        [
          [108.5, 25.92],
          [108.54, 25.92],
          [108.54, 25.95],
          [108.5, 25.95],
          [108.5, 25.92],
        ],
      ],
    },
  })
  @IsOptional()
  @ValidateBy(
    {
      name: 'gridBoundary',
      validator: {
        validate: (value: unknown) => value === null || boundaryProblem(value) === null,
        defaultMessage: (args) => boundaryProblem(args?.value) ?? 'boundary is not valid',
      },
    },
    { context: { zh: '网格边界须为 GeoJSON Polygon 或 MultiPolygon，坐标为 [经度, 纬度]，首尾相同' } },
  )
  boundary?: Record<string, unknown> | null;
}

export class UpdateGridDto extends PartialType(OmitType(CreateGridDto, ['code'] as const)) {}

/** 重点监控区域、点位 (P1). */
export class CreateKeyPointDto {
  @IsRecordId('点位编号（可选，缺省自动生成） Optional id', 'kp-wrb-02')
  id?: string;

  @ApiProperty({
    description: '所属网格 Grid',
    example: 'DEMO-WRB-01',
    maxLength: 64,
    pattern: RECORD_ID.source,
  })
  @IsString()
  @Matches(RECORD_ID, { message: 'gridCode must be a grid code' })
  gridCode!: string;

  @IsText('点位名称 Name', { max: 128, example: '城区饮用水水源地' })
  name!: string;

  @ApiPropertyOptional({
    description: '纬度 Latitude',
    minimum: -90,
    maximum: 90,
    example: 25.93,
    nullable: true,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat?: number | null;

  @ApiPropertyOptional({
    description: '经度 Longitude',
    minimum: -180,
    maximum: 180,
    example: 108.52,
    nullable: true,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lng?: number | null;

  @ApiPropertyOptional({ description: '说明 Description', maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

export class UpdateKeyPointDto extends PartialType(OmitType(CreateKeyPointDto, ['id'] as const)) {}

/** 网格员 and heads (SPEC §1). */
export class CreateMemberDto {
  @IsRecordId('人员编号（可选，缺省自动生成） Optional id', 'm-guzhou-0001')
  id?: string;

  @IsOrgCode('所属单位 Unit', { example: 'T-GUZHOU' })
  unitCode!: string;

  @IsOrgCode('所属网格 Grid', { optional: true, example: 'DEMO-T-GUZHOU-V01' })
  gridCode?: string | null;

  @IsText('姓名 Name', { max: 64, example: '王网格' })
  name!: string;

  @ApiProperty({
    description: `角色 Roles, from: ${MEMBER_ROLES.join(', ')}`,
    enum: MEMBER_ROLES,
    isArray: true,
    example: ['grid_member'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MEMBER_ROLES.length)
  @ArrayUnique()
  @IsIn(MEMBER_ROLES, { each: true, message: `each of roles must be one of ${MEMBER_ROLES.join(', ')}` })
  roles!: MemberRole[];

  @ApiPropertyOptional({
    description: '联系电话（不公开） Phone, internal',
    example: '13900000001',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9][0-9 -]{4,30}$/, { message: 'phone must be a phone number (digits, spaces, -)' })
  @MaxLength(32)
  phone?: string | null;

  @ApiPropertyOptional({ description: '电子邮箱（不公开） E-mail, internal', example: 'wang@example.cn' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(128)
  email?: string | null;

  @IsText('公开联系方式 Public contact (G5)', { max: 128, optional: true, example: '0855-6621234' })
  publicContact?: string | null;

  @ApiPropertyOptional({ description: '是否科级干部 Section-level cadre (G2, G3)', example: true })
  @IsOptional()
  @IsBoolean()
  isSectionCadre?: boolean;

  @IsText('岗位 Post, e.g. 驻村第一书记', { max: 32, optional: true, example: '驻村第一书记' })
  post?: string | null;

  @ApiPropertyOptional({ description: '是否公示 Shown in the public listing (G5)', example: true })
  @IsOptional()
  @IsBoolean()
  public?: boolean;
}

export class UpdateMemberDto extends PartialType(OmitType(CreateMemberDto, ['id'] as const)) {
  @ApiPropertyOptional({ description: '在岗 Active (true restores a removed member)', example: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
