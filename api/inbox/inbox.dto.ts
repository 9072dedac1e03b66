import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { CHANNELS, type Channel } from '../../domain/notifications/quiet-hours';
import { RegisterPageQueryDto } from '../common/pagination';

export class InboxQueryDto extends RegisterPageQueryDto {
  @ApiPropertyOptional({ description: '只看未读 Unread items only', example: true })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** 通知偏好: how the member wants to be reached. */
export class NotificationPreferencesDto {
  @ApiProperty({
    description: '渠道 Channels (站内信 inbox is always delivered)',
    enum: CHANNELS,
    isArray: true,
    example: ['inbox', 'email'],
  })
  @IsArray()
  @ArrayMaxSize(CHANNELS.length)
  @ArrayUnique()
  @IsIn(CHANNELS, { each: true, message: `each of channels must be one of ${CHANNELS.join(', ')}` })
  channels!: Channel[];

  @ApiPropertyOptional({
    description: '免打扰开始 Quiet hours start, HH:MM Asia/Shanghai',
    example: '22:00',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @Matches(HH_MM, { message: 'quietStart must be HH:MM (00:00–23:59)' })
  quietStart?: string | null;

  @ApiPropertyOptional({
    description: '免打扰结束 Quiet hours end, HH:MM Asia/Shanghai',
    example: '07:30',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @Matches(HH_MM, { message: 'quietEnd must be HH:MM (00:00–23:59)' })
  quietEnd?: string | null;

  @ApiPropertyOptional({
    description: '个人 Webhook 地址 Webhook URL',
    example: 'https://bot.example.cn/hook',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'webhookUrl must be an http(s) URL' },
  )
  webhookUrl?: string | null;

  @ApiPropertyOptional({
    description: 'Webhook 签名密钥（只写） Webhook signing secret, write-only, 16–256 characters',
  })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  webhookSecret?: string;

  @ApiPropertyOptional({
    description: '是否接收通知 Receive notices on channels other than the inbox',
    example: true,
  })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
