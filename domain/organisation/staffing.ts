import { ROLE_LABELS, type MemberRole } from './roles';
import {
  PUBLIC_WELFARE_POSTS,
  POSTS,
  VILLAGE_CADRE_POSTS,
  type OrganisationGrid,
  type OrganisationMember,
  type OrganisationUnit,
} from './organisation.types';

export type StaffingRule = 'G1' | 'G2' | 'G3' | 'G4' | 'G7';

export type StaffingFindingCode =
  | 'county_unit_missing'
  | 'role_count'
  | 'no_grid'
  | 'grid_kind_mismatch'
  | 'grid_members_too_few'
  | 'grid_no_direct_leader'
  | 'grid_direct_leader_count'
  | 'grid_direct_leader_not_section_cadre'
  | 'grid_no_first_secretary'
  | 'grid_no_stationed_cadre'
  | 'village_no_branch_secretary'
  | 'sub_area_parent_invalid'
  | 'sub_area_uncovered'
  | 'village_no_grid'
  | 'grid_no_area';

/** One breach of the grid structure (G6: 网格体系合规报告). */
export interface StaffingFinding {
  rule: StaffingRule;
  unitCode: string;
  gridCode?: string;
  code: StaffingFindingCode;
  /** Chinese, for the report as the county office reads it. */
  message: string;
}

export interface StaffingInput {
  units: readonly OrganisationUnit[];
  grids: readonly OrganisationGrid[];
  members: readonly OrganisationMember[];
}

/** The numbers the plan sets (seed 二): "原则上不得少于3人". */
export interface StaffingPolicy {
  minGridMembers: number;
}

export const DEFAULT_STAFFING_POLICY: StaffingPolicy = { minGridMembers: 3 };

/** Units that define sector grids and have 分网格长 (县直相关行业主管部门; the park's 管委会 is run the same way). */
const SECTOR_UNIT_KINDS: readonly string[] = ['department', 'park'];

const isGridMember = (m: OrganisationMember) =>
  m.roles.includes('grid_member') || m.roles.includes('direct_leader');

/**
 * G1–G4 over plain data: every unit, grid and rule breach, in a stable order (county, departments, townships;
 * each unit's own findings before its grids'). Inactive members do not count.
 */
export function checkStaffing(
  input: StaffingInput,
  policy: StaffingPolicy = DEFAULT_STAFFING_POLICY,
): StaffingFinding[] {
  const findings: StaffingFinding[] = [];
  const members = input.members.filter((m) => m.active);
  const unitsByCode = new Map(input.units.map((u) => [u.code, u]));
  const gridsByCode = new Map(input.grids.map((g) => [g.code, g]));
  const membersOfGrid = (gridCode: string) => members.filter((m) => m.gridCode === gridCode);
  const holders = (role: MemberRole, unitCode?: string) =>
    members.filter((m) => m.roles.includes(role) && (unitCode === undefined || m.unitCode === unitCode));

  const exactlyOne = (rule: StaffingRule, unit: OrganisationUnit, role: MemberRole, found: number) => {
    if (found !== 1)
      findings.push({
        rule,
        unitCode: unit.code,
        code: 'role_count',
        message: `${unit.name}：应设${ROLE_LABELS[role]}1名，现有${found}名`,
      });
  };

  // G1: the county's three posts. Counted wherever they were recorded, so a misfiled chief is not silently missed.
  const county = input.units.find((u) => u.kind === 'county_government');
  if (!county) {
    findings.push({
      rule: 'G1',
      unitCode: '',
      code: 'county_unit_missing',
      message: '未登记县人民政府（总网格长所在单位）',
    });
  } else {
    for (const role of ['chief', 'deputy_chief', 'liaison'] as const)
      exactlyOne('G1', county, role, holders(role).length);
  }

  /** The staffing every department or township grid needs (G2, G3): ≥3 网格员, one 科级干部 直接负责人. */
  const checkGridCore = (rule: 'G2' | 'G3', unit: OrganisationUnit, grid: OrganisationGrid) => {
    const gridMembers = membersOfGrid(grid.code).filter(isGridMember);
    const where = `${unit.name}「${grid.name}」`;
    const add = (code: StaffingFindingCode, message: string) =>
      findings.push({
        rule,
        unitCode: unit.code,
        gridCode: grid.code,
        code,
        message: `${where}：${message}`,
      });
    if (gridMembers.length < policy.minGridMembers)
      add('grid_members_too_few', `网格员不少于${policy.minGridMembers}人，现有${gridMembers.length}人`);
    const leaders = gridMembers.filter((m) => m.roles.includes('direct_leader'));
    if (leaders.length === 0) add('grid_no_direct_leader', '未明确直接负责人（应由科级干部担任）');
    else if (leaders.length > 1)
      add('grid_direct_leader_count', `直接负责人应为1人，现有${leaders.length}人`);
    for (const leader of leaders.filter((m) => !m.isSectionCadre))
      add('grid_direct_leader_not_section_cadre', `直接负责人${leader.name}不是科级干部`);
    return { gridMembers, add };
  };

  const sectorUnits = input.units.filter((u) => SECTOR_UNIT_KINDS.includes(u.kind));
  for (const unit of sectorUnits) {
    exactlyOne('G2', unit, 'sector_head', holders('sector_head', unit.code).length);
    exactlyOne('G2', unit, 'sector_deputy', holders('sector_deputy', unit.code).length);
    const grids = input.grids.filter((g) => g.unitCode === unit.code);
    if (!grids.some((g) => g.kind === 'sector'))
      findings.push({
        rule: 'G2',
        unitCode: unit.code,
        code: 'no_grid',
        message: `${unit.name}：未划定本行业领域网格`,
      });
    for (const grid of grids) {
      if (grid.kind !== 'sector') {
        findings.push({
          rule: 'G2',
          unitCode: unit.code,
          gridCode: grid.code,
          code: 'grid_kind_mismatch',
          message: `${unit.name}「${grid.name}」：县直部门只能划定行业网格`,
        });
        continue;
      }
      checkGridCore('G2', unit, grid);
    }
  }

  /** A township's grids: its own, and those recorded against its villages. */
  const townshipOf = (grid: OrganisationGrid): OrganisationUnit | undefined => {
    const unit = unitsByCode.get(grid.unitCode);
    if (unit?.kind === 'township') return unit;
    if (unit?.kind === 'village' && unit.parentCode) {
      const parent = unitsByCode.get(unit.parentCode);
      if (parent?.kind === 'township') return parent;
    }
    return undefined;
  };

  const townships = input.units.filter((u) => u.kind === 'township');
  for (const unit of townships) {
    exactlyOne('G3', unit, 'grid_head', holders('grid_head', unit.code).length);
    exactlyOne('G3', unit, 'grid_deputy', holders('grid_deputy', unit.code).length);
    const grids = input.grids.filter((g) => townshipOf(g)?.code === unit.code);
    if (!grids.some((g) => g.kind === 'village'))
      findings.push({
        rule: 'G3',
        unitCode: unit.code,
        code: 'no_grid',
        message: `${unit.name}：未按行政村（社区）划分网格`,
      });
    for (const grid of grids) {
      if (grid.kind === 'sector') {
        findings.push({
          rule: 'G3',
          unitCode: unit.code,
          gridCode: grid.code,
          code: 'grid_kind_mismatch',
          message: `${unit.name}「${grid.name}」：乡镇应以行政村（社区）划分网格，不应为行业网格`,
        });
        continue;
      }
      if (grid.kind === 'village') {
        const { gridMembers, add } = checkGridCore('G3', unit, grid);
        if (!gridMembers.some((m) => m.post === POSTS.firstSecretary))
          add('grid_no_first_secretary', '网格员中缺少驻村第一书记');
        if (!gridMembers.some((m) => m.post === POSTS.villageCadreStationed))
          add('grid_no_stationed_cadre', '网格员中缺少驻村干部');
        checkVillage(unit, grid);
      } else {
        checkSubArea(unit, grid);
      }
    }
  }

  /** G3: each village unit is a grid: one recorded under it, or a grid of its township naming it as 所在村. */
  for (const village of input.units.filter((u) => u.kind === 'village')) {
    const township = village.parentCode ? unitsByCode.get(village.parentCode) : undefined;
    const hasGrid = input.grids.some(
      (g) =>
        g.kind !== 'sector' &&
        (g.unitCode === village.code || (g.unitCode === township?.code && g.village === village.name)),
    );
    if (!hasGrid)
      findings.push({
        rule: 'G3',
        unitCode: township?.code ?? village.code,
        code: 'village_no_grid',
        message: `${village.name}：未划分为网格（原则上以行政村（社区）为单位划分网格）`,
      });
  }

  // G7: every grid but a 分片 (its village grid's area covers it) has its area drawn (定区域).
  for (const grid of input.grids) {
    if (grid.kind === 'sub_area' || grid.hasArea !== false) continue;
    const unit = unitsByCode.get(grid.unitCode);
    findings.push({
      rule: 'G7',
      unitCode: grid.unitCode,
      gridCode: grid.code,
      code: 'grid_no_area',
      message: `${unit?.name ?? grid.unitCode}「${grid.name}」：未划定网格区域（定区域）`,
    });
  }

  /** G4: the village's 支部书记 is its 村级网格员. */
  function checkVillage(unit: OrganisationUnit, grid: OrganisationGrid) {
    const secretary = membersOfGrid(grid.code).some(
      (m) => m.roles.includes('village_member') && m.post === POSTS.branchSecretary,
    );
    if (!secretary)
      findings.push({
        rule: 'G4',
        unitCode: unit.code,
        gridCode: grid.code,
        code: 'village_no_branch_secretary',
        message: `${unit.name}「${grid.name}」：未明确由支部书记担任村级网格员`,
      });
  }

  /** G4: a 分片 hangs under a village grid and is covered by village cadres or public-welfare posts. */
  function checkSubArea(unit: OrganisationUnit, grid: OrganisationGrid) {
    const where = `${unit.name}「${grid.name}」`;
    const parent = grid.parentGridCode ? gridsByCode.get(grid.parentGridCode) : undefined;
    if (!parent || parent.kind !== 'village' || townshipOf(parent)?.code !== unit.code)
      findings.push({
        rule: 'G4',
        unitCode: unit.code,
        gridCode: grid.code,
        code: 'sub_area_parent_invalid',
        message: `${where}：分片网格须隶属本乡镇的村级网格`,
      });
    const covered = membersOfGrid(grid.code).some(
      (m) =>
        m.roles.includes('village_member') ||
        m.roles.includes('public_welfare') ||
        (m.post !== null && (VILLAGE_CADRE_POSTS.includes(m.post) || PUBLIC_WELFARE_POSTS.includes(m.post))),
    );
    if (!covered)
      findings.push({
        rule: 'G4',
        unitCode: unit.code,
        gridCode: grid.code,
        code: 'sub_area_uncovered',
        message: `${where}：分片无村（社区）干部或护林员、保洁员、管水员等公益性岗位包保`,
      });
  }

  return findings;
}
