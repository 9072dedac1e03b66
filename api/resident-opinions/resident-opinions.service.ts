import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Page } from '../../domain/common/page';
import type { FieldProblem } from '../../domain/common/rejection';
import { mayPatrol, pastTimeProblems, relatedGridCodes } from '../../domain/duties/patrols/patrol';
import {
  mayAnswerOpinion,
  opinionFor,
  OPINION_MAX_AGE_DAYS,
  type ResidentOpinionView,
} from '../../domain/records/resident-opinions';
import { isCountyWide, type Actor } from '../../domain/organisation/roles';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import { PatrolRepository } from '../../persistence/repositories/patrol.repository';
import { ResidentOpinionRepository } from '../../persistence/repositories/resident-opinion.repository';
import type { CreateResidentOpinionDto, ListResidentOpinionsQueryDto } from './dto/resident-opinion.dto';
import { OpinionErrors } from './resident-opinions.errors';

/** 群众意见建议 (R1): collected in a grid by its members, answered by the unit, read within the actor's scope. */
@Injectable()
export class ResidentOpinionsService {
  constructor(
    private readonly opinions: ResidentOpinionRepository,
    private readonly organisation: OrganisationRepository,
    private readonly patrols: PatrolRepository,
  ) {}

  /** With a `token` (the request's Idempotency-Key) the id is derived from it, so a retry stores nothing twice. */
  async collect(dto: CreateResidentOpinionDto, actor: Actor, token?: string): Promise<ResidentOpinionView> {
    const grid = await this.organisation.grid(dto.gridCode);
    if (!grid) throw OpinionErrors.unknownReference('gridCode', dto.gridCode, 'a grid of the organisation');
    const [member] = await this.organisation.members([actor.id]);
    const patrolGrid = { code: grid.code, unitCode: grid.unit_code, parentGridCode: grid.parent_grid_code };
    const related = relatedGridCodes(patrolGrid, await this.organisation.subAreaCodes(grid.code));
    const collector = member && {
      id: member.id,
      unitCode: member.unit_code,
      gridCode: member.grid_code,
      roles: member.roles,
      active: member.active,
    };
    if (!collector || !mayPatrol(collector, patrolGrid, related))
      throw OpinionErrors.collectForbidden(grid.code, grid.unit_code);

    const collectedAt = new Date(dto.collectedAt);
    const problems: FieldProblem[] = pastTimeProblems(
      [{ field: 'collectedAt', at: collectedAt }],
      Date.now(),
      OPINION_MAX_AGE_DAYS,
    );
    if (dto.patrolId) {
      const patrol = await this.patrols.find(dto.patrolId);
      if (!patrol || !related.has(patrol.gridCode))
        problems.push({
          field: 'patrolId',
          rule: 'known-reference',
          message: `patrolId "${dto.patrolId}" is not a patrol of grid ${grid.code}`,
        });
    }
    if (problems.length > 0) throw OpinionErrors.invalid(problems);

    const id = `opinion-${token ?? randomUUID()}`;
    const resident = dto.resident && (dto.resident.name || dto.resident.contact) ? dto.resident : null;
    await this.opinions.insert({
      id,
      unitCode: grid.unit_code,
      gridCode: grid.code,
      kind: dto.kind,
      content: dto.content,
      collectedAt,
      collectedBy: { id: actor.id, name: actor.name },
      resident: resident && {
        ...(resident.name ? { name: resident.name.trim() } : {}),
        ...(resident.contact ? { contact: resident.contact.trim() } : {}),
      },
      patrolId: dto.patrolId ?? null,
    });
    return opinionFor(actor, (await this.opinions.find(id))!);
  }

  /** R1: the unit answers once, through its grid's 直接负责人 or a head. */
  async answer(id: string, text: string, actor: Actor): Promise<ResidentOpinionView> {
    const opinion = await this.opinions.find(id);
    if (!opinion) throw OpinionErrors.notFound(id);
    if (!mayAnswerOpinion(actor, opinion.unitCode)) throw OpinionErrors.answerForbidden(opinion.unitCode);
    if (!(await this.opinions.answer(id, text, { id: actor.id, name: actor.name }, new Date())))
      throw OpinionErrors.answered(id);
    return opinionFor(actor, (await this.opinions.find(id))!);
  }

  /** Own unit's opinions (and those one collected); 县环委办 and the county heads read every unit's. */
  async list(query: ListResidentOpinionsQueryDto, actor: Actor): Promise<Page<ResidentOpinionView>> {
    let scopeUnit: string | undefined;
    if (!isCountyWide(actor)) {
      if (query.unit !== undefined && query.unit !== actor.unitCode)
        throw OpinionErrors.notInScope(query.unit);
      scopeUnit = actor.unitCode;
    }
    const { items, total } = await this.opinions.page(
      { scopeUnit, unit: query.unit, grid: query.grid, month: query.month, answered: query.answered },
      query.page,
      query.pageSize,
    );
    return {
      items: items.map((o) => opinionFor(actor, o)),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async get(id: string, actor: Actor): Promise<ResidentOpinionView> {
    const opinion = await this.opinions.find(id);
    if (!opinion) throw OpinionErrors.notFound(id);
    if (!isCountyWide(actor) && opinion.unitCode !== actor.unitCode && opinion.collectedBy.id !== actor.id)
      throw OpinionErrors.notInScope(opinion.unitCode);
    return opinionFor(actor, opinion);
  }
}
