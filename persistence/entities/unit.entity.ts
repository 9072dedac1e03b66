import type { AreaGeometry } from '../../domain/organisation/grid-area';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const UNIT_KINDS = [
  'county_government',
  'office',
  'department',
  'township',
  'village',
  'park',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** A unit of the grid system (SPEC §1): the county government, 县环委办, a department, a township, a village. */
@Entity({ name: 'units' })
export class UnitEntity {
  /** Short stable code, e.g. `WRB` for 县水务局. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: UnitKind;

  @Column({ name: 'parent_code', type: 'varchar', length: 32, nullable: true })
  parentCode!: string | null;

  /** 州级对口部门: the prefecture counterpart that major issues are copied to (L12). */
  @Column({ name: 'prefecture_counterpart', type: 'varchar', length: 128, nullable: true })
  prefectureCounterpart!: string | null;

  /** The counterpart's mailbox: sealed reports due to the prefecture are e-mailed there once approved (P4, P6). */
  @Column({ name: 'prefecture_email', type: 'varchar', length: 254, nullable: true })
  prefectureEmail!: string | null;

  /** The unit's territory (G7), when drawn: its grids' areas must lie inside it. */
  @Column({ type: 'jsonb', nullable: true })
  boundary!: AreaGeometry | null;

  /** Rows of the demo county organisation are marked so a real county can delete them in one statement. */
  @Column({ type: 'boolean', default: false })
  demo!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
