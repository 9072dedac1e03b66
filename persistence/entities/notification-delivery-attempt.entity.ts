import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every attempt to deliver, with its outcome: 'interrupted' is a send whose worker died before recording it. */
@Entity({ name: 'notification_delivery_attempts' })
export class NotificationDeliveryAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'delivery_id', type: 'varchar', length: 64 })
  deliveryId!: string;

  @Column({ type: 'int' })
  attempt!: number;

  @Column({ type: 'varchar', length: 16 })
  channel!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: 'sent' | 'error' | 'interrupted' | 'held';

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
