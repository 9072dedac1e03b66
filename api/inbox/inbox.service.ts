import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { InboxItemEntity } from '../../persistence/entities/inbox-item.entity';
import { returnedRows } from '../../persistence/returning';

export interface InboxItem {
  id: string;
  notificationId: string;
  subject: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  unread: number;
}

const view = (row: InboxItemEntity): InboxItem => ({
  id: row.id,
  notificationId: row.notificationId,
  subject: row.subject,
  body: row.body,
  createdAt: row.createdAt.toISOString(),
  readAt: row.readAt ? row.readAt.toISOString() : null,
});

/**
 * 站内信: a member's in-app inbox. Use cases only; the caller (a controller behind auth) passes the member id of
 * the authenticated member, so one member never reads or marks another's items.
 */
@Injectable()
export class InboxService {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first, with the number still unread. */
  async list(memberId: string, options: { unreadOnly?: boolean; limit?: number } = {}): Promise<InboxPage> {
    const repo = this.dataSource.getRepository(InboxItemEntity);
    const rows = await repo.find({
      where: { memberId, ...(options.unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: Math.min(Math.max(options.limit ?? 50, 1), 200),
    });
    const unread = await repo.count({ where: { memberId, readAt: IsNull() } });
    return { items: rows.map(view), unread };
  }

  /** One page of the member's items, newest first, with the total matched and the number still unread. */
  async page(
    memberId: string,
    options: { unreadOnly: boolean; page: number; pageSize: number },
  ): Promise<InboxListing> {
    const repo = this.dataSource.getRepository(InboxItemEntity);
    const [rows, total] = await repo.findAndCount({
      where: { memberId, ...(options.unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (options.page - 1) * options.pageSize,
      take: options.pageSize,
    });
    const unread = options.unreadOnly ? total : await repo.count({ where: { memberId, readAt: IsNull() } });
    return { items: rows.map(view), page: options.page, pageSize: options.pageSize, total, unread };
  }

  /** Marks one item read; idempotent (the first read time stays). False when the member has no such item. */
  async markRead(memberId: string, itemId: string): Promise<boolean> {
    // Ids are bigint: anything longer than 18 digits cannot be one (and would overflow the cast).
    if (!/^\d{1,18}$/.test(itemId)) return false;
    const rows = returnedRows<{ id: string }>(
      await this.dataSource.query<unknown>(
        `UPDATE inbox_items SET read_at = coalesce(read_at, now()) WHERE id = $1 AND member_id = $2 RETURNING id`,
        [itemId, memberId],
      ),
    );
    return rows.length > 0;
  }

  /** Marks every unread item of the member read; returns how many. */
  async markAllRead(memberId: string): Promise<number> {
    const rows = returnedRows<{ id: string }>(
      await this.dataSource.query<unknown>(
        `UPDATE inbox_items SET read_at = now() WHERE member_id = $1 AND read_at IS NULL RETURNING id`,
        [memberId],
      ),
    );
    return rows.length;
  }
}

export interface InboxListing {
  items: InboxItem[];
  page: number;
  pageSize: number;
  total: number;
  unread: number;
}
