import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Channel } from '../../domain/notifications/quiet-hours';

/** How a member wants to be reached; without a row: the inbox, and e-mail when the member has an address. */
@Entity({ name: 'notification_preferences' })
export class NotificationPreferenceEntity {
  @PrimaryColumn({ name: 'member_id', type: 'varchar', length: 64 })
  memberId!: string;

  /** A subset of email, webhook, inbox; the inbox is delivered whatever this says. */
  @Column({ type: 'text', array: true, default: () => "'{inbox,email}'" })
  channels!: Channel[];

  @Column({ name: 'webhook_url', type: 'text', nullable: true })
  webhookUrl!: string | null;

  /** Signs the member's own webhook; never logged. */
  @Column({ name: 'webhook_secret', type: 'text', nullable: true, select: false })
  webhookSecret!: string | null;

  /** 免打扰 start, HH:MM Asia/Shanghai. */
  @Column({ name: 'quiet_start', type: 'varchar', length: 5, nullable: true })
  quietStart!: string | null;

  @Column({ name: 'quiet_end', type: 'varchar', length: 5, nullable: true })
  quietEnd!: string | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
