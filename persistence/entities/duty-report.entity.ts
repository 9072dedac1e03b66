import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { DutyReportKind } from '../../domain/duties/reports/reports';

export { DUTY_REPORT_KINDS, type DutyReportKind } from '../../domain/duties/reports/reports';

/**
 * One report of one unit for one period, id `<kind>/<unit>/<period>`. Drafted automatically, revised by the
 * unit, approved by its head: the approval is the digital seal (who, when, and the hash of exactly what was
 * approved), and it submits the report.
 */
@Entity({ name: 'duty_reports' })
export class DutyReportEntity {
  @PrimaryColumn({ type: 'varchar', length: 96 })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: DutyReportKind;

  @Column({ name: 'unit_code', type: 'varchar', length: 32 })
  unitCode!: string;

  /** Period id: 2027-W02, 2027-03 or 2027. */
  @Column({ type: 'varchar', length: 16 })
  period!: string;

  @Column({ name: 'period_start', type: 'timestamptz' })
  periodStart!: Date;

  @Column({ name: 'period_end', type: 'timestamptz' })
  periodEnd!: Date;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status!: 'draft' | 'submitted';

  @Column({ type: 'jsonb' })
  content!: Record<string, unknown>;

  /** sha256 of the canonical JSON of `content`. */
  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash!: string;

  @Column({ type: 'int', default: 1 })
  revision!: number;

  @Column({ name: 'approved_by', type: 'varchar', length: 64, nullable: true })
  approvedBy!: string | null;

  @Column({ name: 'approved_by_name', type: 'varchar', length: 64, nullable: true })
  approvedByName!: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  /** The seal: sha256 over the report id, revision, content hash, approver and approval instant. */
  @Column({ name: 'seal_hash', type: 'char', length: 64, nullable: true })
  sealHash!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  /** Whether it was submitted by `dueAt`; null while not submitted. */
  @Column({ name: 'on_time', type: 'boolean', nullable: true })
  onTime!: boolean | null;

  /** When the deadline passed without the report. */
  @Column({ name: 'late_marked_at', type: 'timestamptz', nullable: true })
  lateMarkedAt!: Date | null;

  /** How many chasing notices went out after the deadline. */
  @Column({ type: 'int', default: 0 })
  chased!: number;

  @Column({ name: 'workflow_id', type: 'varchar', length: 160, nullable: true })
  workflowId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** What happened to a report: drafted, revised, approved, reminded, marked late, chased. Append-only. */
@Entity({ name: 'duty_report_events' })
export class DutyReportEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ name: 'report_id', type: 'varchar', length: 96 })
  reportId!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  actor!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload!: Record<string, unknown>;
}
