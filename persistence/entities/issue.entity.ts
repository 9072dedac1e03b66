import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { IssueSource, IssueStatus, Severity } from '../../domain/issue/issue.types';

/** The read model of one issue: a projection that activities keep in step with its workflow. */
@Entity({ name: 'issues' })
export class IssueEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code!: string;

  /** `issue-<code>`: unique through the code, so the upsert has one arbiter (Q3). */
  @Column({ name: 'workflow_id', type: 'varchar', length: 64 })
  workflowId!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Index()
  @Column({ type: 'varchar', length: 64 })
  category!: string;

  @Column({ type: 'varchar', length: 16 })
  severity!: Severity;

  @Column({ type: 'varchar', length: 32 })
  source!: IssueSource;

  @Index()
  @Column({ type: 'varchar', length: 32 })
  township!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  village!: string | null;

  /** The grid the location was placed in, or the grid the reporter named (G7). */
  @Column({ name: 'grid_code', type: 'varchar', length: 64, nullable: true })
  gridCode!: string | null;

  @Column({ type: 'double precision', nullable: true })
  lat!: number | null;

  @Column({ type: 'double precision', nullable: true })
  lng!: number | null;

  @Column({ name: 'finder_unit', type: 'varchar', length: 32 })
  finderUnit!: string;

  @Column({ name: 'reported_by', type: 'varchar', length: 128 })
  reportedBy!: string;

  @Index()
  @Column({ name: 'sector_owner', type: 'varchar', length: 32 })
  sectorOwner!: string;

  @Index()
  @Column({ name: 'territorial_owner', type: 'varchar', length: 32 })
  territorialOwner!: string;

  /** The unit now responsible for rectification. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  owner!: string | null;

  @Index()
  @Column({ type: 'varchar', length: 32 })
  status!: IssueStatus;

  /** 县级督办 (L10). */
  @Column({ name: 'county_supervision', type: 'boolean', default: false })
  countySupervision!: boolean;

  /** L16 accountability flag. */
  @Column({ name: 'accountability_flagged', type: 'boolean', default: false })
  accountabilityFlagged!: boolean;

  /** Units whose ledgers hold the issue, kept by a trigger on `ledger_entries` for the list's unit scope (Q2). */
  @Column({ name: 'ledger_units', type: 'text', array: true, default: () => "'{}'" })
  ledgerUnits!: string[];

  /** Units that must act next. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  awaiting!: string[];

  /** The workflow state as of the last projected event. */
  @Column({ type: 'jsonb', nullable: true })
  state!: Record<string, unknown> | null;

  @Column({ name: 'definition_version', type: 'varchar', length: 32 })
  definitionVersion!: string;

  @Column({ type: 'timestamptz', nullable: true })
  deadline!: Date | null;

  @Column({ type: 'boolean', default: false })
  overdue!: boolean;

  @Column({ name: 'escalation_level', type: 'int', default: 0 })
  escalationLevel!: number;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt!: Date;

  /** Sequence number of the last event projected into this row; projections only move forward. */
  @Column({ name: 'last_event_seq', type: 'int' })
  lastEventSeq!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
