import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Page } from '../../domain/common/page';
import { isCountyWide, type Actor } from '../../domain/organisation/roles';
import {
  mayHandleRelay,
  mayRelay,
  relayGrid,
  VILLAGE_RELAY_STATUS_LABELS,
} from '../../domain/organisation/village-relay';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import {
  VillageRelayRepository,
  type RelayNotice,
  type VillageRelayView,
} from '../../persistence/repositories/village-relay.repository';
import { CreateIssueDto } from '../issues/dto/create-issue.dto';
import { IssuesService } from '../issues/issues.service';
import type {
  AcceptVillageRelayDto,
  AnswerVillageRelayDto,
  CreateVillageRelayDto,
  ListVillageRelaysQueryDto,
} from './dto/village-relay.dto';
import { VillageRelayErrors } from './village-relays.errors';

export interface AcceptedRelay {
  relay: VillageRelayView;
  issue: { code: string; workflowId: string; temporalUiUrl: string };
}

/**
 * 村级网格员反馈 (G8): a village grid member relays what they saw to the township's grid at once; the township's
 * 网格员 or 副网格长 accepts it as an issue (its lifecycle starts, found by the township) or answers it.
 */
@Injectable()
export class VillageRelaysService {
  constructor(
    private readonly relays: VillageRelayRepository,
    private readonly organisation: OrganisationRepository,
    private readonly issues: IssuesService,
  ) {}

  async relay(dto: CreateVillageRelayDto, actor: Actor): Promise<VillageRelayView> {
    const [reporter] = await this.organisation.members([actor.id]);
    const own =
      reporter?.active && reporter.grid_code
        ? await this.organisation.gridTerritory(reporter.grid_code)
        : undefined;
    const gridCode = own ? relayGrid(own) : null;
    const grid = gridCode ? await this.organisation.gridTerritory(gridCode) : undefined;
    const township = grid?.baseUnitCode ? await this.organisation.unit(grid.baseUnitCode) : undefined;
    if (!reporter || !mayRelay(reporter.roles) || !grid || township?.kind !== 'township')
      throw VillageRelayErrors.notVillageMember();
    const id = `relay-${randomUUID()}`;
    const reportedAt = new Date();
    const text = {
      subject: `【村级网格员反馈】${dto.title}`,
      body: `${reporter.name}（${grid.code}）反馈：${dto.description}\n请及时受理为问题或答复（G8）。`,
    };
    // "反馈至乡镇网格员或副网格长": the township's members in that grid, and its 副网格长.
    const recipients = [
      ...(await this.organisation.activeMembers({ grid: grid.code, unit: township.code })),
      ...(await this.organisation.activeMembers({ unit: township.code, roles: ['grid_deputy'] })),
    ];
    const notices: RelayNotice[] = (recipients.length > 0 ? recipients : [null]).map((r) => ({
      key: 'relayed',
      kind: 'village_relay',
      relayId: id,
      unitCode: township.code,
      recipient: r && { id: r.id, name: r.name },
      ...text,
    }));
    await this.relays.insert(
      {
        id,
        gridCode: grid.code,
        township: township.code,
        reporterId: reporter.id,
        reporterUnit: reporter.unit_code,
        title: dto.title,
        description: dto.description,
        location: dto.location ? { lat: dto.location.lat, lng: dto.location.lng } : null,
        evidence: dto.evidence ?? [],
        reportedAt,
      },
      notices,
    );
    return (await this.relays.find(id))!;
  }

  async list(query: ListVillageRelaysQueryDto, actor: Actor): Promise<Page<VillageRelayView>> {
    const scope = isCountyWide(actor) ? undefined : actor.unitCode;
    const { items, total } = await this.relays.page(
      { scope, township: query.township, status: query.status },
      query.page,
      query.pageSize,
    );
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  async get(id: string, actor: Actor): Promise<VillageRelayView> {
    const relay = await this.relays.find(id);
    if (!relay) throw VillageRelayErrors.notFound(id);
    if (
      !isCountyWide(actor) &&
      actor.unitCode !== relay.township &&
      actor.unitCode !== relay.reporter.unitCode
    )
      throw VillageRelayErrors.notInScope(id);
    return relay;
  }

  /** The township takes it as an issue: found by the township (L2), placed in the relay's grid (G7). */
  async accept(id: string, dto: AcceptVillageRelayDto, actor: Actor): Promise<AcceptedRelay> {
    const relay = await this.waiting(id, actor);
    const report = Object.assign(new CreateIssueDto(), {
      title: relay.title,
      description: `${relay.description}\n（村级网格员${relay.reporter.name}反馈，${relay.gridName}）`,
      category: dto.category,
      severity: dto.severity ?? 'general',
      source: dto.source ?? 'patrol',
      township: relay.township,
      grid: relay.gridCode,
      ...(relay.location ? { location: relay.location } : {}),
      evidence: relay.evidence,
    } satisfies CreateIssueDto);
    // The relay's id reserves the issue's code: a retried or concurrent accept finds the same issue. Found on the
    // village grid member's patrol, the problem names the relay as its patrol record (L16, G8).
    const onPatrol = report.source === 'patrol' ? `village-relay:${id}` : undefined;
    const started = await this.issues.report(report, actor, id, onPatrol);
    const accepted = await this.relays.settle(
      id,
      { status: 'accepted', issueCode: started.code, by: { id: actor.id, name: actor.name }, at: new Date() },
      [this.toReporter(relay, 'relay_accepted', `已受理为问题 ${started.code}，进入整改流程。`)],
    );
    const now = (await this.relays.find(id))!;
    if (!accepted && now.issueCode !== started.code) throw VillageRelayErrors.settled(id, now.status);
    return {
      relay: now,
      issue: { code: started.code, workflowId: started.workflowId, temporalUiUrl: started.temporalUiUrl },
    };
  }

  async answer(id: string, dto: AnswerVillageRelayDto, actor: Actor): Promise<VillageRelayView> {
    const relay = await this.waiting(id, actor);
    const answered = await this.relays.settle(
      id,
      { status: 'answered', answer: dto.answer, by: { id: actor.id, name: actor.name }, at: new Date() },
      [this.toReporter(relay, 'relay_answered', `答复：${dto.answer}`)],
    );
    const now = (await this.relays.find(id))!;
    if (!answered) throw VillageRelayErrors.settled(id, VILLAGE_RELAY_STATUS_LABELS[now.status]);
    return now;
  }

  /** A relay still waiting, and an actor of its township who may take it. */
  private async waiting(id: string, actor: Actor): Promise<VillageRelayView> {
    const relay = await this.relays.find(id);
    if (!relay) throw VillageRelayErrors.notFound(id);
    if (actor.unitCode !== relay.township || !mayHandleRelay(actor.roles))
      throw VillageRelayErrors.notHandler(relay.township);
    if (relay.status === 'answered')
      throw VillageRelayErrors.settled(id, VILLAGE_RELAY_STATUS_LABELS.answered);
    return relay;
  }

  private toReporter(relay: VillageRelayView, kind: string, outcome: string): RelayNotice {
    return {
      key: kind,
      kind,
      relayId: relay.id,
      unitCode: relay.reporter.unitCode,
      recipient: { id: relay.reporter.id, name: relay.reporter.name },
      subject: `【反馈处理结果】${relay.title}`,
      body: `${relay.townshipName}：${outcome}`,
    };
  }
}
