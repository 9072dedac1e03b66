import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MemberRole } from '../../domain/issue/actor';

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

  @Column({ name: 'public_contact', type: 'varchar', length: 128, nullable: true })
  publicContact!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'boolean', default: false })
  demo!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
