import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  approverTitleOf,
  DutyReportRepository,
  storedReport,
  type DutyReportRow,
} from '../../persistence/repositories/duty-report.repository';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import { OutboxRepository } from '../../persistence/repositories/outbox.repository';
import { SealRepository } from '../../persistence/repositories/seal.repository';
import { isoOrNull as iso } from '../../persistence/returning';
import { Configuration, dutyPolicyOverride } from '../../config/configuration';
import { DUTY_UNIT_KINDS, resolveDutyPolicy, type DutyPolicy } from '../../domain/duties/duty-policy';
import { parsePeriod, periodLabel, PeriodIdError, type Period } from '../../domain/duties/periods';
import { dutyReportDocument } from '../../domain/duties/reports/report-document';
import {
  DUTY_REPORT_KINDS,
  dutyReportId,
  dutyReportInput,
  dutyReportWorkflowId,
  isDutyReportKind,
  LEADERSHIP_AUDIENCE,
  OFFICE_REPORT_KINDS,
  PREFECTURE_AUDIENCE,
  REPORT_KIND_LABELS,
  reportDueAt,
  reportPeriod,
  type ApproveArgs,
  type DutyReportKind,
  type DutyReportState,
  type ReviseArgs,
} from '../../domain/duties/reports/reports';
import type { PrintableDocument } from '../../domain/documents/printable';
import type { Rejection } from '../../domain/common/rejection';
import { DEFAULT_ORGANISATION, isCountyWide, type Actor } from '../../domain/organisation/roles';
import {
  approveReportUpdate,
  dutyReportStateQuery,
  REPORT_REJECTED,
  reviseReportUpdate,
} from '../../workflows/duties/report.messages';
import { dutyReport } from '../../workflows/duties/duty-report.workflow';
import type {
  ApproveReportDto,
  ListReportsQueryDto,
  MissingReports,
  ReportDetail,
  ReportEvent,
  ReportListItem,
  ReportPage,
  ReportSignature,
  ReviseReportDto,
} from './reports.dto';
import { ReportErrors } from './reports.errors';

/** A report's key, as the path names it. */
export interface ReportKey {
  kind: DutyReportKind;
  unit: string;
  period: string;
}

function label(periodId: string): string {
  try {
    return periodLabel(parsePeriod(periodId));
  } catch {
    return periodId;
  }
}

function toItem(row: DutyReportRow): ReportListItem {
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: REPORT_KIND_LABELS[row.kind],
    unitCode: row.unit_code,
    unitName: row.unit_name ?? row.unit_code,
    period: row.period,
    periodLabel: label(row.period),
    dueAt: iso(row.due_at),
    status: row.status,
    revision: row.revision,
    submittedAt: iso(row.submitted_at),
    onTime: row.on_time,
    late: row.on_time === false || (row.status === 'draft' && row.late_marked_at !== null),
    lateMarkedAt: iso(row.late_marked_at),
    chased: row.chased,
    approvedByName: row.approved_by_name,
  };
}

/**
 * Use cases of the units' reports and 县环委办's bulletins: list, read (stored row + live workflow state),
 * revise and approve through the report workflow's Updates, the missing-report listing, printable documents.
 */
@Injectable()
export class ReportsService {
  readonly policy: DutyPolicy;

  constructor(
    private readonly reports: DutyReportRepository,
    private readonly organisation: OrganisationRepository,
    private readonly outbox: OutboxRepository,
    private readonly seals: SealRepository,
    @Inject(Client) private readonly temporal: Client,
    private readonly config: Configuration,
  ) {
    this.policy = resolveDutyPolicy(dutyPolicyOverride(config));
  }

  /** The report a path names, or 400 naming the field. */
  key(kind: string, unit: string, period: string): ReportKey & { periodOf: Period } {
    if (!isDutyReportKind(kind)) throw ReportErrors.badKind(kind, DUTY_REPORT_KINDS);
    return { kind, unit, period, periodOf: this.period(kind, period, 'period') };
  }

  period(kind: DutyReportKind, period: string, field: string): Period {
    try {
      return reportPeriod(kind, period);
    } catch (error) {
      if (error instanceof PeriodIdError) throw ReportErrors.badPeriod(field, `${field} ${error.message}`);
      throw error;
    }
  }

  /** Units see their own reports; 县环委办 and the county heads see all; anyone sees a submitted bulletin. */
  private canRead(actor: Actor, report: { kind: DutyReportKind; unit: string; status: string }): boolean {
    return (
      isCountyWide(actor) ||
      actor.unitCode === report.unit ||
      (report.kind === 'bulletin' && report.status === 'submitted')
    );
  }

  async list(query: ListReportsQueryDto, actor: Actor): Promise<ReportPage> {
    const { rows, total } = await this.reports.page(
      {
        ...(isCountyWide(actor) ? {} : { scopeUnit: actor.unitCode }),
        kind: query.kind,
        unit: query.unit,
        period: query.period,
        status: query.status,
        late: query.late,
      },
      query.page,
      query.pageSize,
    );
    return { items: rows.map(toItem), page: query.page, pageSize: query.pageSize, total };
  }

  private async events(id: string): Promise<ReportEvent[]> {
    const rows = await this.reports.events(id);
    return rows.map((e) => ({ ...e, at: e.at.toISOString() }));
  }

  /** The stored row and its history, readable by the actor, or 403/404. */
  private async readable(
    key: ReportKey,
    actor: Actor,
  ): Promise<{ row: DutyReportRow; events: ReportEvent[] }> {
    const id = dutyReportId(key.kind, key.unit, key.period);
    // Decided from the path before the row is read, so a unit learns nothing of others' reports.
    if (!this.canRead(actor, { kind: key.kind, unit: key.unit, status: 'submitted' }))
      throw ReportErrors.notInScope(id);
    const row = await this.reports.row(id);
    if (!row) throw ReportErrors.notFound(id);
    if (!this.canRead(actor, { kind: row.kind, unit: row.unit_code, status: row.status }))
      throw ReportErrors.notInScope(id);
    return { row, events: await this.events(id) };
  }

  async detail(key: ReportKey, actor: Actor): Promise<ReportDetail> {
    const { row, events } = await this.readable(key, actor);
    let live: DutyReportState | null = null;
    if (row.workflow_id) {
      try {
        live = await this.temporal.workflow
          .getHandle<typeof dutyReport>(row.workflow_id)
          .query(dutyReportStateQuery);
      } catch {
        // The stored row answers on its own when the workflow cannot be asked.
        live = null;
      }
    }
    const { approval } = storedReport(
      row,
      approverTitleOf(events.find((e) => e.type === 'approved')?.payload),
    );
    return {
      ...toItem(row),
      workflowId: row.workflow_id,
      contentHash: row.content_hash,
      content: row.content,
      seal: approval
        ? {
            approvedBy: approval.approverId,
            approvedByName: approval.approverName,
            approverTitle: approval.approverTitle,
            approvedAt: approval.approvedAt,
            revision: row.revision,
            contentHash: row.content_hash,
            sealHash: approval.sealHash,
            ...(await this.signature(row.id)),
          }
        : null,
      events,
      prefectureSubmission: await this.prefectureSubmission(row.id),
      leadershipDeliveries: row.kind === 'bulletin' ? await this.deliveries(row.id, LEADERSHIP_AUDIENCE) : [],
      live,
      temporalUiUrl: row.workflow_id ? this.uiUrl(row.workflow_id) : null,
    };
  }

  /** P10: how the report's PDF is sealed: the county key's signature, or the old unkeyed scheme. */
  private async signature(reportId: string): Promise<ReportSignature> {
    const seal = await this.seals.ofReport(reportId);
    if (!seal) return { scheme: 'legacy-sha256', signature: null };
    return {
      scheme: 'SM2-SM3',
      signature: {
        keyId: seal.key_id,
        signedAt: seal.signed_at.toISOString(),
        document: { sm3: seal.pdf_sm3, sha256: seal.pdf_sha256 },
        statement: seal.statement_text,
        value: seal.signature,
      },
    };
  }

  /** P8: the e-mails that carry a sealed bulletin to the county leadership, one per mailbox. */
  private async deliveries(
    reportId: string,
    audience: string,
  ): Promise<ReportDetail['leadershipDeliveries']> {
    const rows = await this.outbox.submissions(reportId, audience);
    return rows.map((row) => ({
      recipient: row.recipient_name,
      status: row.status,
      attempts: row.attempts,
      deliveredAt: iso(row.delivered_at),
      lastError: row.last_error,
    }));
  }

  private async prefectureSubmission(reportId: string): Promise<ReportDetail['prefectureSubmission']> {
    const row = await this.outbox.prefectureSubmission(reportId, PREFECTURE_AUDIENCE);
    return row
      ? {
          recipient: row.recipient_name,
          status: row.status,
          attempts: row.attempts,
          deliveredAt: iso(row.delivered_at),
          lastError: row.last_error,
        }
      : null;
  }

  async revise(key: ReportKey, dto: ReviseReportDto, actor: Actor): Promise<DutyReportState> {
    const args: ReviseArgs = {
      actor,
      ...(dto.narrative ? { narrative: { ...dto.narrative } } : {}),
      ...(dto.redraft !== undefined ? { redraft: dto.redraft } : {}),
    };
    return this.update(key, (handle) => handle.executeUpdate(reviseReportUpdate, { args: [args] }));
  }

  async approve(key: ReportKey, dto: ApproveReportDto, actor: Actor): Promise<DutyReportState> {
    const args: ApproveArgs = { actor, ...(dto.revision !== undefined ? { revision: dto.revision } : {}) };
    return this.update(key, (handle) => handle.executeUpdate(approveReportUpdate, { args: [args] }));
  }

  /** Runs an Update of the report's workflow; refusals become 409/403/422, a closed or missing report 409/404. */
  private async update(
    key: ReportKey,
    run: (handle: WorkflowHandle<typeof dutyReport>) => Promise<DutyReportState>,
  ): Promise<DutyReportState> {
    const id = dutyReportId(key.kind, key.unit, key.period);
    const handle = this.temporal.workflow.getHandle<typeof dutyReport>(
      dutyReportWorkflowId(key.kind, key.unit, key.period),
    );
    try {
      return await run(handle);
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        const cause = error.cause;
        if (cause instanceof ApplicationFailure && cause.type === REPORT_REJECTED) {
          const rejection = cause.details?.[0] as Rejection | undefined;
          if (rejection && typeof rejection.kind === 'string') throw ReportErrors.rejected(rejection);
        }
        throw error;
      }
      if (error instanceof WorkflowNotFoundError) {
        // A submitted report's workflow has completed: the update finds no running execution.
        const row = await this.reports.row(id);
        if (!row) throw ReportErrors.notFound(id);
        throw row.status === 'submitted' ? ReportErrors.submitted(id) : ReportErrors.notRunning(id);
      }
      throw error;
    }
  }

  /** P3: which units have not submitted a kind's report of a period, which submitted late, and the deadline. */
  async missing(kind: DutyReportKind, periodId: string, actor: Actor): Promise<MissingReports> {
    if (!isCountyWide(actor)) throw ReportErrors.countyWideOnly('The missing-report listing');
    const period = this.period(kind, periodId, 'period');
    const office = DEFAULT_ORGANISATION.ecoOffice;
    const units: Array<{ code: string; name: string }> = OFFICE_REPORT_KINDS.includes(kind)
      ? [await this.organisation.unit(office)].filter((unit) => unit !== undefined)
      : await this.organisation.unitsOfKinds(DUTY_UNIT_KINDS);
    const rows = await this.reports.ofPeriod(kind, period.id);
    const byUnit = new Map(rows.map((r) => [r.unit_code, r]));
    const due = reportDueAt(kind, period, this.policy);
    const result: MissingReports = {
      kind,
      period: period.id,
      periodLabel: periodLabel(period),
      dueAt: due ? due.toISOString() : null,
      expected: units.length,
      onTime: [],
      late: [],
      missing: [],
    };
    for (const unit of units) {
      const row = byUnit.get(unit.code);
      if (row?.status === 'submitted' && row.submitted_at) {
        const entry = {
          unitCode: unit.code,
          unitName: unit.name,
          submittedAt: row.submitted_at.toISOString(),
          approvedByName: row.approved_by_name,
        };
        if (row.on_time === false) result.late.push({ ...entry, lateMarkedAt: iso(row.late_marked_at) });
        else result.onTime.push(entry);
      } else {
        result.missing.push({
          unitCode: unit.code,
          unitName: unit.name,
          reportId: row?.id ?? null,
          lateMarkedAt: iso(row?.late_marked_at ?? null),
          chased: row?.chased ?? 0,
        });
      }
    }
    return result;
  }

  /**
   * The printable document of a report, with the seal block once approved, and the PDF exactly as the county's
   * key signed it (P10) when it was sealed so.
   */
  async document(
    key: ReportKey,
    actor: Actor,
  ): Promise<{ doc: PrintableDocument; signedPdf: Buffer | undefined }> {
    const { row, events } = await this.readable(key, actor);
    const stored = storedReport(row, approverTitleOf(events.find((e) => e.type === 'approved')?.payload));
    return {
      doc: dutyReportDocument(stored),
      signedPdf: row.seal_key_id ? await this.seals.pdf(row.id) : undefined,
    };
  }

  /**
   * P8: 县环委办 compiles the bulletin of a week or month: a report of kind `bulletin` of 县环委办, drafted from all
   * units' reports and records, then approved (sealed) by its head. Answers once the draft exists.
   */
  async compileBulletin(
    periodId: string,
    actor: Actor,
  ): Promise<{ id: string; workflowId: string; state: DutyReportState }> {
    const office = DEFAULT_ORGANISATION.ecoOffice;
    if (actor.unitCode !== office) throw ReportErrors.officeOnly('Compiling a bulletin');
    const period = this.period('bulletin', periodId, 'period');
    const workflowId = dutyReportWorkflowId('bulletin', office, period.id);
    let handle;
    try {
      handle = await this.temporal.workflow.start(dutyReport, {
        workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [dutyReportInput('bulletin', office, period, this.policy, office)],
        workflowIdConflictPolicy: 'FAIL',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) throw ReportErrors.bulletinExists(period.id);
      throw error;
    }
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        const state = await handle.query(dutyReportStateQuery);
        if (state.status !== 'drafting' || Date.now() > deadline)
          return { id: dutyReportId('bulletin', office, period.id), workflowId, state };
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private uiUrl(workflowId: string): string {
    return `${this.config.TEMPORAL_UI_URL}/namespaces/${encodeURIComponent(this.config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;
  }
}
