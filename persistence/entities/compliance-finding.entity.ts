import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What a duty clock found (P1, P2, P3, P5): a grid not patrolled in a week, a key point covered too rarely, a
 * weekly patrol not led by the head, a missing consultation or report. Id `<rule>/<period>/<subject>/<stage>`.
 */
@Entity({ name: 'compliance_findings' })
export class ComplianceFindingEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  /** e.g. `P1-week`, `P1-key-point`, `P2-led-by-head`, `P5-month`, `P5-major`. */
  @Column({ type: 'varchar', length: 32 })
  rule!: string;

  @Column({ type: 'varchar', length: 16 })
  period!: string;

  @Column({ name: 'unit_code', type: 'varchar', length: 32 })
  unitCode!: string;

  @Column({ name: 'grid_code', type: 'varchar', length: 64, nullable: true })
  gridCode!: string | null;

  /** The grid, key point, member or issue the finding is about. */
  @Column({ type: 'varchar', length: 96 })
  subject!: string;

  /** `reminder` before the period ends, `notice` after it. */
  @Column({ type: 'varchar', length: 16 })
  stage!: 'reminder' | 'notice';

  @Column({ type: 'jsonb', default: () => "'{}'" })
  detail!: Record<string, unknown>;

  @Column({ name: 'found_at', type: 'timestamptz' })
  foundAt!: Date;
}
