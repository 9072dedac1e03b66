import { Column, Entity, PrimaryColumn } from 'typeorm';

export const LEDGER_ROLES = ['finder', 'sector_owner', 'territorial_owner'] as const;
export type LedgerRole = (typeof LEDGER_ROLES)[number];

/** An issue's line in one unit's ledger (问题台账, L2 and L6): who carries it, and in which role. */
@Entity({ name: 'ledger_entries' })
export class LedgerEntryEntity {
  @PrimaryColumn({ name: 'issue_code', type: 'varchar', length: 32 })
  issueCode!: string;

  @PrimaryColumn({ name: 'unit_code', type: 'varchar', length: 32 })
  unitCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  role!: LedgerRole;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** The event that opened this line. */
  @Column({ name: 'opened_by_event', type: 'varchar', length: 96 })
  openedByEvent!: string;
}
