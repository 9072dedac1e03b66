import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/organisation/roles';
import { CurrentActor } from '../auth/current-actor.decorator';
import { OrganisationErrors } from '../organisation/organisation.errors';
import { InboxQueryDto, NotificationPreferencesDto } from './inbox.dto';
import { InboxService, type InboxListing } from './inbox.service';
import {
  INBOX_MARKED_ALL_SCHEMA,
  INBOX_MARKED_ONE_SCHEMA,
  INBOX_PAGE_SCHEMA,
  NOTIFICATION_PREFERENCES_SCHEMA,
} from './inbox.schemas';
import {
  NotificationPreferencesService,
  type NotificationPreferences,
} from './notification-preferences.service';

/** 站内信: the authenticated member's own inbox (the member is the token's `sub`). */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('api/v1/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({
    summary: '我的站内信 My inbox',
    description:
      '当前成员的通知，最新在前；unread=true 只看未读。The current member’s notices, newest first, paginated.',
  })
  @ApiOkResponse({ description: '{ items, page, pageSize, total, unread }', schema: INBOX_PAGE_SCHEMA })
  list(@Query() query: InboxQueryDto, @CurrentActor() actor: Actor): Promise<InboxListing> {
    return this.inbox.page(actor.id, {
      unreadOnly: query.unread === true,
      page: query.page,
      pageSize: query.pageSize,
    });
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: '全部标为已读 Mark all read' })
  @ApiOkResponse({ description: '{ marked }: how many items were unread.', schema: INBOX_MARKED_ALL_SCHEMA })
  async readAll(@CurrentActor() actor: Actor): Promise<{ marked: number }> {
    return { marked: await this.inbox.markAllRead(actor.id) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({
    summary: '标为已读 Mark one read',
    description: '幂等；不是本人的或不存在的为 404。Idempotent; 404 for an item that is not the member’s.',
  })
  @ApiParam({ name: 'id', example: '42' })
  @ApiOkResponse({ description: '{ id, read: true }', schema: INBOX_MARKED_ONE_SCHEMA })
  async read(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<{ id: string; read: true }> {
    if (!(await this.inbox.markRead(actor.id, id))) throw OrganisationErrors.notFound('inbox-item', id);
    return { id, read: true };
  }
}

/** 通知偏好 of the authenticated member. */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('api/v1/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get('me')
  @ApiOperation({
    summary: '我的通知偏好 My notification preferences',
    description:
      '未设置时为默认值（站内信，有邮箱时加邮件）。Defaults until saved: the inbox, and e-mail when the member has an address.',
  })
  @ApiOkResponse({ description: 'The preferences.', schema: NOTIFICATION_PREFERENCES_SCHEMA })
  get(@CurrentActor() actor: Actor): Promise<NotificationPreferences> {
    return this.preferences.get(actor.id);
  }

  @Put('me')
  @ApiOperation({
    summary: '设置通知偏好 Set my notification preferences',
    description:
      '渠道、免打扰时段（HH:MM，成对）、Webhook 地址与密钥；密钥只写，不回显。Channels, quiet hours (HH:MM, both or neither), webhook URL and write-only secret.',
  })
  @ApiOkResponse({ description: 'The saved preferences.', schema: NOTIFICATION_PREFERENCES_SCHEMA })
  put(
    @Body() dto: NotificationPreferencesDto,
    @CurrentActor() actor: Actor,
  ): Promise<NotificationPreferences> {
    return this.preferences.put(actor.id, dto);
  }
}
