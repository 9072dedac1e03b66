import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** 重点监控区域、点位: a place of a grid that patrols must cover at least twice a month (P1). */
@Entity({ name: 'key_points' })
export class KeyPointEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Index()
  @Column({ name: 'grid_code', type: 'varchar', length: 64 })
  gridCode!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'double precision', nullable: true })
  lat!: number | null;

  @Column({ type: 'double precision', nullable: true })
  lng!: number | null;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'boolean', default: false })
  demo!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
