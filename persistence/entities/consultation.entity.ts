import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface ConsultationAttendee {
  /** A member of the organisation, when the attendee is one. */
  memberId?: string;
  name: string;
  /** Unit or organisation the attendee came from. */
  unit?: string;
}

export interface ConsultationDecision {
  text: string;
  /** Who carries it out. */
  owner?: string;
  /** By when (YYYY-MM-DD). */
  due?: string;
}

/** 会商 (SPEC P5): held by a grid head, at least monthly and promptly for a major issue (L12). */
@Entity({ name: 'consultations' })
export class ConsultationEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'unit_code', type: 'varchar', length: 32 })
  unitCode!: string;

  @Column({ name: 'convened_by', type: 'varchar', length: 64 })
  convenedBy!: string;

  @Column({ name: 'held_at', type: 'timestamptz' })
  heldAt!: Date;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'jsonb' })
  attendees!: ConsultationAttendee[];

  @Column({ type: 'text' })
  minutes!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  decisions!: ConsultationDecision[];

  @Column({ name: 'issue_codes', type: 'text', array: true, default: () => "'{}'" })
  issueCodes!: string[];

  @Column({ name: 'month_id', type: 'varchar', length: 7 })
  monthId!: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
