import { randomUUID, createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import {
  attendeeProblems,
  awaitsConsultation,
  issueConsultationData,
} from '../../domain/duties/patrols/consultation';
import { pastTimeProblems } from '../../domain/duties/patrols/patrol';
import type { FieldProblem } from '../../domain/common/rejection';
import { isCountyWide, mayConvene, type Actor } from '../../domain/organisation/roles';
import { issueWorkflowId } from '../../domain/issue/issue-code';
import type { IssueState } from '../../domain/issue/issue.types';
import type { ActionData } from '../../domain/issue/actions';
import type { ConsultationAttendee } from '../../persistence/entities/consultation.entity';
import {
  ConsultationRepository,
  type ConsultationView,
} from '../../persistence/repositories/consultation.repository';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import { issueStateQuery } from '../../workflows/issue/issue.messages';
import type { issueLifecycle } from '../../workflows/issue/issue.workflow';
import { ProblemException } from '../common/problem';
import { canReadIssue } from '../common/read-scope';
import { IssuesService } from '../issues/issues.service';
import { ConsultationErrors } from './consultations.errors';
import type { CreateConsultationDto } from './dto/create-consultation.dto';
import type { ListConsultationsQueryDto } from './dto/consultations-query.dto';
import { type Page } from '../../domain/common/page';

/** What happened to one linked issue: whether it awaited its L12 consultation and whether this one was recorded. */
export interface IssueConsultationOutcome {
  code: string;
  awaited: boolean;
  recorded: boolean;
  /** Why nothing was recorded: `not-awaited`, `not-running`, or the issue's own refusal code. */
  reason?: string;
  detail?: string;
}

export interface RecordedConsultation extends ConsultationView {
  issues: IssueConsultationOutcome[];
}

/** 会商 (P5): a grid head records a consultation; issues waiting for their L12 consultation get it too. */
/** The token of one issue's part of a keyed consultation: its Update is the same on every retry (S2). */
function issueToken(token: string, code: string): string {
  return createHash('sha256').update(`${token}\n${code}`).digest('hex').slice(0, 32);
}

@Injectable()
export class ConsultationsService {
  constructor(
    private readonly consultations: ConsultationRepository,
    private readonly organisation: OrganisationRepository,
    private readonly issues: IssuesService,
    @Inject(Client) private readonly temporal: Client,
  ) {}

  /**
   * Records a consultation and gives it to the issues it names. With a `token` (the request's Idempotency-Key) the
   * id is derived from it, so a retry of a request that died after storing the record does not store it twice.
   */
  async record(dto: CreateConsultationDto, actor: Actor, token?: string): Promise<RecordedConsultation> {
    if (!mayConvene(actor.roles)) throw ConsultationErrors.notConvener();
    const convener = await this.organisation.member(actor.id);
    if (!convener?.active) throw ConsultationErrors.notMember(actor.id);

    const heldAt = new Date(dto.heldAt);
    const problems: FieldProblem[] = [
      ...pastTimeProblems([{ field: 'heldAt', at: heldAt }], Date.now()),
      ...attendeeProblems(dto.attendees),
    ];
    const memberIds = dto.attendees.flatMap((a) => (a.memberId ? [a.memberId] : []));
    const members = new Map(
      (await this.organisation.members(memberIds)).filter((m) => m.active).map((m) => [m.id, m]),
    );
    dto.attendees.forEach((a, i) => {
      if (a.memberId && !members.has(a.memberId))
        problems.push({
          field: `attendees[${i}].memberId`,
          rule: 'known-reference',
          message: `attendees[${i}].memberId "${a.memberId}" is not an active member`,
          zh: `attendees[${i}].memberId“${a.memberId}”不是在岗人员`,
        });
    });
    problems.push(...(await this.issueCodeProblems(dto.issueCodes ?? [])));
    if (problems.length > 0) throw ConsultationErrors.invalid(problems);

    const attendees: ConsultationAttendee[] = dto.attendees.map((a) => {
      const member = a.memberId ? members.get(a.memberId) : undefined;
      return member
        ? { memberId: member.id, name: member.name, unit: member.unit_code }
        : { name: a.name!.trim(), unit: a.unit!.trim() };
    });
    const decisions = (dto.decisions ?? []).map((d) => ({
      text: d.text,
      ...(d.owner ? { owner: d.owner } : {}),
      ...(d.due ? { due: d.due } : {}),
    }));
    const id = `consultation-${token ?? randomUUID()}`;
    await this.consultations.insert({
      id,
      unitCode: actor.unitCode,
      convenedBy: actor.id,
      heldAt,
      topic: dto.topic,
      attendees,
      minutes: dto.minutes,
      decisions,
      issueCodes: dto.issueCodes ?? [],
      recordedBy: actor.id,
      recordedAt: new Date(),
    });
    // The issue keeps this record's id, so the ledger writer does not count the same consultation twice (P5).
    const data = {
      ...issueConsultationData({ heldAt, attendees, minutes: dto.minutes, decisions }),
      consultationId: id,
    };
    const issues: IssueConsultationOutcome[] = [];
    for (const code of dto.issueCodes ?? [])
      issues.push(await this.consultIssue(code, actor, data, token && issueToken(token, code)));
    return { ...(await this.consultations.find(id))!, issues };
  }

  /** Own unit's consultations; 县环委办 and the county heads read every unit's. */
  async list(query: ListConsultationsQueryDto, actor: Actor): Promise<Page<ConsultationView>> {
    let scopeUnit: string | undefined;
    if (!isCountyWide(actor)) {
      if (query.unit !== undefined && query.unit !== actor.unitCode)
        throw ConsultationErrors.notInScope(query.unit);
      scopeUnit = actor.unitCode;
    }
    const { items, total } = await this.consultations.page(
      { scopeUnit, unit: query.unit, month: query.month },
      query.page,
      query.pageSize,
    );
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  async get(id: string, actor: Actor): Promise<ConsultationView> {
    const consultation = await this.consultations.find(id);
    if (!consultation) throw ConsultationErrors.notFound(id);
    if (!isCountyWide(actor) && consultation.unitCode !== actor.unitCode)
      throw ConsultationErrors.notInScope(consultation.unitCode);
    return consultation;
  }

  /**
   * L12: an issue that still waits for its consultation gets this one through its own `recordConsultation`
   * action, so its deadline is met; the workflow decides whether this convener may record it.
   */
  private async consultIssue(
    code: string,
    actor: Actor,
    data: ActionData['recordConsultation'],
    token?: string,
  ): Promise<IssueConsultationOutcome> {
    let state: IssueState;
    try {
      state = await this.temporal.workflow
        .getHandle<typeof issueLifecycle>(issueWorkflowId(code))
        .query(issueStateQuery);
    } catch (error) {
      // The consultation itself is stored: the answer says what became of each issue rather than failing.
      if (error instanceof WorkflowNotFoundError)
        return { code, awaited: false, recorded: false, reason: 'not-running' };
      return { code, awaited: false, recorded: false, reason: 'state-unavailable', detail: String(error) };
    }
    // H1: to a unit that may not read the issue it does not exist, whatever it awaits.
    if (!canReadIssue(actor, state))
      return { code, awaited: false, recorded: false, reason: 'issue-not-found' };
    if (!awaitsConsultation(state)) return { code, awaited: false, recorded: false, reason: 'not-awaited' };
    try {
      await this.issues.act(code, 'recordConsultation', actor, data, token);
      return { code, awaited: true, recorded: true };
    } catch (error) {
      if (error instanceof ProblemException)
        return { code, awaited: true, recorded: false, reason: error.code, detail: error.detail };
      return { code, awaited: true, recorded: false, reason: 'action-failed', detail: String(error) };
    }
  }

  private async issueCodeProblems(codes: string[]): Promise<FieldProblem[]> {
    return (await this.issues.unknownIssueCodes(codes)).map((i) => ({
      field: `issueCodes[${i}]`,
      rule: 'known-reference',
      message: `issueCodes[${i}] "${codes[i]}" is not a reported issue`,
      zh: `issueCodes[${i}]“${codes[i]}”不是已上报的问题`,
    }));
  }
}
