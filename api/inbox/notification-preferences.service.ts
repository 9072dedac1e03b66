import { Injectable } from '@nestjs/common';
import { effectiveChannels, type Channel } from '../../domain/notifications/quiet-hours';
import { InboxRepository } from '../../persistence/repositories/inbox.repository';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import { OrganisationErrors } from '../organisation/organisation.errors';
import type { NotificationPreferencesDto } from './inbox.dto';

export interface NotificationPreferences {
  memberId: string;
  /** What was chosen; without a stored choice, the defaults. */
  channels: Channel[];
  /** The channels the member is actually reached on. */
  effectiveChannels: Channel[];
  quietStart: string | null;
  quietEnd: string | null;
  webhookUrl: string | null;
  webhookSecretSet: boolean;
  enabled: boolean;
  /** False while the member has never saved preferences. */
  stored: boolean;
}

/** 通知偏好 of the authenticated member: channels, quiet hours (免打扰), a personal webhook. */
@Injectable()
export class NotificationPreferencesService {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly organisation: OrganisationRepository,
  ) {}

  async get(memberId: string): Promise<NotificationPreferences> {
    const email = await this.memberEmail(memberId);
    const row = await this.inbox.preferences(memberId);
    if (!row) {
      return {
        memberId,
        channels: ['inbox', 'email'],
        effectiveChannels: effectiveChannels(null, email),
        quietStart: null,
        quietEnd: null,
        webhookUrl: null,
        webhookSecretSet: false,
        enabled: true,
        stored: false,
      };
    }
    return {
      memberId,
      channels: row.channels,
      effectiveChannels: effectiveChannels(
        { channels: row.channels, enabled: row.enabled, webhookUrl: row.webhook_url },
        email,
      ),
      quietStart: row.quiet_start,
      quietEnd: row.quiet_end,
      webhookUrl: row.webhook_url,
      webhookSecretSet: row.has_secret,
      enabled: row.enabled,
      stored: true,
    };
  }

  /** Replaces the member's preferences; a webhook secret not sent is kept. */
  async put(memberId: string, dto: NotificationPreferencesDto): Promise<NotificationPreferences> {
    await this.memberEmail(memberId);
    const quietStart = dto.quietStart ?? null;
    const quietEnd = dto.quietEnd ?? null;
    if ((quietStart === null) !== (quietEnd === null))
      throw OrganisationErrors.invalid(
        quietStart === null ? 'quietStart' : 'quietEnd',
        'quiet-hours-pair',
        'quietStart and quietEnd are given together or not at all',
        '免打扰开始和结束时间须同时填写或同时不填',
      );
    const webhookUrl = dto.webhookUrl ?? null;
    const existing = await this.inbox.webhookSecret(memberId);
    const secret = webhookUrl === null ? null : (dto.webhookSecret ?? existing);
    if (dto.channels.includes('webhook') && (webhookUrl === null || secret === null))
      throw OrganisationErrors.invalid(
        webhookUrl === null ? 'webhookUrl' : 'webhookSecret',
        'webhook-needs-url-and-secret',
        'the webhook channel needs webhookUrl and webhookSecret',
        'Webhook 通知须填写 webhookUrl 和 webhookSecret',
      );
    await this.inbox.savePreferences(memberId, {
      channels: dto.channels,
      webhookUrl,
      webhookSecret: secret,
      quietStart,
      quietEnd,
      enabled: dto.enabled ?? true,
    });
    return this.get(memberId);
  }

  /** The member's e-mail address; 404 when the token's member is not in the organisation. */
  private async memberEmail(memberId: string): Promise<string | null> {
    const member = await this.organisation.member(memberId);
    if (!member) throw OrganisationErrors.notFound('member', memberId);
    return member.email;
  }
}
