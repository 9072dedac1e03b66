import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A place visited that is not a registered key point: a name and, where known, coordinates. */
export interface PatrolPoint {
  name: string;
  lat?: number;
  lng?: number;
}

/** 巡查记录 (SPEC P2): one patrol of one grid. Appended, never edited. */
@Entity({ name: 'patrols' })
export class PatrolEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'unit_code', type: 'varchar', length: 32 })
  unitCode!: string;

  @Column({ name: 'grid_code', type: 'varchar', length: 64 })
  gridCode!: string;

  /** Who led the patrol (P2: the 直接负责人 / 网格长 / 副网格长 at department and township level). */
  @Column({ name: 'led_by', type: 'varchar', length: 64 })
  ledBy!: string;

  @Column({ name: 'member_ids', type: 'text', array: true })
  memberIds!: string[];

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz' })
  endedAt!: Date;

  /** 三三制: 巡查、明查、暗查 and 访群众、查厂内、查厂外. */
  @Column({ type: 'text', array: true })
  methods!: string[];

  /** Key monitoring points (重点监控区域、点位) covered (P1). */
  @Column({ name: 'key_point_ids', type: 'text', array: true, default: () => "'{}'" })
  keyPointIds!: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  points!: PatrolPoint[];

  /** Optional GPS track as a GeoJSON LineString or MultiLineString geometry. */
  @Column({ type: 'jsonb', nullable: true })
  track!: unknown;

  @Column({ type: 'text', default: '' })
  notes!: string;

  /** Issues found on this patrol (L1), each with its own lifecycle. */
  @Column({ name: 'issue_codes', type: 'text', array: true, default: () => "'{}'" })
  issueCodes!: string[];

  /** ISO week (Shanghai) of `startedAt`, e.g. 2027-W02. */
  @Column({ name: 'week_id', type: 'varchar', length: 8 })
  weekId!: string;

  @Column({ name: 'month_id', type: 'varchar', length: 7 })
  monthId!: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
