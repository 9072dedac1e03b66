import { IsNull } from 'typeorm';
import type { Channel } from '../../domain/notifications/quiet-hours';
import { InboxItemEntity } from '../entities/inbox-item.entity';
import { returnedRows } from '../returning';
import type { Db } from './db';

/** A member's saved notification preferences, the webhook secret only as whether there is one. */
export interface StoredPreferencesRow {
  channels: Channel[];
  webhook_url: string | null;
  has_secret: boolean;
  quiet_start: string | null;
  quiet_end: string | null;
  enabled: boolean;
}

/** Notification preferences as they are saved. */
export interface PreferencesValues {
  channels: Channel[];
  webhookUrl: string | null;
  webhookSecret: string | null;
  quietStart: string | null;
  quietEnd: string | null;
  enabled: boolean;
}

/** 站内信 and 通知偏好: a member's in-app inbox (`inbox_items`) and notification preferences. */
export class InboxRepository {
  constructor(private readonly db: Db) {}

  /** The member's newest items, at most `take`. */
  newest(memberId: string, unreadOnly: boolean, take: number): Promise<InboxItemEntity[]> {
    return this.db.getRepository(InboxItemEntity).find({
      where: { memberId, ...(unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take,
    });
  }

  /** One page of the member's items, newest first, and how many match. */
  page(
    memberId: string,
    unreadOnly: boolean,
    skip: number,
    take: number,
  ): Promise<[InboxItemEntity[], number]> {
    return this.db.getRepository(InboxItemEntity).findAndCount({
      where: { memberId, ...(unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip,
      take,
    });
  }

  /** How many of the member's items are unread. */
  unread(memberId: string): Promise<number> {
    return this.db.getRepository(InboxItemEntity).count({ where: { memberId, readAt: IsNull() } });
  }

  /** Marks one item read (the first read time stays); false when the member has no such item. */
  async markRead(memberId: string, itemId: string): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(
      await this.db.query<unknown>(
        `UPDATE inbox_items SET read_at = coalesce(read_at, now()) WHERE id = $1 AND member_id = $2 RETURNING id`,
        [itemId, memberId],
      ),
    );
    return rows.length > 0;
  }

  /** Marks every unread item of the member read; returns how many. */
  async markAllRead(memberId: string): Promise<number> {
    const rows = returnedRows<{ id: string }>(
      await this.db.query<unknown>(
        `UPDATE inbox_items SET read_at = now() WHERE member_id = $1 AND read_at IS NULL RETURNING id`,
        [memberId],
      ),
    );
    return rows.length;
  }

  /** The member's saved preferences, or undefined while there are none. */
  async preferences(memberId: string): Promise<StoredPreferencesRow | undefined> {
    const [row] = await this.db.query<StoredPreferencesRow[]>(
      `SELECT channels, webhook_url, webhook_secret IS NOT NULL AS has_secret, quiet_start, quiet_end, enabled
         FROM notification_preferences WHERE member_id = $1`,
      [memberId],
    );
    return row;
  }

  /** The member's saved webhook secret, or null. */
  async webhookSecret(memberId: string): Promise<string | null> {
    const [existing] = await this.db.query<Array<{ webhook_secret: string | null }>>(
      `SELECT webhook_secret FROM notification_preferences WHERE member_id = $1`,
      [memberId],
    );
    return existing?.webhook_secret ?? null;
  }

  /** Replaces the member's preferences. */
  async savePreferences(memberId: string, values: PreferencesValues): Promise<void> {
    await this.db.query(
      `INSERT INTO notification_preferences
         (member_id, channels, webhook_url, webhook_secret, quiet_start, quiet_end, enabled, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (member_id) DO UPDATE SET channels = EXCLUDED.channels, webhook_url = EXCLUDED.webhook_url,
         webhook_secret = EXCLUDED.webhook_secret, quiet_start = EXCLUDED.quiet_start,
         quiet_end = EXCLUDED.quiet_end, enabled = EXCLUDED.enabled, updated_at = now()`,
      [
        memberId,
        values.channels,
        values.webhookUrl,
        values.webhookSecret,
        values.quietStart,
        values.quietEnd,
        values.enabled,
      ],
    );
  }
}
