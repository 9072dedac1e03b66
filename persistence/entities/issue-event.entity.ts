import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One event of an issue's history (L15): appended, attributed, timestamped; never updated or deleted
 * (a database trigger refuses both).
 */
@Entity({ name: 'issue_events' })
@Index(['issueCode', 'seq'], { unique: true })
export class IssueEventEntity {
  /** `<workflowId>#<seq>`: deterministic, so a retried activity writes nothing twice. */
  @PrimaryColumn({ type: 'varchar', length: 96 })
  id!: string;

  @Column({ name: 'issue_code', type: 'varchar', length: 32 })
  issueCode!: string;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  type!: string;

  @Column({ type: 'varchar', length: 128 })
  actor!: string;

  @Column({ name: 'actor_unit', type: 'varchar', length: 32 })
  actorUnit!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  payload!: Record<string, unknown>;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
