import { ProblemException } from '../common/problem';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  leadsAsHead,
  mayPatrol,
  patrolTimeProblems,
  relatedGridCodes,
  sourceFitsMethods,
  type RosterMember,
} from '../../domain/duties/patrols/patrol';
import { DEFAULT_ORGANISATION, type Actor } from '../../domain/organisation/roles';
import { CatalogRepository } from '../../persistence/repositories/catalog.repository';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import { PatrolRepository, type PatrolView } from '../../persistence/repositories/patrol.repository';
import { isCountyWide } from '../issues/issues-query.service';
import { IssuesService } from '../issues/issues.service';
import type { CreatePatrolDto, PatrolIssueDto } from './dto/create-patrol.dto';
import type { ListPatrolsQueryDto } from './dto/patrols-query.dto';
import { PatrolErrors } from './patrols.errors';
import type { FieldProblem } from '../../domain/common/rejection';
import { type Page } from '../../domain/common/page';

/** An issue the patrol started (L1): where to follow it. */
export interface StartedPatrolIssue {
  code: string;
  workflowId: string;
  temporalUiUrl: string;
}

export interface RecordedPatrol extends PatrolView {
  /** Whether its leader is the grid's 直接负责人 or a head of its unit, as the weekly patrol needs (P2). */
  ledByHead: boolean;
  newIssues: StartedPatrolIssue[];
}

/** 巡查记录 (P2): append a patrol with the problems it found, and read patrols within the actor's scope. */
@Injectable()
export class PatrolsService {
  constructor(
    private readonly patrols: PatrolRepository,
    private readonly organisation: OrganisationRepository,
    private readonly catalog: CatalogRepository,
    private readonly issues: IssuesService,
  ) {}

  /**
   * Checks the whole record before anything happens, then starts the lifecycles of the new problems through the
   * issue reporting service, and appends the patrol with every problem's code. With a `token` (the request's
   * Idempotency-Key) the patrol's id and each new problem's code are derived from it, so a retry of a request that
   * died half-way finishes that patrol and starts none of its issues twice.
   */
  async record(dto: CreatePatrolDto, actor: Actor, token?: string): Promise<RecordedPatrol> {
    const grid = await this.organisation.grid(dto.gridCode);
    if (!grid) throw PatrolErrors.unknownReference('gridCode', dto.gridCode, 'a grid of the organisation');
    const patrolGrid = { code: grid.code, unitCode: grid.unit_code, parentGridCode: grid.parent_grid_code };
    const related = relatedGridCodes(patrolGrid, await this.organisation.subAreaCodes(grid.code));
    if (
      actor.unitCode !== grid.unit_code &&
      actor.unitCode !== DEFAULT_ORGANISATION.ecoOffice &&
      !(await this.worksInGrid(actor, related))
    )
      throw PatrolErrors.recordForbidden(grid.code, grid.unit_code);

    const startedAt = new Date(dto.startedAt);
    const endedAt = new Date(dto.endedAt);
    const roster = await this.roster([dto.leaderId, ...dto.memberIds]);
    const problems: FieldProblem[] = [...patrolTimeProblems(startedAt, endedAt, Date.now())];
    const onPatrol = (id: string, field: string) => {
      const member = roster.get(id);
      if (!member || !mayPatrol(member, patrolGrid, related))
        problems.push({
          field,
          rule: 'grid-member',
          message: `${field} "${id}" is not an active member of ${grid.unit_code} or of grid ${grid.code}`,
          zh: `${field}“${id}”不是 ${grid.unit_code} 或网格 ${grid.code} 的在岗人员`,
        });
    };
    onPatrol(dto.leaderId, 'leaderId');
    dto.memberIds.forEach((id, i) => onPatrol(id, `memberIds[${i}]`));
    problems.push(...(await this.keyPointProblems(dto.keyPointIds ?? [], related, grid.code)));
    problems.push(...(await this.issueCodeProblems(dto.issueCodes ?? [])));
    problems.push(...(await this.newIssueProblems(dto.newIssues ?? [], dto.methods)));
    if (problems.length > 0) throw PatrolErrors.invalid(problems);

    const id = `patrol-${token ?? randomUUID()}`;
    const newIssues: StartedPatrolIssue[] = [];
    for (const [i, issue] of (dto.newIssues ?? []).entries()) {
      // L16: each problem refers to this patrol, recorded below with the codes of the issues it started.
      const started = await this.issues.report(issue, actor, token && `patrol-${token}/issue-${i}`, id);
      newIssues.push({
        code: started.code,
        workflowId: started.workflowId,
        temporalUiUrl: started.temporalUiUrl,
      });
    }
    await this.patrols.insert({
      id,
      unitCode: grid.unit_code,
      gridCode: grid.code,
      ledBy: dto.leaderId,
      memberIds: [...new Set([dto.leaderId, ...dto.memberIds])],
      startedAt,
      endedAt,
      methods: dto.methods,
      keyPointIds: dto.keyPointIds ?? [],
      points: (dto.points ?? []).map((p) => ({
        name: p.name,
        ...(p.lat !== undefined && p.lng !== undefined ? { lat: p.lat, lng: p.lng } : {}),
      })),
      track: dto.track ?? null,
      notes: dto.notes ?? '',
      issueCodes: [...(dto.issueCodes ?? []), ...newIssues.map((i) => i.code)],
      recordedBy: actor.id,
      recordedAt: new Date(),
    });
    const view = (await this.patrols.find(id))!;
    return { ...view, ledByHead: leadsAsHead(roster.get(dto.leaderId), patrolGrid), newIssues };
  }

  /** Own unit's patrols; 县环委办 and the county heads read every unit's. */
  async list(query: ListPatrolsQueryDto, actor: Actor): Promise<Page<PatrolView>> {
    const scopeUnit = this.scopeUnit(query.unit, actor);
    const { items, total } = await this.patrols.page(
      { scopeUnit, unit: query.unit, grid: query.grid, week: query.week, month: query.month },
      query.page,
      query.pageSize,
    );
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  async get(id: string, actor: Actor): Promise<PatrolView> {
    const patrol = await this.patrols.find(id);
    if (!patrol) throw PatrolErrors.notFound(id);
    if (!isCountyWide(actor) && patrol.unitCode !== actor.unitCode)
      throw PatrolErrors.notInScope('patrols', patrol.unitCode);
    return patrol;
  }

  /** The unit an actor is limited to (undefined: county-wide); asking for another unit is refused. */
  private scopeUnit(unit: string | undefined, actor: Actor): string | undefined {
    if (isCountyWide(actor)) return undefined;
    if (unit !== undefined && unit !== actor.unitCode) throw PatrolErrors.notInScope('patrols', unit);
    return actor.unitCode;
  }

  /** G4, G8: a village's 支部书记 (of the village unit) records the patrol of the grid they work in. */
  private async worksInGrid(
    actor: Actor,
    related: ReadonlySet<string> | readonly string[],
  ): Promise<boolean> {
    const member = (await this.roster([actor.id])).get(actor.id);
    const grids = new Set(related);
    return member !== undefined && member.active && member.gridCode !== null && grids.has(member.gridCode);
  }

  private async roster(ids: string[]): Promise<Map<string, RosterMember>> {
    const rows = await this.organisation.members(ids);
    return new Map(
      rows.map((r) => [
        r.id,
        { id: r.id, unitCode: r.unit_code, gridCode: r.grid_code, roles: r.roles, active: r.active },
      ]),
    );
  }

  private async keyPointProblems(ids: string[], related: Set<string>, grid: string): Promise<FieldProblem[]> {
    if (ids.length === 0) return [];
    const rows = await this.organisation.keyPoints(ids);
    const gridOf = new Map(rows.map((r) => [r.id, r.grid_code]));
    return ids.flatMap((id, i) => {
      const of = gridOf.get(id);
      return of !== undefined && related.has(of)
        ? []
        : [
            {
              field: `keyPointIds[${i}]`,
              rule: 'grid-key-point',
              message: `keyPointIds[${i}] "${id}" is not a key point of grid ${grid}`,
              zh: `keyPointIds[${i}]“${id}”不是网格 ${grid} 的重点点位`,
            },
          ];
    });
  }

  /** Issues named as found must exist: in the read model, or (just reported) as a workflow. */
  private async issueCodeProblems(codes: string[]): Promise<FieldProblem[]> {
    return (await this.issues.unknownIssueCodes(codes)).map((i) => ({
      field: `issueCodes[${i}]`,
      rule: 'known-reference',
      message: `issueCodes[${i}] "${codes[i]}" is not a reported issue`,
      zh: `issueCodes[${i}]“${codes[i]}”不是已上报的问题`,
    }));
  }

  /** The references the issue reporting service would refuse, checked before any lifecycle starts. */
  private async newIssueProblems(issues: PatrolIssueDto[], methods: string[]): Promise<FieldProblem[]> {
    if (issues.length === 0) return [];
    const categories = await this.catalog.knownCodes(issues.map((i) => i.category));
    // The reporting service's own placement (G7): the problems name the patrol's field, not the report's.
    const territories = await Promise.all(
      issues.map(async (issue, i) => {
        try {
          await this.issues.territory(issue);
          return [];
        } catch (error) {
          if (!(error instanceof ProblemException)) throw error;
          return (error.extensions.errors ?? []).map((p) => ({
            ...p,
            field: `newIssues[${i}].${p.field}`,
            message: `newIssues[${i}].${p.message}`,
          }));
        }
      }),
    );
    return issues.flatMap((issue, i) => {
      const field = `newIssues[${i}]`;
      const problems: FieldProblem[] = [];
      if (!categories.has(issue.category))
        problems.push({
          field: `${field}.category`,
          rule: 'known-reference',
          message: `${field}.category "${issue.category}" is not a category of the responsibility catalog`,
          zh: `${field}.category“${issue.category}”不是责任清单中的问题类别`,
        });
      problems.push(...territories[i]);
      if (!sourceFitsMethods(issue.source, methods))
        problems.push({
          field: `${field}.source`,
          rule: 'L1',
          message: `${field}.source ${issue.source} needs the patrol to have used ${issue.source === 'resident_visit' ? 'resident_visit (访群众)' : 'an inspection method (巡查、明查、暗查、查厂内、查厂外)'}`,
          zh: `${field}.source 要求本次巡查采用了${issue.source === 'resident_visit' ? '访群众' : '巡查、明查、暗查、查厂内或查厂外'}`,
        });
      return problems;
    });
  }
}
