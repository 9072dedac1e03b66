import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Configuration, dutyPolicyOverride } from '../../config/configuration';
import {
  assembleBattleMap,
  type BattleMap,
  type BattleMapGridRow,
  type BattleMapIssueRow,
  type BattleMapKeyPointRow,
  type BattleMapUnitRow,
} from '../../domain/duties/battle-map/battle-map';
import { resolveDutyPolicy } from '../../domain/duties/duty-policy';
import { isCountyWide, type Actor } from '../../domain/organisation/roles';
import type { IssueStatus, RectificationPlan, Severity } from '../../domain/issue/issue.types';
import { BattleMapErrors } from './battle-map.errors';

interface IssueRow {
  code: string;
  title: string;
  category: string;
  category_name: string | null;
  severity: Severity;
  status: IssueStatus;
  township: string;
  township_name: string | null;
  village: string | null;
  finder_unit: string;
  owner: string | null;
  sector_owner: string;
  territorial_owner: string;
  deadline: Date | null;
  overdue: boolean;
  escalation_level: number;
  county_supervision: boolean;
  plan: RectificationPlan | null;
}

/** P9: reads one unit's organisation and open issues and assembles its 作战图 with the domain rules. */
@Injectable()
export class BattleMapService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Configuration,
  ) {}

  async battleMap(code: string, actor: Actor): Promise<BattleMap> {
    const q = this.dataSource;
    const [unit] = await q.query<
      Array<{ code: string; name: string; kind: string; parent_code: string | null }>
    >(`SELECT code, name, kind, parent_code FROM units WHERE code = $1`, [code]);
    await this.checkScope(code, actor);
    if (!unit) throw BattleMapErrors.unknownUnit(code);
    const grids = await q.query<
      Array<
        Omit<BattleMapGridRow, 'unitCode' | 'parentGridCode'> & {
          unit_code: string;
          parent_grid_code: string | null;
        }
      >
    >(
      `SELECT code, unit_code, name, kind, parent_grid_code, village, description FROM grids WHERE unit_code = $1`,
      [code],
    );
    // Grid members can belong to another unit (a village's 支部书记 in the township's village grid).
    const members = await q.query<
      Array<{
        id: string;
        unit_code: string;
        grid_code: string | null;
        name: string;
        roles: string[];
        is_section_cadre: boolean;
        post: string | null;
        phone: string | null;
        public_contact: string | null;
      }>
    >(
      `SELECT id, unit_code, grid_code, name, roles, is_section_cadre, post, phone, public_contact FROM members
       WHERE active AND (unit_code = $1 OR grid_code IN (SELECT code FROM grids WHERE unit_code = $1))`,
      [code],
    );
    const keyPoints = await q.query<Array<Omit<BattleMapKeyPointRow, 'gridCode'> & { grid_code: string }>>(
      `SELECT k.id, k.grid_code, k.name, k.lat, k.lng, k.description FROM key_points k
       JOIN grids g ON g.code = k.grid_code WHERE g.unit_code = $1`,
      [code],
    );
    const categories = await q.query<Array<{ code: string; name: string; description: string }>>(
      `SELECT code, name, description FROM responsibility_categories WHERE owner_unit_code = $1`,
      [code],
    );
    const issues = await q.query<IssueRow[]>(
      `SELECT i.code, i.title, i.category, c.name AS category_name, i.severity, i.status, i.township,
         tw.name AS township_name, i.village, i.finder_unit, i.owner, i.sector_owner, i.territorial_owner,
         i.deadline, i.overdue, i.escalation_level, i.county_supervision, i.state->'plan' AS plan
       FROM issues i
       LEFT JOIN responsibility_categories c ON c.code = i.category
       LEFT JOIN units tw ON tw.code = i.township
       WHERE i.status NOT IN ('closed', 'archived') AND $1 IN (i.owner, i.sector_owner, i.territorial_owner)`,
      [code],
    );
    const unitRow: BattleMapUnitRow = {
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      parentCode: unit.parent_code,
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
    const [own] = await this.dataSource.query<Array<{ parent_code: string | null; kind: string }>>(
      `SELECT parent_code, kind FROM units WHERE code = $1`,
      [actor.unitCode],
    );
    if (own?.kind === 'village' && own.parent_code === code) return;
    throw BattleMapErrors.notInScope(code);
  }
}
