import type { EntityManager } from 'typeorm';
import type { ComplianceData, ComplianceFinding } from '../../domain/duties/patrols/compliance';
import type { Period } from '../../domain/duties/periods';
import { ConsultationRepository } from './consultation.repository';
import type { Db } from './db';
import { OrganisationRepository } from './organisation.repository';
import { PatrolRepository } from './patrol.repository';

/** A finding as the year's assessment counts it. */
export interface AssessedFindingRow {
  id: string;
  rule: string;
  unit_code: string;
  stage: 'reminder' | 'notice';
  found_at: Date;
}

/**
 * The compliance clocks' findings (`compliance_findings`, P1, P2, P5) and what the rules judge a period on: the
 * organisation with the period's patrols and consultations.
 */
export class ComplianceRepository {
  constructor(private readonly db: Db) {}

  /** The same repository inside the caller's transaction. */
  within(manager: EntityManager): ComplianceRepository {
    return new ComplianceRepository(manager);
  }

  /** The organisation and the records of one period, as the compliance rules read them. */
  async periodData(period: Period): Promise<ComplianceData> {
    // One after the other: inside a transaction they share one connection.
    const organisation = await new OrganisationRepository(this.db).complianceOrganisation();
    const patrols = await new PatrolRepository(this.db).startedIn(period);
    const consultations = await new ConsultationRepository(this.db).heldIn(period);
    return { ...organisation, patrols, consultations };
  }

  /** Records a finding unless an earlier run did; true when this call recorded it. */
  async recordFinding(f: ComplianceFinding, at: Date): Promise<boolean> {
    const inserted = await this.db.query<unknown[]>(
      `INSERT INTO compliance_findings (id, rule, period, unit_code, grid_code, subject, stage, detail, found_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [f.id, f.rule, f.period, f.unitCode, f.gridCode, f.subject, f.stage, JSON.stringify(f.detail), at],
    );
    return inserted.length > 0;
  }

  /** The findings a year's assessment counts: of one unit, or of all. */
  assessed(from: Date, to: Date, unit: string | null): Promise<AssessedFindingRow[]> {
    return this.db.query<AssessedFindingRow[]>(
      `SELECT id, rule, unit_code, stage, found_at FROM compliance_findings
       WHERE found_at >= $1 AND found_at < $2 AND ($3::text IS NULL OR unit_code = $3)`,
      [from, to, unit],
    );
  }
}
