import { Injectable } from '@nestjs/common';
import { Configuration, dutyPolicyOverride } from '../../config/configuration';
import {
  assembleBattleMap,
  type BattleMap,
  type BattleMapIssueRow,
  type BattleMapUnitRow,
} from '../../domain/duties/battle-map/battle-map';
import { resolveDutyPolicy } from '../../domain/duties/duty-policy';
import type { Actor } from '../../domain/organisation/roles';
import { CatalogRepository } from '../../persistence/repositories/catalog.repository';
import { IssueRepository } from '../../persistence/repositories/issue.repository';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import { isCountyWide } from '../issues/issues-query.service';
import { BattleMapErrors } from './battle-map.errors';

/** P9: reads one unit's organisation and open issues and assembles its 作战图 with the domain rules. */
@Injectable()
export class BattleMapService {
  constructor(
    private readonly organisation: OrganisationRepository,
    private readonly catalog: CatalogRepository,
    private readonly issueRecords: IssueRepository,
    private readonly config: Configuration,
  ) {}

  async battleMap(code: string, actor: Actor): Promise<BattleMap> {
    const unit = await this.organisation.unit(code);
    await this.checkScope(code, actor);
    if (!unit) throw BattleMapErrors.unknownUnit(code);
    const grids = await this.organisation.gridsOfUnit(code);
    const members = await this.organisation.activeMembersWorkingFor(code);
    const keyPoints = await this.organisation.keyPointsOfUnit(code);
    const categories = await this.catalog.ownedBy(code);
    const issues = await this.issueRecords.openIssuesOf(code);
    const unitRow: BattleMapUnitRow = {
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      parentCode: unit.parentCode,
    };
    return assembleBattleMap(
      {
        unit: unitRow,
        grids: grids.map((g) => ({
          code: g.code,
          unitCode: g.unit_code,
          name: g.name,
          kind: g.kind,
          parentGridCode: g.parent_grid_code,
          village: g.village,
          description: g.description,
        })),
        members: members.map((m) => ({
          id: m.id,
          unitCode: m.unit_code,
          gridCode: m.grid_code,
          name: m.name,
          roles: m.roles,
          isSectionCadre: m.is_section_cadre,
          post: m.post,
          phone: m.phone,
          publicContact: m.public_contact,
        })),
        keyPoints: keyPoints.map((k) => ({
          id: k.id,
          gridCode: k.grid_code,
          name: k.name,
          lat: k.lat,
          lng: k.lng,
          description: k.description,
        })),
        categories,
        issues: issues.map((i): BattleMapIssueRow => ({
          code: i.code,
          title: i.title,
          category: i.category,
          categoryName: i.category_name,
          severity: i.severity,
          status: i.status,
          township: i.township,
          townshipName: i.township_name,
          village: i.village,
          finderUnit: i.finder_unit,
          owner: i.owner,
          sectorOwner: i.sector_owner,
          territorialOwner: i.territorial_owner,
          deadline: i.deadline,
          overdue: i.overdue,
          escalationLevel: i.escalation_level,
          countySupervision: i.county_supervision,
          plan: i.plan,
        })),
      },
      resolveDutyPolicy(dutyPolicyOverride(this.config)),
      new Date(),
    );
  }

  /**
   * Members of the unit read its map, and so do members of its villages (a 村级网格员 works in the township's
   * village grid); 县环委办 and the county heads read every unit's.
   */
  private async checkScope(code: string, actor: Actor): Promise<void> {
    if (actor.unitCode === code || isCountyWide(actor)) return;
    const own = await this.organisation.unit(actor.unitCode);
    if (own?.kind === 'village' && own.parentCode === code) return;
    throw BattleMapErrors.notInScope(code);
  }
}
