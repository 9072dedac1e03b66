import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One line of the responsibility catalog (职责清单, SPEC §2): a problem category and the unit that owns it. */
@Entity({ name: 'responsibility_categories' })
export class ResponsibilityCategoryEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ name: 'owner_unit_code', type: 'varchar', length: 32 })
  ownerUnitCode!: string;

  @Column({ type: 'text', default: '' })
  description!: string;
}
