import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Configuration, deadlinePolicyOverride } from '../../config/configuration';
import type { Rejection } from '../../domain/common/rejection';
import type { ActionData } from '../../domain/issue/actions';
import type { Actor } from '../../domain/organisation/roles';
import { formatIssueCode, isIssueCode, issueWorkflowId } from '../../domain/issue/issue-code';
import { DEFAULT_CALENDAR } from '../../domain/calendar/working-days';
import { DEFAULT_ORGANISATION } from '../../domain/organisation/roles';
import { issueSummary } from '../../domain/issue/issue-state';
import { issueStaticDetails, issueStaticSummary } from '../../domain/issue/operator-view';
import { currentRequestId } from '../../observability/log';
import { allowedActions, startIssue } from '../../domain/issue/lifecycle';
import { processDefinition } from '../../domain/process/process-registry';
import type { IssueLifecycleInput, IssueState } from '../../domain/issue/issue.types';
import {
  ISSUE_PROCESS,
  type ActionId,
  type DeadlinePolicy,
} from '../../domain/process/issue-process.definition';
import type { IssueEventEntity } from '../../persistence/entities';
import { CatalogRepository } from '../../persistence/repositories/catalog.repository';
import { EvidenceRepository } from '../../persistence/repositories/evidence.repository';
import { IdempotencyRepository } from '../../persistence/repositories/idempotency.repository';
import { IssueRepository } from '../../persistence/repositories/issue.repository';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import {
  ACTION_REJECTED,
  actionUpdates,
  issueStateQuery,
  type ActionArgs,
} from '../../workflows/issue/issue.messages';
import { issueSearchAttributes } from '../../workflows/issue/issue.search-attributes';
import { issueLifecycle } from '../../workflows/issue/issue.workflow';
import type { CreateIssueDto } from './dto/create-issue.dto';
import type { PossibleDuplicate } from './issues-query.dto';
import { findPossibleDuplicates } from './issues-query.service';
import { IssueErrors } from './issues.errors';
import { canReadIssue } from '../common/read-scope';

export interface StartedIssue {
  code: string;
  workflowId: string;
  runId: string;
  state: IssueState;
  temporalUiUrl: string;
  /** Open issues of the same category within 50 m, found before this one started (L1). */
  possibleDuplicates: PossibleDuplicate[];
}

export interface IssueDetail {
  state: IssueState;
  events: IssueEventEntity[];
  temporalUiUrl: string;
  /** The actions the caller may take now (state, party and preconditions); the data is checked when taken. */
  allowedActions: ActionId[];
}

export interface ReopenedIssue {
  code: string;
  workflowId: string;
  runId: string;
  state: IssueState | null;
  temporalUiUrl: string;
}

/** The HTTP request's id for the workflow's input, so the activities' log lines name the request. */
function requestIdField(): { requestId?: string } {
  const requestId = currentRequestId();
  return requestId ? { requestId } : {};
}

/** Use cases of issues: start a lifecycle, take its actions, read its live state, reopen it. */
/** An evidence file's id: the sha256 of its content, as `POST /api/v1/evidence` answers it. */
const EVIDENCE_ID = /^[0-9a-f]{64}$/;

@Injectable()
export class IssuesService {
  private readonly policy: DeadlinePolicy;

  constructor(
    private readonly issues: IssueRepository,
    private readonly catalog: CatalogRepository,
    private readonly organisation: OrganisationRepository,
    private readonly evidence: EvidenceRepository,
    private readonly idempotency: IdempotencyRepository,
    @Inject(Client) private readonly temporal: Client,
    private readonly config: Configuration,
  ) {
    this.policy = { ...ISSUE_PROCESS.policy, ...deadlinePolicyOverride(config) };
  }

  /** L1, L2: the finder unit and the reporter come from the token. */
  /**
   * Starts one issue. With a `token` (from the request's Idempotency-Key, see `idempotencyToken`) the code and the
   * report time are reserved under it first, so a retry of a request that died after starting the workflow finds
   * that issue and answers as the first attempt would have, instead of starting a second one.
   */
  async report(dto: CreateIssueDto, actor: Actor, token?: string): Promise<StartedIssue> {
    const category = await this.catalog.category(dto.category);
    if (!category)
      throw IssueErrors.unknownReference(
        'category',
        dto.category,
        'a category of the responsibility catalog',
      );
    if (!(await this.organisation.townshipCodes([dto.township])).has(dto.township))
      throw IssueErrors.unknownReference('township', dto.township, 'a township-level unit');
    if (!(await this.organisation.unit(actor.unitCode))) throw IssueErrors.unknownActorUnit(actor.unitCode);
    await this.checkEvidence(dto.evidence ?? []);

    const { code, reportedAt: now } = token ? await this.reservedCode(token) : await this.newCode(new Date());
    const input: IssueLifecycleInput = {
      code,
      report: {
        title: dto.title,
        description: dto.description,
        category: dto.category,
        severity: dto.severity,
        source: dto.source,
        township: dto.township,
        ...(dto.village ? { village: dto.village } : {}),
        ...(dto.location ? { location: { lat: dto.location.lat, lng: dto.location.lng } } : {}),
        finderUnit: actor.unitCode,
        reportedBy: actor.name,
        evidence: dto.evidence ?? [],
      },
      sectorOwner: category.owner_unit_code,
      territorialOwner: dto.township,
      definitionVersion: ISSUE_PROCESS.version,
      reportedAt: now.toISOString(),
      policy: this.policy,
      calendar: DEFAULT_CALENDAR,
      organisation: DEFAULT_ORGANISATION,
      ...requestIdField(),
    };
    // The same rules the workflow runs, so the first search attributes already say where the issue stands.
    const { state } = startIssue(input, {
      definition: ISSUE_PROCESS,
      calendar: DEFAULT_CALENDAR,
      now: now.getTime(),
    });
    const possibleDuplicates = dto.location
      ? (await findPossibleDuplicates(this.issues, dto.category, dto.location)).filter((d) => d.code !== code)
      : [];
    const workflowId = issueWorkflowId(code);
    let runId: string;
    try {
      const handle = await this.temporal.workflow.start(issueLifecycle, {
        workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [input],
        workflowIdConflictPolicy: 'FAIL',
        memo: { summary: issueSummary(state) },
        typedSearchAttributes: issueSearchAttributes(state),
        staticSummary: issueStaticSummary(input),
        staticDetails: issueStaticDetails(input),
      });
      runId = handle.firstExecutionRunId;
    } catch (error) {
      // Only a reserved code can already have its workflow: the dead first attempt of this very request started it.
      if (!(token && error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      runId = (await this.temporal.workflow.getHandle<typeof issueLifecycle>(workflowId).describe()).runId;
    }
    return {
      code,
      workflowId,
      runId,
      state,
      temporalUiUrl: this.uiUrl(workflowId),
      possibleDuplicates,
    };
  }

  private async newCode(now: Date): Promise<{ code: string; reportedAt: Date }> {
    const seq = await this.issues.nextCodeNumber();
    return { code: formatIssueCode(now.getUTCFullYear(), seq), reportedAt: now };
  }

  /** The code and report time reserved under `token`, reserving fresh ones the first time. */
  private async reservedCode(token: string): Promise<{ code: string; reportedAt: Date }> {
    let reserved = await this.idempotency.reservation(token);
    if (!reserved) {
      const fresh = await this.newCode(new Date());
      await this.idempotency.reserve(token, fresh.code, fresh.reportedAt);
      reserved = (await this.idempotency.reservation(token))!;
    }
    return { code: reserved.code, reportedAt: new Date(reserved.reported_at) };
  }

  /** Read scope: only the units related to the issue, 县环委办 and the county heads (decided from the live state). */
  async detail(code: string, actor: Actor): Promise<IssueDetail> {
    const workflowId = issueWorkflowId(this.checked(code));
    let state: IssueState;
    try {
      state = await this.temporal.workflow
        .getHandle<typeof issueLifecycle>(workflowId)
        .query(issueStateQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw IssueErrors.notFound(code);
      throw error;
    }
    // An issue the unit may not read does not exist for it: the same 404 as an unknown code (H1).
    if (!canReadIssue(actor, state)) throw IssueErrors.notFound(code);
    const events = await this.issues.events(code);
    return {
      state,
      events,
      temporalUiUrl: this.uiUrl(workflowId),
      allowedActions: this.allowedActions(state, actor),
    };
  }

  /**
   * Which of these codes name no reported issue (their positions). The read model first; an issue reported a
   * moment ago may not be projected yet, so its workflow is asked before a code is called unknown.
   */
  async unknownIssueCodes(codes: readonly string[]): Promise<number[]> {
    if (codes.length === 0) return [];
    const known = await this.issues.knownCodes(codes);
    const unknown: number[] = [];
    for (const [i, code] of codes.entries()) {
      if (!known.has(code) && !(isIssueCode(code) && (await this.workflowExists(code)))) unknown.push(i);
    }
    return unknown;
  }

  private async workflowExists(code: string): Promise<boolean> {
    try {
      await this.temporal.workflow.getHandle<typeof issueLifecycle>(issueWorkflowId(code)).describe();
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  /**
   * Evidence named by its id (the sha256 that `POST /api/v1/evidence` answers) must have been uploaded: a typo
   * would otherwise close an issue on evidence nobody can open. Other references (a file number, an archive
   * location) are kept as written.
   */
  private async checkEvidence(references: string[]): Promise<void> {
    const ids = references.filter((r) => EVIDENCE_ID.test(r));
    if (ids.length === 0) return;
    const known = await this.evidence.knownIds(ids);
    const index = references.findIndex((r) => EVIDENCE_ID.test(r) && !known.has(r));
    if (index >= 0)
      throw IssueErrors.unknownReference(
        `evidence[${index}]`,
        references[index],
        'an uploaded evidence file',
      );
  }

  /** One lifecycle action as a Temporal Update; the workflow decides state, party and data rules. */
  async act<A extends ActionId>(
    code: string,
    action: A,
    actor: Actor,
    data: ActionData[A],
  ): Promise<IssueState> {
    const handle = this.temporal.workflow.getHandle<typeof issueLifecycle>(
      issueWorkflowId(this.checked(code)),
    );
    // The DTO instance becomes plain JSON, so the workflow sees exactly the validated fields.
    const args: ActionArgs<A> = {
      actor,
      data: JSON.parse(JSON.stringify(data ?? {})) as ActionData[A],
      ...requestIdField(),
    };
    await this.readableState(code, handle, actor);
    const evidence = (args.data as { evidence?: unknown }).evidence;
    if (Array.isArray(evidence)) await this.checkEvidence(evidence as string[]);
    try {
      return await handle.executeUpdate(actionUpdates[action], { args: [args] });
    } catch (error) {
      throw await this.translate(code, handle, error);
    }
  }

  /** L14: an archived issue that recurred starts a new run of the same workflow id, keeping its history. */
  async reopen(code: string, actor: Actor, reason: string): Promise<ReopenedIssue> {
    const workflowId = issueWorkflowId(this.checked(code));
    const handle = this.temporal.workflow.getHandle<typeof issueLifecycle>(workflowId);
    let previous: IssueState;
    try {
      const description = await handle.describe();
      previous = await this.readableState(code, handle, actor);
      if (description.status.name === 'RUNNING' || previous.status !== 'archived') {
        throw IssueErrors.notArchived(code, previous.status);
      }
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw IssueErrors.notFound(code);
      throw error;
    }
    const allowed = [previous.organisation.ecoOffice, previous.sectorOwner, previous.territorialOwner];
    if (!allowed.includes(actor.unitCode)) throw IssueErrors.reopenForbidden(code);
    const input: IssueLifecycleInput = {
      code,
      report: previous.report,
      sectorOwner: previous.sectorOwner,
      territorialOwner: previous.territorialOwner,
      definitionVersion: ISSUE_PROCESS.version,
      reportedAt: previous.reportedAt,
      policy: previous.policy,
      calendar: DEFAULT_CALENDAR,
      organisation: previous.organisation,
      reopen: { previous, reason, actor: actor.name, actorUnit: actor.unitCode },
      ...requestIdField(),
    };
    let started: WorkflowHandleWithFirstExecutionRunId<typeof issueLifecycle>;
    try {
      started = await this.temporal.workflow.start(issueLifecycle, {
        workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [input],
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
        workflowIdConflictPolicy: 'FAIL',
        memo: { summary: issueSummary(previous) },
        staticSummary: issueStaticSummary(input),
        staticDetails: issueStaticDetails(input),
      });
    } catch (error) {
      // Someone reopened it a moment earlier.
      if (error instanceof WorkflowExecutionAlreadyStartedError)
        throw IssueErrors.notArchived(code, 'reopened');
      throw error;
    }
    let state: IssueState | null = null;
    for (let attempt = 0; attempt < 20 && !state; attempt++) {
      try {
        state = await started.query(issueStateQuery);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return {
      code,
      workflowId,
      runId: started.firstExecutionRunId,
      state,
      temporalUiUrl: this.uiUrl(workflowId),
    };
  }

  /**
   * The issue's live state, or 404 for a unit that may not read it, exactly as for an unknown code (H1): neither its
   * state (409) nor who may act on it (403) is told to a unit that may not know the issue exists.
   */
  private async readableState(
    code: string,
    handle: WorkflowHandle<typeof issueLifecycle>,
    actor: Actor,
  ): Promise<IssueState> {
    let state: IssueState;
    try {
      state = await handle.query(issueStateQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw IssueErrors.notFound(code);
      throw error;
    }
    if (!canReadIssue(actor, state)) throw IssueErrors.notFound(code);
    return state;
  }

  /** The validator's own checks, at the API's clock: an archived issue takes no action. */
  private allowedActions(state: IssueState, actor: Actor): ActionId[] {
    if (state.status === 'archived') return [];
    const definition = processDefinition(state.definitionVersion);
    return allowedActions(state, actor, { definition, calendar: DEFAULT_CALENDAR, now: Date.now() });
  }

  private checked(code: string): string {
    if (!isIssueCode(code)) throw IssueErrors.badCode(code);
    return code;
  }

  /** Temporal's answers to an update, as problems: a Rejection is 409/403/422, a missing issue 404. */
  private async translate(
    code: string,
    handle: WorkflowHandle<typeof issueLifecycle>,
    error: unknown,
  ): Promise<unknown> {
    if (error instanceof WorkflowUpdateFailedError) {
      const cause = error.cause;
      if (cause instanceof ApplicationFailure && cause.type === ACTION_REJECTED) {
        const rejection = cause.details?.[0] as Rejection | undefined;
        if (rejection && typeof rejection === 'object' && typeof rejection.kind === 'string') {
          return IssueErrors.rejected(rejection);
        }
      }
      return error;
    }
    if (error instanceof WorkflowNotFoundError) {
      // An archived issue's workflow has completed: the update finds no running execution.
      try {
        const description = await handle.describe();
        if (description.status.name !== 'RUNNING') return IssueErrors.archived(code);
      } catch {
        return IssueErrors.notFound(code);
      }
      return IssueErrors.notFound(code);
    }
    return error;
  }

  private uiUrl(workflowId: string): string {
    return `${this.config.TEMPORAL_UI_URL}/namespaces/${encodeURIComponent(this.config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;
  }
}
