import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { Channel } from '../../domain/notifications/quiet-hours';

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

/**
 * One notice on one channel to one target (address, webhook endpoint, inbox). Written with status 'sending'
 * before anything leaves, so a killed worker's successor knows what may be in flight.
 */
@Entity({ name: 'notification_deliveries' })
@Unique(['notificationId', 'channel', 'target'])
export class NotificationDeliveryEntity {
  /** Deterministic (a hash of notice, channel and target): sent as `X-EcoGrid-Delivery` for receivers to de-duplicate. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'notification_id', type: 'varchar', length: 240 })
  notificationId!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: Channel;

  @Column({ type: 'varchar', length: 300 })
  target!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
