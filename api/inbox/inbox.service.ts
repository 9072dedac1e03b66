import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { InboxItemEntity } from '../../persistence/entities/inbox-item.entity';
import { InboxRepository } from '../../persistence/repositories/inbox.repository';

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
  private readonly items: InboxRepository;

  // Built from the DataSource, so a script or a test can make one without Nest.
  constructor(dataSource: DataSource) {
    this.items = new InboxRepository(dataSource);
  }

  /** Newest first, with the number still unread. */
  async list(memberId: string, options: { unreadOnly?: boolean; limit?: number } = {}): Promise<InboxPage> {
    const rows = await this.items.newest(
      memberId,
      !!options.unreadOnly,
      Math.min(Math.max(options.limit ?? 50, 1), 200),
    );
    const unread = await this.items.unread(memberId);
    return { items: rows.map(view), unread };
  }

  /** One page of the member's items, newest first, with the total matched and the number still unread. */
  async page(
    memberId: string,
    options: { unreadOnly: boolean; page: number; pageSize: number },
  ): Promise<InboxListing> {
    const [rows, total] = await this.items.page(
      memberId,
      options.unreadOnly,
      (options.page - 1) * options.pageSize,
      options.pageSize,
    );
    const unread = options.unreadOnly ? total : await this.items.unread(memberId);
    return { items: rows.map(view), page: options.page, pageSize: options.pageSize, total, unread };
  }

  /** Marks one item read; idempotent (the first read time stays). False when the member has no such item. */
  async markRead(memberId: string, itemId: string): Promise<boolean> {
    // Ids are bigint: anything longer than 18 digits cannot be one (and would overflow the cast).
    if (!/^\d{1,18}$/.test(itemId)) return false;
    return this.items.markRead(memberId, itemId);
  }

  /** Marks every unread item of the member read; returns how many. */
  markAllRead(memberId: string): Promise<number> {
    return this.items.markAllRead(memberId);
  }
}

export interface InboxListing {
  items: InboxItem[];
  page: number;
  pageSize: number;
  total: number;
  unread: number;
}
