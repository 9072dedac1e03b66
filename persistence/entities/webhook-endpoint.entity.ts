import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A signed-webhook receiver, e.g. a county office's chat bot; gets the notices of the units and roles it filters. */
@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpointEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'text' })
  url!: string;

  /** HMAC-SHA256 key of the `X-EcoGrid-Signature` header; never logged. */
  @Column({ type: 'text', select: false })
  secret!: string;

  /** Recipient units whose notices it gets; empty means every unit. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  units!: string[];

  /** Recipient roles whose notices it gets; empty means every role. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles!: string[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
