import type { DataSource } from 'typeorm';
import { workPlanFindings } from '../../domain/duties/work-plans/work-plans';
import { ComplianceRepository } from '../../persistence/repositories/compliance.repository';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import { OutboxRepository } from '../../persistence/repositories/outbox.repository';
import { WorkPlanRepository } from '../../persistence/repositories/work-plan.repository';
import { recordFindings, type ComplianceRunInput, type ComplianceRunResult } from './compliance.activities';

/** The work-plan clock's activity (R3): which units still owe the year's plan, recorded and notified once. */
export function createWorkPlanActivities({ dataSource }: { dataSource: DataSource }) {
  const plans = new WorkPlanRepository(dataSource);
  const compliance = new ComplianceRepository(dataSource);
  const organisation = new OrganisationRepository(dataSource);
  const outbox = new OutboxRepository(dataSource);
  return {
    /** R3: reminder before the due day, notice after it, for each department whose plan is missing. */
    evaluateWorkPlans(input: ComplianceRunInput): Promise<ComplianceRunResult> {
      const year = Number(input.periodId);
      return dataSource.transaction(async (manager) => {
        const tx = {
          compliance: compliance.within(manager),
          organisation: organisation.within(manager),
          outbox: outbox.within(manager),
        };
        const { units, plans: submitted } = await plans.within(manager).complianceData(year);
        const findings = workPlanFindings(units, submitted, year, input.stage, input.policy, input.ecoOffice);
        const { recorded, notices } = await recordFindings(tx, findings, new Date(input.at));
        return { periodId: input.periodId, stage: input.stage, findings: findings.length, recorded, notices };
      });
    },
  };
}
