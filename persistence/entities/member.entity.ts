import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { MemberRole } from '../../domain/organisation/roles';

/** A person of the grid system (SPEC §1) with the roles they hold. */
@Entity({ name: 'members' })
export class MemberEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Index()
  @Column({ name: 'unit_code', type: 'varchar', length: 32 })
  unitCode!: string;

  @Column({ name: 'grid_code', type: 'varchar', length: 64, nullable: true })
  gridCode!: string | null;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles!: MemberRole[];

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  email!: string | null;

  /** The only contact published in the public listing (G5); phone and email stay internal. */
  @Column({ name: 'public_contact', type: 'varchar', length: 128, nullable: true })
  publicContact!: string | null;

  /** 科级干部: a grid's 直接负责人 must be one (G2, G3). */
  @Column({ name: 'is_section_cadre', type: 'boolean', default: false })
  isSectionCadre!: boolean;

  /** 岗位, e.g. 驻村第一书记, 驻村干部, 支部书记, 护林员, 保洁员, 管水员. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  post!: string | null;

  /** Whether the public listing (G5) shows this member at all. */
  @Column({ type: 'boolean', default: true })
  public!: boolean;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'boolean', default: false })
  demo!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
