import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Configuration, dutyPolicyOverride } from '../../config/configuration';
import { DEFAULT_CALENDAR } from '../../domain/calendar/working-days';
import type { Page } from '../../domain/common/page';
import type { Rejection } from '../../domain/common/rejection';
import { resolveDutyPolicy } from '../../domain/duties/duty-policy';
import { shanghaiParts } from '../../domain/duties/periods';
import { DEFAULT_ORGANISATION, isCountyWide, type Actor } from '../../domain/organisation/roles';
import { checkResponsibleParty, normaliseResponsibleParty } from '../../domain/records/responsible-party';
import {
  CLUE_ID_PATTERN,
  CLUE_RECEIVER_UNIT,
  clueSummary,
  clueTerms,
  clueWorkflowId,
  formatClueId,
  initialClueState,
  type ClueInput,
  type ClueState,
} from '../../domain/records/violation-clues';
import { EvidenceRepository } from '../../persistence/repositories/evidence.repository';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import {
  ViolationClueRepository,
  type ClueEventRow,
  type ViolationClueView,
} from '../../persistence/repositories/violation-clue.repository';
import {
  answerClueUpdate,
  CLUE_REJECTED,
  linkClueUpdate,
} from '../../workflows/records/violation-clue.messages';
import { clueSearchAttributes, violationClue } from '../../workflows/records/violation-clue.workflow';
import { temporalUiUrl } from '../common/temporal-ui';
import { IssuesService } from '../issues/issues.service';
import type {
  AnswerViolationClueDto,
  CreateViolationClueDto,
  ListViolationCluesQueryDto,
} from './dto/violation-clue.dto';
import { ClueErrors } from './violation-clues.errors';

const EVIDENCE_ID = /^[0-9a-f]{64}$/;

export interface HandedClue {
  id: string;
  workflowId: string;
  temporalUiUrl: string;
  state: ClueState;
}

export interface ClueDetail extends ViolationClueView {
  events: ClueEventRow[];
  temporalUiUrl: string;
}

/** 违法线索 (R2): hand a clue to 县生态环境局, its answers and links, and reading clues within the actor's scope. */
@Injectable()
export class ViolationCluesService {
  constructor(
    private readonly clues: ViolationClueRepository,
    private readonly organisation: OrganisationRepository,
    private readonly evidence: EvidenceRepository,
    private readonly issues: IssuesService,
    @Inject(Client) private readonly temporal: Client,
    private readonly config: Configuration,
  ) {}

  async hand(dto: CreateViolationClueDto, actor: Actor): Promise<HandedClue> {
    const unit = await this.organisation.unit(actor.unitCode);
    if (!unit) throw ClueErrors.unknownReference('actor.unit', actor.unitCode, 'a unit of the organisation');
    if (dto.township && !(await this.organisation.townshipCodes([dto.township])).has(dto.township))
      throw ClueErrors.unknownReference('township', dto.township, 'a township-level unit');
    const evidenceIds = (dto.evidence ?? []).filter((e) => EVIDENCE_ID.test(e));
    const known = await this.evidence.knownIds(evidenceIds);
    const missing = (dto.evidence ?? []).findIndex((e) => EVIDENCE_ID.test(e) && !known.has(e));
    if (missing >= 0)
      throw ClueErrors.unknownReference(
        `evidence[${missing}]`,
        dto.evidence![missing],
        'an uploaded evidence file',
      );
    await this.checkIssueCodes(dto.issueCodes ?? []);
    // The check character of the suspect's credit code, which the body's schema cannot state.
    const suspect = dto.suspect && checkResponsibleParty(dto.suspect, 'suspect', 'R2');
    if (suspect) throw ClueErrors.rejected(suspect);

    const now = Date.now();
    const id = formatClueId(shanghaiParts(now).year, await this.clues.nextNumber());
    const policy = resolveDutyPolicy(dutyPolicyOverride(this.config));
    const input: ClueInput = {
      id,
      title: dto.title,
      description: dto.description,
      township: dto.township ?? null,
      village: dto.village ?? null,
      location: dto.location ? { lat: dto.location.lat, lng: dto.location.lng } : null,
      suspect: dto.suspect ? normaliseResponsibleParty(dto.suspect) : null,
      evidence: dto.evidence ?? [],
      issueCodes: dto.issueCodes ?? [],
      handedBy: { id: actor.id, name: actor.name },
      handedByUnit: actor.unitCode,
      handedByUnitName: unit.name,
      handedAt: new Date(now).toISOString(),
      terms: clueTerms(DEFAULT_CALENDAR, now, policy),
      receiver: CLUE_RECEIVER_UNIT,
      ecoOffice: DEFAULT_ORGANISATION.ecoOffice,
    };
    const state = initialClueState(input);
    const workflowId = clueWorkflowId(id);
    await this.temporal.workflow.start(violationClue, {
      workflowId,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
      memo: { summary: clueSummary(state) },
      typedSearchAttributes: clueSearchAttributes(state),
    });
    return { id, workflowId, temporalUiUrl: temporalUiUrl(this.config, workflowId), state };
  }

  async answer(id: string, dto: AnswerViolationClueDto, actor: Actor): Promise<ClueState> {
    const handle = this.handle(id);
    const args = {
      actor,
      answer: dto.answer,
      note: dto.note,
      ...(dto.caseNumber ? { caseNumber: dto.caseNumber } : {}),
    };
    try {
      return await handle.executeUpdate(answerClueUpdate, { args: [args] });
    } catch (error) {
      throw await this.translate(id, error);
    }
  }

  async link(id: string, issueCodes: string[], actor: Actor): Promise<ClueState> {
    await this.checkIssueCodes(issueCodes);
    try {
      return await this.handle(id).executeUpdate(linkClueUpdate, { args: [{ actor, issueCodes }] });
    } catch (error) {
      throw await this.translate(id, error);
    }
  }

  /** The handing unit reads its own clues; 县生态环境局, 县环委办 and the county heads read all. */
  async list(query: ListViolationCluesQueryDto, actor: Actor): Promise<Page<ViolationClueView>> {
    let scopeUnit: string | undefined;
    if (!this.readsAll(actor)) {
      if (query.unit !== undefined && query.unit !== actor.unitCode) throw ClueErrors.notInScope(query.unit);
      scopeUnit = actor.unitCode;
    }
    const { items, total } = await this.clues.page(
      {
        scopeUnit,
        handedByUnit: query.unit,
        status: query.status,
        issueCode: query.issue,
        overdue: query.overdue,
      },
      query.page,
      query.pageSize,
    );
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  async get(id: string, actor: Actor): Promise<ClueDetail> {
    this.checked(id);
    const clue = await this.clues.find(id);
    if (!clue) throw ClueErrors.notFound(id);
    if (!this.readsAll(actor) && clue.handedByUnit !== actor.unitCode) throw ClueErrors.notInScope(id);
    return {
      ...clue,
      events: await this.clues.events(id),
      temporalUiUrl: temporalUiUrl(this.config, clue.workflowId),
    };
  }

  private readsAll(actor: Actor): boolean {
    return isCountyWide(actor) || actor.unitCode === CLUE_RECEIVER_UNIT;
  }

  private handle(id: string): WorkflowHandle<typeof violationClue> {
    return this.temporal.workflow.getHandle<typeof violationClue>(clueWorkflowId(this.checked(id)));
  }

  private checked(id: string): string {
    if (!CLUE_ID_PATTERN.test(id)) throw ClueErrors.badId(id);
    return id;
  }

  private async checkIssueCodes(codes: string[]): Promise<void> {
    const [unknown] = await this.issues.unknownIssueCodes(codes);
    if (unknown !== undefined)
      throw ClueErrors.unknownReference(`issueCodes[${unknown}]`, codes[unknown], 'a reported issue');
  }

  /** Temporal's answers as problems: a Rejection is 409/403/422; a finished clue 409; an unknown one 404. */
  private async translate(id: string, error: unknown): Promise<unknown> {
    if (error instanceof WorkflowUpdateFailedError) {
      const cause = error.cause;
      if (cause instanceof ApplicationFailure && cause.type === CLUE_REJECTED) {
        const rejection = cause.details?.[0] as Rejection | undefined;
        if (rejection && typeof rejection.kind === 'string') return ClueErrors.rejected(rejection);
      }
      return error;
    }
    if (error instanceof WorkflowNotFoundError)
      return (await this.clues.find(id)) ? ClueErrors.closed(id) : ClueErrors.notFound(id);
    return error;
  }
}
