import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MEMBER_ROLES } from '../../domain/organisation/roles';
import { UNIT_KINDS } from '../../persistence/entities/unit.entity';

export class LoginDto {
  @ApiProperty({
    description: '账号：手机号或账号名 Mobile number or account name',
    example: 'demo-ule-head',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  account!: string;

  @ApiProperty({ description: '密码 Password', example: 'demo1234', format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: '当前密码（或临时密码） Current or temporary password', format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  currentPassword!: string;

  @ApiProperty({
    description:
      '新密码：8–128 个字符，至少包含字母、数字、符号中的两类，不能与账号或当前密码相同。8–128 characters, two kinds of character, not the account name or the current password.',
    format: 'password',
    minLength: 8,
    maxLength: 128,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  newPassword!: string;
}

export class MeDto {
  @ApiProperty({ example: 'demo-ule-head' })
  id!: string;
  @ApiProperty({ example: '演示-ULE分网格长' })
  name!: string;
  @ApiProperty({ example: 'ULE' })
  unitCode!: string;
  @ApiProperty({ example: '县综合行政执法局' })
  unitName!: string;
  @ApiProperty({ enum: UNIT_KINDS })
  unitKind!: string;
  @ApiProperty({ enum: MEMBER_ROLES, isArray: true, description: '名册中的角色 Roles from the roster' })
  roles!: string[];
  @ApiProperty({ type: String, nullable: true, example: 'DEMO-ULE-01' })
  gridCode!: string | null;
  @ApiProperty({
    type: [String],
    example: ['unit:ULE', 'organisation:ULE'],
    description:
      '可见与可管理范围 What the member sees and manages: unit:<code>, county (all units), organisation:<code> or organisation:*',
  })
  scopes!: string[];
  @ApiProperty({ description: '须先修改密码 A new password must be set first' })
  mustChangePassword!: boolean;
  @ApiProperty({ enum: ['zh-CN', 'en'], description: '由 Accept-Language 决定 From Accept-Language' })
  locale!: string;
}

export class LoginResponseDto {
  @ApiProperty({ type: MeDto })
  member!: MeDto;
  @ApiProperty()
  mustChangePassword!: boolean;
}

export class OidcProviderDto {
  @ApiProperty()
  enabled!: boolean;
  @ApiProperty({ example: '统一身份认证登录' })
  label!: string;
}

export class ProvidersDto {
  @ApiProperty({ description: '可用密码登录 Password sign-in is available' })
  password!: boolean;
  @ApiProperty({ type: OidcProviderDto })
  oidc!: OidcProviderDto;
}

export class PasswordResetDto {
  @ApiProperty({
    description: '临时密码，仅显示一次 The temporary password, shown once',
    example: 'Xk7mPq2rTz9a',
  })
  temporaryPassword!: string;
}
