import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcDeadlineError,
  type WorkflowHandle,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Configuration, deadlinePolicyOverride } from '../../config/configuration';
import type { Rejection } from '../../domain/common/rejection';
import type { ActionData } from '../../domain/issue/actions';
import type { Actor } from '../../domain/organisation/roles';
import { formatIssueCode, isIssueCode, issueCodeYear, issueWorkflowId } from '../../domain/issue/issue-code';
import type { OfficialCalendar } from '../../domain/calendar/working-days';
import { DEFAULT_ORGANISATION } from '../../domain/organisation/roles';
import { placePoint } from '../../domain/organisation/grid-area';
import { issueSummary } from '../../domain/issue/issue-state';
import { checkResponsibleParty, normaliseResponsibleParty } from '../../domain/records/responsible-party';
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
import { PatrolRepository } from '../../persistence/repositories/patrol.repository';
import { CalendarsService } from '../calendars/calendars.service';
import {
  ACTION_REJECTED,
  actionUpdates,
  issueStateQuery,
  NOT_NEEDING_ATTENTION,
  resumeUpdate,
  type ActionArgs,
  stateFromResult,
  type ActionResult,
} from '../../workflows/issue/issue.messages';
import { issueSearchAttributes } from '../../workflows/issue/issue.search-attributes';
import { ISSUE_RUN_VERSION, issueLifecycle } from '../../workflows/issue/issue.workflow';
import type { CreateIssueDto } from './dto/create-issue.dto';
import type { PossibleDuplicate } from './issues-query.dto';
import { DUPLICATE_RADIUS_METRES, findPossibleDuplicates } from './issues-query.service';
import { IssueErrors } from './issues.errors';
import { canReadIssue } from '../common/read-scope';
import { actionPending } from '../common/accepted';
import { serviceUnavailable } from '../common/outage';

/** The Temporal Update id of a keyed request (S2): every retry of it is the same Update, which Temporal runs once. */
export function keyedUpdateId(token: string): string {
  return `http-${token}`;
}

/** Update ids this API gives: a keyed request's, or a random one. */
export const UPDATE_ID_PATTERN =
  /^(http-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

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

/** However long the state read took, an Update is given this long to reach Temporal before the client gets 202. */
const UPDATE_ADMISSION_MS = 2000;

@Injectable()
export class IssuesService {
  private readonly policy: DeadlinePolicy;

  constructor(
    private readonly issues: IssueRepository,
    private readonly catalog: CatalogRepository,
    private readonly organisation: OrganisationRepository,
    private readonly evidence: EvidenceRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly patrols: PatrolRepository,
    private readonly calendars: CalendarsService,
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
  async report(dto: CreateIssueDto, actor: Actor, token?: string, onPatrol?: string): Promise<StartedIssue> {
    const category = await this.catalog.category(dto.category);
    if (!category)
      throw IssueErrors.unknownReference(
        'category',
        dto.category,
        'a category of the responsibility catalog',
      );
    const territory = await this.territory(dto);
    if (!(await this.organisation.unit(actor.unitCode))) throw IssueErrors.unknownActorUnit(actor.unitCode);
    await this.checkEvidence(dto.evidence ?? []);
    // L21: the check character of the credit code, which the body's schema cannot state.
    const party =
      dto.responsibleParty && checkResponsibleParty(dto.responsibleParty, 'responsibleParty', 'L21');
    if (party) throw IssueErrors.rejected(party);
    const route = await this.catalog.patrolRoute(dto.source);
    const patrolId = onPatrol ?? (await this.checkedPatrol(dto, actor));
    const knownAs = await this.knownToGrid(dto);
    const calendar = await this.calendars.current();
    const unitNames = Object.fromEntries(await this.organisation.unitNames());

    const { code, reportedAt: now } = token ? await this.reservedCode(token) : await this.newCode(new Date());
    const input: IssueLifecycleInput = {
      code,
      report: {
        title: dto.title,
        description: dto.description,
        category: dto.category,
        severity: dto.severity,
        source: dto.source,
        township: territory.township,
        ...(dto.village ? { village: dto.village } : {}),
        ...(dto.location ? { location: { lat: dto.location.lat, lng: dto.location.lng } } : {}),
        ...(territory.grid ? { grid: territory.grid } : {}),
        finderUnit: actor.unitCode,
        reportedBy: actor.name,
        evidence: dto.evidence ?? [],
        ...(patrolId ? { patrolId } : {}),
        ...(knownAs ? { knownAs } : {}),
        ...(dto.responsibleParty
          ? { responsibleParty: normaliseResponsibleParty(dto.responsibleParty) }
          : {}),
      },
      sectorOwner: category.owner_unit_code,
      territorialOwner: territory.township,
      definitionVersion: ISSUE_PROCESS.version,
      reportedAt: now.toISOString(),
      policy: this.policy,
      calendar,
      organisation: { ...DEFAULT_ORGANISATION, unitNames },
      ...(route ? { routing: { unit: route.unit_code, duty: route.duty } } : {}),
      runVersion: ISSUE_RUN_VERSION,
      ...requestIdField(),
    };
    // The same rules the workflow runs, so the first search attributes already say where the issue stands.
    const { state } = startIssue(input, { definition: ISSUE_PROCESS, calendar, now: now.getTime() });
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
    // Q3: listed before the answer. Sequence 0 is older than any event, so the workflow's own writes move it on.
    await this.issues.upsertRow(state, 0, state.reportedAt);
    return {
      code,
      workflowId,
      runId,
      state,
      temporalUiUrl: this.uiUrl(workflowId),
      possibleDuplicates,
    };
  }

  /**
   * G7, G9: where the issue is. A named grid decides; else a location inside a grid's area does (once any
   * territorial grid has an area, a point outside every one is refused); else the named township or park.
   */
  async territory(
    dto: Pick<CreateIssueDto, 'township' | 'grid' | 'location'>,
  ): Promise<{ township: string; grid?: string }> {
    if (dto.township && !(await this.organisation.baseUnitCodes([dto.township])).has(dto.township))
      throw IssueErrors.unknownReference('township', dto.township, 'a township-level unit or the park');
    const settle = (baseUnit: string, grid: string) => {
      if (dto.township && dto.township !== baseUnit)
        throw IssueErrors.territoryMismatch(dto.township, baseUnit, grid);
      return { township: baseUnit, grid };
    };
    if (dto.grid) {
      const grid = await this.organisation.gridTerritory(dto.grid);
      if (!grid) throw IssueErrors.unknownReference('grid', dto.grid, 'a grid of the organisation');
      if (!grid.baseUnitCode) throw IssueErrors.gridNotTerritorial(dto.grid);
      // A 分片's people are its village grid's: the 直接负责人 sits there.
      return settle(grid.baseUnitCode, grid.kind === 'sub_area' ? grid.parentGridCode! : grid.code);
    }
    if (dto.location) {
      const grids = (await this.organisation.placementGrids()).filter((g) => g.baseUnitCode !== null);
      if (grids.length > 0) {
        const found = placePoint(dto.location, grids);
        if (!found) throw IssueErrors.outsideEveryGrid(dto.location.lat, dto.location.lng);
        return settle(found.baseUnitCode!, found.code);
      }
    }
    if (!dto.township) throw IssueErrors.noTerritory();
    return { township: dto.township };
  }

  /** The code's year is the Beijing year: a report at 07:00 on 1 January (Beijing) is the new year's. */
  private async newCode(now: Date): Promise<{ code: string; reportedAt: Date }> {
    const seq = await this.issues.nextCodeNumber();
    return { code: formatIssueCode(issueCodeYear(now), seq), reportedAt: now };
  }

  /**
   * L16: a problem found on patrol names the patrol record it was found on, which must be one of the reporter's
   * unit. Other sources may name one too (it is checked the same way). Answers the patrol's id, if any.
   */
  private async checkedPatrol(dto: CreateIssueDto, actor: Actor): Promise<string | undefined> {
    if (!dto.patrolId) {
      if (dto.source === 'patrol') throw IssueErrors.patrolRequired();
      return undefined;
    }
    const patrol = await this.patrols.find(dto.patrolId);
    if (!patrol) throw IssueErrors.unknownReference('patrolId', dto.patrolId, 'a recorded patrol (巡查记录)');
    if (patrol.unitCode !== actor.unitCode)
      throw IssueErrors.patrolOfAnotherUnit(dto.patrolId, actor.unitCode);
    return patrol.id;
  }

  /**
   * L16: a referral or media report of a problem the grid already had (an open issue of the same category within
   * 50 m that the grid entered itself, earlier) names that issue, so it is not held against the grid.
   */
  private async knownToGrid(dto: CreateIssueDto): Promise<string | undefined> {
    if (!(dto.source === 'higher_referral' || dto.source === 'media') || !dto.location) return undefined;
    const nearby = await this.issues.nearbyOpen(dto.category, dto.location, DUPLICATE_RADIUS_METRES);
    return nearby.find((row) => row.source !== 'higher_referral' && row.source !== 'media')?.code;
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

  /**
   * Read scope: only the units related to the issue, 县环委办 and the county heads. An archived issue is read from
   * the read model, which holds the state its workflow closed with (Q1): a query would replay the closed history.
   */
  async detail(code: string, actor: Actor): Promise<IssueDetail> {
    const workflowId = issueWorkflowId(this.checked(code));
    let state = await this.issues.archivedState(code);
    if (!state) {
      try {
        state = await this.temporal.workflow
          .getHandle<typeof issueLifecycle>(workflowId)
          .query(issueStateQuery);
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) throw IssueErrors.notFound(code);
        throw error;
      }
    }
    // An issue the unit may not read does not exist for it: the same 404 as an unknown code (H1).
    if (!canReadIssue(actor, state)) throw IssueErrors.notFound(code);
    const events = await this.issues.events(code);
    return {
      state,
      events,
      temporalUiUrl: this.uiUrl(workflowId),
      allowedActions: this.allowedActions(state, actor, await this.calendars.current()),
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

  /** L13: a supervision group's member bound to an account must be in the roster, or nobody could sign as them. */
  private async checkAccounts(members: Array<{ memberId?: string }>): Promise<void> {
    for (const [i, member] of members.entries()) {
      if (member.memberId && !(await this.organisation.rosterEntry(member.memberId)))
        throw IssueErrors.unknownReference(`members[${i}].memberId`, member.memberId, 'an active member');
    }
  }

  /**
   * One lifecycle action as a Temporal Update; the workflow decides state, party and data rules. With a `token`
   * (the request's Idempotency-Key) the Update id is derived from it, so a retry after any crash is the same Update:
   * Temporal answers it with the first attempt's outcome and never applies it twice (S2). A client waits at most
   * UPDATE_WAIT_SECONDS; then it gets 202 with where to poll, and the Update still completes (S3).
   */
  async act<A extends ActionId>(
    code: string,
    action: A,
    actor: Actor,
    data: ActionData[A],
    token?: string,
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
    // One wait for the whole action: what the state read takes is not given again to the Update.
    const deadline = this.waitDeadline();
    const found = await this.readableBeforeActing(code, handle, actor, deadline);
    const evidence = (args.data as { evidence?: unknown }).evidence;
    if (Array.isArray(evidence)) await this.checkEvidence(evidence as string[]);
    const members = (args.data as { members?: Array<{ memberId?: string }> }).members;
    // Who may act and when is the workflow's to say first: the roster is consulted only for an action it would take.
    if (action === 'formSupervisionGroup' && Array.isArray(members)) {
      const state = await handle.query(issueStateQuery).catch(() => null);
      if (state && this.allowedActions(state, actor, await this.calendars.current()).includes(action))
        await this.checkAccounts(members);
    }
    const memberId = (args.data as { responsibleMemberId?: unknown }).responsibleMemberId;
    if (typeof memberId === 'string' && !(await this.organisation.member(memberId))?.active)
      throw IssueErrors.unknownReference(
        'responsibleMemberId',
        memberId,
        'an active member of the organisation',
      );
    const updateId = token ? keyedUpdateId(token) : randomUUID();
    try {
      const result = await this.withinWait(
        () => handle.executeUpdate(actionUpdates[action], { args: [args], updateId }),
        Math.max(deadline, Date.now() + UPDATE_ADMISSION_MS),
      );
      return await this.stateAfter(handle, result, found);
    } catch (error) {
      if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) throw await this.pending(code, updateId);
      // The issue closed with this very Update (the last sign-off): its outcome is still kept (S2).
      if (token && error instanceof WorkflowNotFoundError) {
        const earlier = await this.finishedOutcome(handle, updateId);
        if (earlier) return earlier;
      }
      throw await this.translate(code, handle, error);
    }
  }

  /**
   * The outcome of an action answered 202 (`GET /api/v1/issues/{code}/actions/{updateId}`): the new state once the
   * Update completed, its refusal as the action's own problem, 202 again while it runs, 404 for an unknown id.
   */
  async actionOutcome(code: string, updateId: string, actor: Actor): Promise<IssueState> {
    const handle = this.temporal.workflow.getHandle<typeof issueLifecycle>(
      issueWorkflowId(this.checked(code)),
    );
    if (!UPDATE_ID_PATTERN.test(updateId)) throw IssueErrors.unknownAction(code, updateId);
    let state: IssueState;
    try {
      const result = await this.withinWait(() => handle.getUpdateHandle<ActionResult>(updateId).result());
      state = await this.stateAfter(handle, result);
    } catch (error) {
      if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) throw await this.pending(code, updateId);
      if (error instanceof WorkflowNotFoundError) {
        // Not (or no longer) on the running execution: the issue may have closed with it.
        const earlier = await this.finishedOutcome(handle, updateId);
        if (earlier) state = earlier;
        else throw IssueErrors.unknownAction(code, updateId);
      } else throw await this.translate(code, handle, error);
    }
    if (!canReadIssue(actor, state)) throw IssueErrors.notFound(code);
    return state;
  }

  /**
   * The state an action will most likely find, and 404 for a unit that may not read the issue (H1): the read model's
   * state, which the issue's last write left there, when it lets the actor read the issue; else `readableState`, the
   * workflow's own, within the client's wait. The read model only spares the query: the workflow's validator judges
   * the action against its own state, and the Update's answer is applied to this state only when the workflow found
   * the very same one (see `stateAfter`). When no worker answers the query in time (one is restarting) the action
   * goes ahead: the validator still refuses an actor who is no party (S3).
   */
  private async readableBeforeActing(
    code: string,
    handle: WorkflowHandle<typeof issueLifecycle>,
    actor: Actor,
    deadline: number,
  ): Promise<IssueState | undefined> {
    const projected = await this.issues.projectedStateOf(code);
    if (projected && canReadIssue(actor, projected)) return projected;
    try {
      return await this.withinWait(() => this.readableState(code, handle, actor), deadline);
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      if (isGrpcDeadlineError(error) || isGrpcDeadlineError(cause)) return undefined;
      throw error;
    }
  }

  /**
   * The state after an action from its Update's answer: the whole state (issues started before the lean histories),
   * or its change applied to the state read before acting when the action found that very state; else the query.
   */
  private async stateAfter(
    handle: WorkflowHandle<typeof issueLifecycle>,
    result: ActionResult,
    found?: IssueState,
  ): Promise<IssueState> {
    return stateFromResult(result, found) ?? (await handle.query(issueStateQuery));
  }

  /**
   * S4: an operator resumes an issue that needs attention, once the data is fixed; answers the state after its
   * refused writes were tried again (attention gone, or set again when they are still refused).
   */
  async resume(code: string, actor: Actor, note: string): Promise<IssueState> {
    const handle = this.temporal.workflow.getHandle<typeof issueLifecycle>(
      issueWorkflowId(this.checked(code)),
    );
    try {
      return await this.withinWait(() => handle.executeUpdate(resumeUpdate, { args: [{ actor, note }] }));
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        const cause = error.cause;
        if (cause instanceof ApplicationFailure && cause.type === NOT_NEEDING_ATTENTION)
          throw IssueErrors.notNeedingAttention(code);
      }
      if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) throw await this.unavailableOr(error);
      throw await this.translate(code, handle, error);
    }
  }

  /** When a client's wait that starts now ends (UPDATE_WAIT_SECONDS). */
  private waitDeadline(): number {
    return Date.now() + this.config.UPDATE_WAIT_SECONDS * 1000;
  }

  /** Runs Temporal calls with the client's wait as their deadline. */
  private withinWait<T>(work: () => Promise<T>, deadline = this.waitDeadline()): Promise<T> {
    return this.temporal.withDeadline(deadline, work);
  }

  /** 202 for an Update that outlasted the wait, unless Temporal itself is unreachable (503). */
  private async pending(code: string, updateId: string): Promise<unknown> {
    const down = await this.unavailableOr(null);
    return down ?? actionPending(code, updateId);
  }

  /** 503 when the Temporal frontend does not answer a ping within two seconds, else `otherwise`. */
  private async unavailableOr<T>(otherwise: T): Promise<T | ReturnType<typeof serviceUnavailable>> {
    try {
      await this.temporal.withDeadline(Date.now() + 2000, () =>
        this.temporal.workflowService.getSystemInfo({}),
      );
      return otherwise;
    } catch {
      return serviceUnavailable('temporal', this.config.RETRY_AFTER_SECONDS);
    }
  }

  /** The outcome of an Update on the issue's closed execution (it closed the issue), if it has one. */
  private async finishedOutcome(
    handle: WorkflowHandle<typeof issueLifecycle>,
    updateId: string,
  ): Promise<IssueState | undefined> {
    try {
      const result = await this.temporal.withDeadline(Date.now() + 5000, () =>
        handle.getUpdateHandle<ActionResult>(updateId).result(),
      );
      return await this.stateAfter(handle, result);
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) throw error;
      return undefined;
    }
  }

  /**
   * L14: an archived issue that recurred starts a new run of the same workflow id, keeping its history. The run
   * carries the request's token in its memo, so a retry of a reopen whose answer was lost finds its own run (S2).
   */
  async reopen(code: string, actor: Actor, reason: string, token?: string): Promise<ReopenedIssue> {
    const workflowId = issueWorkflowId(this.checked(code));
    const handle = this.temporal.workflow.getHandle<typeof issueLifecycle>(workflowId);
    let previous: IssueState;
    try {
      const description = await handle.describe();
      if (token && description.status.name === 'RUNNING' && description.memo?.requestToken === token)
        return this.reopened(code, handle, description.runId);
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
      calendar: await this.calendars.current(),
      organisation: previous.organisation,
      reopen: { previous, reason, actor: actor.name, actorUnit: actor.unitCode },
      runVersion: ISSUE_RUN_VERSION,
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
        memo: { summary: issueSummary(previous), ...(token ? { requestToken: token } : {}) },
        staticSummary: issueStaticSummary(input),
        staticDetails: issueStaticDetails(input),
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        // This very request's lost first attempt started it, or someone else reopened it a moment earlier.
        const running = token ? await handle.describe() : undefined;
        if (running && running.memo?.requestToken === token)
          return this.reopened(code, handle, running.runId);
        throw IssueErrors.notArchived(code, 'reopened');
      }
      throw error;
    }
    return this.reopened(code, started, started.firstExecutionRunId);
  }

  private async reopened(
    code: string,
    handle: WorkflowHandle<typeof issueLifecycle>,
    runId: string,
  ): Promise<ReopenedIssue> {
    let state: IssueState | null = null;
    for (let attempt = 0; attempt < 20 && !state; attempt++) {
      try {
        state = await handle.query(issueStateQuery);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    // Q1: the read model must stop answering for the archived run at once; an older projection changes nothing.
    if (state) await this.issues.upsertRow(state, state.eventCount, new Date().toISOString());
    const workflowId = issueWorkflowId(code);
    return { code, workflowId, runId, state, temporalUiUrl: this.uiUrl(workflowId) };
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
  private allowedActions(state: IssueState, actor: Actor, calendar: OfficialCalendar): ActionId[] {
    if (state.status === 'archived') return [];
    const definition = processDefinition(state.definitionVersion);
    return allowedActions(state, actor, { definition, calendar, now: Date.now() });
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
