import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One notice to one recipient in the durable outbox; delivery (e-mail, webhooks, inbox) reads from here. */
@Entity({ name: 'notification_outbox' })
export class NotificationEntity {
  /** `<event id>/<notice>/<audience>/<member>`: a retried write inserts nothing twice. */
  @PrimaryColumn({ type: 'varchar', length: 240 })
  id!: string;

  /** The issue the notice is about; null for a standing-duty notice (see `ref`). */
  @Column({ name: 'issue_code', type: 'varchar', length: 32, nullable: true })
  issueCode!: string | null;

  /** What a standing-duty notice is about: a report id, `grid/<code>`, `unit/<code>`. */
  @Column({ type: 'varchar', length: 160, nullable: true })
  ref!: string | null;

  /** The issue event that made the notice; null for a standing-duty notice. */
  @Column({ name: 'event_id', type: 'varchar', length: 96, nullable: true })
  eventId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  kind!: string;

  @Column({ type: 'varchar', length: 32 })
  audience!: string;

  @Column({ name: 'unit_code', type: 'varchar', length: 32, nullable: true })
  unitCode!: string | null;

  @Column({ name: 'member_id', type: 'varchar', length: 64, nullable: true })
  memberId!: string | null;

  @Column({ name: 'recipient_name', type: 'varchar', length: 128, nullable: true })
  recipientName!: string | null;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: 'pending' | 'unresolved' | 'delivered' | 'failed';

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  /** Not before this instant: a delivery's backoff, or the end of the recipient's quiet hours. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  /** A dispatcher works on the notice until then; another one leaves it alone. */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil!: Date | null;

  /** Why the last delivery attempt failed (for 县环委办), without the message. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
