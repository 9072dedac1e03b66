import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Configuration, dutyPolicyOverride } from '../../config/configuration';
import { resolveDutyPolicy } from '../../domain/duties/duty-policy';
import { formatShanghai, shanghaiParts } from '../../domain/duties/periods';
import { PREFECTURE_AUDIENCE } from '../../domain/duties/reports/reports';
import {
  missingWorkPlans,
  WORK_PLAN_NOTICE_KIND,
  WORK_PLAN_UNIT_KINDS,
  workPlanDueAt,
  workPlanId,
  workPlanRef,
  workPlanSubmissionText,
} from '../../domain/duties/work-plans/work-plans';
import {
  DEFAULT_ORGANISATION,
  isCountyWide,
  isUnitHeadOf,
  type Actor,
} from '../../domain/organisation/roles';
import { EvidenceRepository } from '../../persistence/repositories/evidence.repository';
import {
  OrganisationRepository,
  type UnitRecord,
} from '../../persistence/repositories/organisation.repository';
import {
  OutboxRepository,
  type PrefectureSubmissionRow,
} from '../../persistence/repositories/outbox.repository';
import { WorkPlanRepository, type WorkPlanView } from '../../persistence/repositories/work-plan.repository';
import type { CreateWorkPlanDto } from './dto/work-plan.dto';
import { WorkPlanErrors } from './work-plans.errors';

/** Where the plan's mails stand: to each member of 县环委办, and to the prefecture counterpart's mailbox. */
export interface WorkPlanDeliveries {
  office: { recipients: number };
  prefecture: {
    counterpart: string;
    status: string;
    attempts: number;
    deliveredAt: string | null;
    lastError: string | null;
  } | null;
}

export interface WorkPlanDetail extends WorkPlanView {
  deliveries: WorkPlanDeliveries;
}

/** One unit's line in the year's overview for 县环委办. */
export interface WorkPlanStatusLine {
  unitCode: string;
  unitName: string;
  submitted: boolean;
  planId: string | null;
  submittedAt: string | null;
}

export interface WorkPlanYearStatus {
  year: number;
  dueAt: string;
  due: string;
  units: WorkPlanStatusLine[];
  missing: string[];
}

/** 网格监管工作方案 (R3): a department submits its yearly plan; it is mailed with its file through the outbox. */
@Injectable()
export class WorkPlansService {
  constructor(
    private readonly plans: WorkPlanRepository,
    private readonly organisation: OrganisationRepository,
    private readonly evidence: EvidenceRepository,
    private readonly outbox: OutboxRepository,
    private readonly dataSource: DataSource,
    private readonly config: Configuration,
  ) {}

  async submit(dto: CreateWorkPlanDto, actor: Actor): Promise<WorkPlanDetail> {
    const unit = await this.organisation.unit(actor.unitCode);
    if (!unit || !WORK_PLAN_UNIT_KINDS.includes(unit.kind) || !isUnitHeadOf(actor, unit.code))
      throw WorkPlanErrors.submitForbidden();
    const thisYear = shanghaiParts(Date.now()).year;
    if (dto.year < thisYear - 1 || dto.year > thisYear + 1)
      throw WorkPlanErrors.invalid([
        {
          field: 'year',
          rule: 'R3',
          message: `year must be ${thisYear - 1}, ${thisYear} or ${thisYear + 1}`,
          zh: `年度须为 ${thisYear - 1}、${thisYear} 或 ${thisYear + 1}`,
        },
      ]);
    if (!(await this.evidence.knownIds([dto.fileId])).has(dto.fileId))
      throw WorkPlanErrors.unknownReference('fileId', dto.fileId, 'an uploaded file');

    const id = workPlanId(unit.code, dto.year);
    const submittedAt = new Date();
    await this.dataSource.transaction(async (manager) => {
      const stored = await this.plans.within(manager).insert({
        id,
        unitCode: unit.code,
        year: dto.year,
        title: dto.title,
        fileId: dto.fileId,
        note: dto.note ?? null,
        submittedBy: { id: actor.id, name: actor.name },
        submittedAt,
      });
      if (!stored) throw WorkPlanErrors.exists(unit.code, dto.year);
      await this.enqueueMails(manager, unit, {
        id,
        title: dto.title,
        year: dto.year,
        submittedByName: actor.name,
        submittedAt: submittedAt.toISOString(),
        note: dto.note ?? null,
      });
    });
    return this.detail(id);
  }

  async get(id: string, actor: Actor): Promise<WorkPlanDetail> {
    const plan = await this.plans.find(id);
    if (!plan) throw WorkPlanErrors.notFound(id);
    if (!isCountyWide(actor) && plan.unitCode !== actor.unitCode)
      throw WorkPlanErrors.notInScope(plan.unitCode);
    return this.detail(id);
  }

  /** The year's plans: a unit its own, 县环委办 and the county heads all. */
  async list(year: number | undefined, unit: string | undefined, actor: Actor): Promise<WorkPlanView[]> {
    if (!isCountyWide(actor)) {
      if (unit !== undefined && unit !== actor.unitCode) throw WorkPlanErrors.notInScope(unit);
      unit = actor.unitCode;
    }
    return this.plans.ofYear(year ?? shanghaiParts(Date.now()).year, unit);
  }

  /** For 县环委办 and the county heads: who has submitted the year's plan, who has not, and the due day. */
  async status(year: number | undefined, actor: Actor): Promise<WorkPlanYearStatus> {
    if (!isCountyWide(actor)) throw WorkPlanErrors.notInScope('every unit');
    const y = year ?? shanghaiParts(Date.now()).year;
    const { units, plans } = await this.plans.complianceData(y);
    const submitted = await this.plans.ofYear(y);
    const byUnit = new Map(submitted.map((p) => [p.unitCode, p]));
    const policy = resolveDutyPolicy(dutyPolicyOverride(this.config));
    const dueAt = workPlanDueAt(y, policy);
    return {
      year: y,
      dueAt: dueAt.toISOString(),
      due: formatShanghai(dueAt.getTime() - 60_000),
      units: units.map((u) => ({
        unitCode: u.code,
        unitName: u.name,
        submitted: byUnit.has(u.code),
        planId: byUnit.get(u.code)?.id ?? null,
        submittedAt: byUnit.get(u.code)?.submittedAt ?? null,
      })),
      missing: missingWorkPlans(units, plans, y).map((u) => u.code),
    };
  }

  private async detail(id: string): Promise<WorkPlanDetail> {
    const plan = (await this.plans.find(id))!;
    const ref = workPlanRef(id);
    const prefecture: PrefectureSubmissionRow | undefined = await this.outbox.prefectureSubmission(
      ref,
      PREFECTURE_AUDIENCE,
    );
    return {
      ...plan,
      deliveries: {
        office: { recipients: await this.outbox.countByRef(ref, 'eco_office') },
        prefecture: prefecture
          ? {
              counterpart: prefecture.recipient_name ?? '州级对口部门',
              status: prefecture.status,
              attempts: prefecture.attempts,
              deliveredAt: prefecture.delivered_at?.toISOString() ?? null,
              lastError: prefecture.last_error,
            }
          : null,
      },
    };
  }

  /**
   * R3: the plan's mails, in the transaction that stores it: one to each active member of 县环委办 (kept as
   * `unresolved` when it has none), and one to the unit's prefecture counterpart (unresolved without a mailbox).
   * The dispatcher attaches the plan's file to each.
   */
  private async enqueueMails(
    manager: EntityManager,
    unit: UnitRecord,
    plan: Parameters<typeof workPlanSubmissionText>[0] & { id: string },
  ): Promise<void> {
    const outbox = this.outbox.within(manager);
    const ecoOffice = DEFAULT_ORGANISATION.ecoOffice;
    const office = await this.organisation.within(manager).unit(ecoOffice);
    const ref = workPlanRef(plan.id);
    const toOffice = workPlanSubmissionText(plan, unit.name, office?.name ?? '县环委办');
    const members = await this.organisation.within(manager).activeMembers({ unit: ecoOffice });
    const recipients = members.length > 0 ? members : [{ id: null, name: null, unit_code: ecoOffice }];
    for (const member of recipients)
      await outbox.enqueue({
        id: `${ref}/office/${member.id ?? 'none'}`,
        issueCode: null,
        ref,
        eventId: null,
        kind: WORK_PLAN_NOTICE_KIND,
        audience: 'eco_office',
        unitCode: ecoOffice,
        memberId: member.id,
        recipientName: member.name,
        ...toOffice,
        status: member.id ? 'pending' : 'unresolved',
      });
    const counterpart = unit.prefectureCounterpart ?? '州级对口部门';
    await outbox.enqueue({
      id: `${ref}/prefecture`,
      issueCode: null,
      ref,
      eventId: null,
      kind: WORK_PLAN_NOTICE_KIND,
      audience: PREFECTURE_AUDIENCE,
      unitCode: unit.code,
      memberId: null,
      recipientName: counterpart,
      ...workPlanSubmissionText(plan, unit.name, counterpart),
      status: unit.prefectureEmail ? 'pending' : 'unresolved',
    });
  }
}
