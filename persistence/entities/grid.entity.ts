import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AreaGeometry } from '../../domain/organisation/grid-area';
import type { GridKind } from '../../domain/organisation/organisation.types';

/** 网格: an area a department (行业网格) or a township (村级网格, its 分片) supervises (SPEC §1). */
@Entity({ name: 'grids' })
export class GridEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code!: string;

  @Index()
  @Column({ name: 'unit_code', type: 'varchar', length: 32 })
  unitCode!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: GridKind;

  /** The village grid a 分片 (sub-area) belongs to. */
  @Column({ name: 'parent_grid_code', type: 'varchar', length: 64, nullable: true })
  parentGridCode!: string | null;

  /** 所在村 */
  @Column({ type: 'varchar', length: 64, nullable: true })
  village!: string | null;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** 定区域 (G7): the grid's area, GeoJSON Polygon or MultiPolygon in WGS-84; null until it is drawn. */
  @Column({ type: 'jsonb', nullable: true })
  boundary!: AreaGeometry | null;

  @Column({ type: 'boolean', default: false })
  demo!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
