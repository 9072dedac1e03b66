/**
 * 网格监管作战图 (SPEC P9): one unit's organisation, duties, grid division and the rectification timetable of its
 * open issues, assembled from plain organisation and read-model rows. Pure.
 */
import {
  holdsAny,
  ROLE_LABELS,
  UNIT_DEPUTY_ROLES,
  UNIT_PRINCIPAL_ROLES,
  type MemberRole,
} from '../../organisation/roles';
import type { IssueStatus, RectificationPlan, Severity } from '../../issue/issue.types';
import type { GridKind } from '../../organisation/organisation.types';
import { GRID_KIND_LABELS } from '../../organisation/organisation.types';
import type { DutyPolicy } from '../duty-policy';
import { endOfDay } from '../periods';

export interface BattleMapUnitRow {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
}

export interface BattleMapMemberRow {
  id: string;
  unitCode: string;
  gridCode: string | null;
  name: string;
  roles: string[];
  isSectionCadre: boolean;
  post: string | null;
  phone: string | null;
  publicContact: string | null;
}

export interface BattleMapGridRow {
  code: string;
  unitCode: string;
  name: string;
  kind: GridKind;
  parentGridCode: string | null;
  village: string | null;
  description: string;
}

export interface BattleMapKeyPointRow {
  id: string;
  gridCode: string;
  name: string;
  lat: number | null;
  lng: number | null;
  description: string;
}

export interface BattleMapCategoryRow {
  code: string;
  name: string;
  description: string;
}

/** An open issue the unit carries, as the read model holds it (the plan comes from the issue's state). */
export interface BattleMapIssueRow {
  code: string;
  title: string;
  category: string;
  categoryName: string | null;
  severity: Severity;
  status: IssueStatus;
  township: string;
  townshipName: string | null;
  village: string | null;
  finderUnit: string;
  owner: string | null;
  sectorOwner: string;
  territorialOwner: string;
  /** The earliest open obligation's due date (accept, plan, rectify, …). */
  deadline: Date | null;
  overdue: boolean;
  escalationLevel: number;
  countySupervision: boolean;
  plan: RectificationPlan | null;
}

export interface BattleMapRows {
  unit: BattleMapUnitRow;
  members: BattleMapMemberRow[];
  grids: BattleMapGridRow[];
  keyPoints: BattleMapKeyPointRow[];
  categories: BattleMapCategoryRow[];
  issues: BattleMapIssueRow[];
}

export interface BattleMapPerson {
  id: string;
  name: string;
  unitCode: string;
  roles: string[];
  /** Chinese role labels. */
  roleLabels: string[];
  post: string | null;
  isSectionCadre: boolean;
  phone: string | null;
  publicContact: string | null;
}

export interface BattleMapKeyPoint {
  id: string;
  name: string;
  lat: number | null;
  lng: number | null;
  description: string;
}

export interface BattleMapGrid {
  code: string;
  name: string;
  kind: GridKind;
  kindLabel: string;
  village: string | null;
  description: string;
  /** 直接负责人: the grid's 科级干部 leader (G2, G3); null when the grid has none. */
  directLeader: BattleMapPerson | null;
  members: BattleMapPerson[];
  keyPoints: BattleMapKeyPoint[];
  /** 分片 of a village grid (G4). */
  subAreas: BattleMapGrid[];
}

export type BattleMapIssueRole = 'owner' | 'sector_owner' | 'territorial_owner';

export interface BattleMapTimetableEntry {
  code: string;
  title: string;
  category: string;
  categoryName: string;
  severity: Severity;
  status: IssueStatus;
  township: string;
  townshipName: string;
  village: string | null;
  /** How the unit carries it (L6). */
  roles: BattleMapIssueRole[];
  owner: string | null;
  /** 五定: responsible unit and person, time limit (YYYY-MM-DD) and milestones; null before a plan exists. */
  responsibleUnit: string | null;
  responsiblePerson: string | null;
  timeLimit: string | null;
  milestones: RectificationPlan['milestones'];
  /** The date the timetable sorts by: the plan's time limit, else the next obligation's due date. */
  dueAt: string | null;
  overdue: boolean;
  escalationLevel: number;
  countySupervision: boolean;
}

export interface BattleMap {
  unit: { code: string; name: string; kind: string };
  generatedAt: string;
  organisation: {
    /** 分网格长 / 网格长 */
    heads: BattleMapPerson[];
    /** 副分网格长 / 副网格长 */
    deputies: BattleMapPerson[];
    /** 网格信息联络人员 of the unit. */
    liaisons: BattleMapPerson[];
    /** Members of the unit not placed in a grid and not heads (e.g. office staff). */
    others: BattleMapPerson[];
  };
  duties: {
    /** What the unit is responsible for, in words. */
    statement: string;
    /** The responsibility catalog's categories it owns (SPEC §2). */
    categories: BattleMapCategoryRow[];
    /** The standing duties it runs (P1, P3, P5), with the policy's numbers. */
    standing: string[];
  };
  grids: BattleMapGrid[];
  timetable: BattleMapTimetableEntry[];
}

function person(row: BattleMapMemberRow): BattleMapPerson {
  return {
    id: row.id,
    name: row.name,
    unitCode: row.unitCode,
    roles: row.roles,
    roleLabels: row.roles.map((role) => ROLE_LABELS[role as MemberRole] ?? role),
    post: row.post,
    isSectionCadre: row.isSectionCadre,
    phone: row.phone,
    publicContact: row.publicContact,
  };
}

const byName = (a: BattleMapPerson, b: BattleMapPerson) =>
  a.name.localeCompare(b.name, 'zh') || a.id.localeCompare(b.id);

/** What a unit of this kind answers for, in the seed's terms. */
export function dutyStatement(kind: string, categories: number): string {
  switch (kind) {
    case 'township':
      return '属地管理：负责辖区内生态环境问题的发现、报告和属地整改，与行业主管部门双责任、双台账、双销号（L6）；以行政村（社区）为单位划分网格。';
    case 'park':
      return '属地管理（G9）：园区是网格体系的基本单元，负责园区内生态环境问题的发现、报告和属地整改，与行业主管部门双责任、双台账、双销号（L6）；负责园区环保基础设施完善等问题。';
    case 'office':
      return '统筹调度：负责全县网格化管理的调度、督促、检查和考核，接收各单位报送材料，编发情况通报（P8）。';
    default:
      return categories > 0
        ? '行业监管：负责下列职责类别问题的排查、查处和整改，对辖区外发现的本行业问题按移交程序受理（L3）；划定本行业领域监管网格。'
        : '行业监管：按职责清单负责本行业领域生态环境问题的排查整改；划定本行业领域监管网格。';
  }
}

/** The standing duties a unit with grids runs, with the numbers the policy in force gives them. */
export function standingDuties(
  policy: Pick<
    DutyPolicy,
    | 'patrolsPerWeek'
    | 'keyPointVisitsPerMonth'
    | 'consultationsPerMonth'
    | 'weeklyReportDueWeekday'
    | 'weeklyReportDueTime'
  >,
): string[] {
  const weekday =
    ['一', '二', '三', '四', '五', '六', '日'][policy.weeklyReportDueWeekday - 1] ??
    String(policy.weeklyReportDueWeekday);
  const time = `${policy.weeklyReportDueTime.hour}:${String(policy.weeklyReportDueTime.minute).padStart(2, '0')}`;
  return [
    `每个网格每周巡查不少于${policy.patrolsPerWeek}次（P1）`,
    `每个重点监控区域、点位每月全覆盖不少于${policy.keyPointVisitsPerMonth}次（P1）`,
    `每周${weekday}${time}前向县环委办报送经审定的巡查简报和问题台账（P3）`,
    `网格长每月组织会商不少于${policy.consultationsPerMonth}次，重大问题及时会商（P5）`,
    '每月报送总结提炼类综合材料和风险预警问题清单（P4）',
  ];
}

/** The date a timetable entry is due by: the 五定 time limit (end of that day), else the next obligation. */
function dueOf(issue: BattleMapIssueRow): Date | null {
  return issue.plan?.timeLimit ? endOfDay(issue.plan.timeLimit) : issue.deadline;
}

/**
 * The open issues the unit carries as owner, 行业主管部门 (once an owner has accepted) or 属地乡镇, soonest due first
 * (undated last): an issue merely transferred to the unit, not yet accepted, is not on its timetable.
 */
export function timetable(
  unit: string,
  issues: readonly BattleMapIssueRow[],
  at: Date,
): BattleMapTimetableEntry[] {
  return issues
    .filter((issue) => issue.status !== 'closed' && issue.status !== 'archived')
    .map((issue) => {
      const roles: BattleMapIssueRole[] = [];
      if (issue.owner === unit) roles.push('owner');
      // The catalog's 行业主管部门 carries it from acceptance on, as its ledger does (L6), not while it is offered.
      if (issue.sectorOwner === unit && issue.owner !== null) roles.push('sector_owner');
      if (issue.territorialOwner === unit) roles.push('territorial_owner');
      return { issue, roles, due: dueOf(issue) };
    })
    .filter(({ roles }) => roles.length > 0)
    .sort(
      (a, b) =>
        (a.due?.getTime() ?? Number.POSITIVE_INFINITY) - (b.due?.getTime() ?? Number.POSITIVE_INFINITY) ||
        a.issue.code.localeCompare(b.issue.code),
    )
    .map(({ issue, roles, due }) => ({
      code: issue.code,
      title: issue.title,
      category: issue.category,
      categoryName: issue.categoryName ?? issue.category,
      severity: issue.severity,
      status: issue.status,
      township: issue.township,
      townshipName: issue.townshipName ?? issue.township,
      village: issue.village,
      roles,
      owner: issue.owner,
      responsibleUnit: issue.plan?.responsibleUnit ?? null,
      responsiblePerson: issue.plan?.responsiblePerson ?? null,
      timeLimit: issue.plan?.timeLimit ?? null,
      milestones: issue.plan?.milestones ?? [],
      dueAt: due ? due.toISOString() : null,
      // Past its time limit counts even before the escalation timer has written the flag.
      overdue: issue.overdue || (due !== null && due.getTime() <= at.getTime()),
      escalationLevel: issue.escalationLevel,
      countySupervision: issue.countySupervision,
    }));
}

/** Assembles a unit's 作战图 from its rows. `at` is the time it is drawn (what "overdue" is judged against). */
export function assembleBattleMap(
  rows: BattleMapRows,
  policy: Parameters<typeof standingDuties>[0],
  at: Date,
): BattleMap {
  const { unit } = rows;
  const members = rows.members.map(person);
  const gridCodes = new Set(rows.grids.map((g) => g.code));
  const gridOfMember = new Map(rows.members.map((r) => [r.id, r.gridCode]));
  const inGrid = (m: BattleMapPerson, code: string) => gridOfMember.get(m.id) === code;
  const ownUnit = members.filter((m) => m.unitCode === unit.code);
  const heads = ownUnit.filter((m) => holdsAny(m.roles, UNIT_PRINCIPAL_ROLES)).sort(byName);
  const deputies = ownUnit.filter((m) => holdsAny(m.roles, UNIT_DEPUTY_ROLES)).sort(byName);
  const liaisons = ownUnit.filter((m) => m.roles.includes('liaison')).sort(byName);
  const placed = new Set([...heads, ...deputies, ...liaisons].map((m) => m.id));
  const others = ownUnit
    .filter((m) => !placed.has(m.id))
    .filter((m) => {
      const grid = gridOfMember.get(m.id);
      return !grid || !gridCodes.has(grid);
    })
    .sort(byName);

  const gridOf = (row: BattleMapGridRow): BattleMapGrid => {
    const gridMembers = members.filter((m) => inGrid(m, row.code)).sort(byName);
    return {
      code: row.code,
      name: row.name,
      kind: row.kind,
      kindLabel: GRID_KIND_LABELS[row.kind] ?? row.kind,
      village: row.village,
      description: row.description,
      directLeader: gridMembers.find((m) => m.roles.includes('direct_leader')) ?? null,
      members: gridMembers,
      keyPoints: rows.keyPoints
        .filter((kp) => kp.gridCode === row.code)
        .sort((a, b) => a.id.localeCompare(b.id))
        .map(({ id, name, lat, lng, description }) => ({ id, name, lat, lng, description })),
      subAreas: rows.grids
        .filter((g) => g.parentGridCode === row.code)
        .sort((a, b) => a.code.localeCompare(b.code))
        .map(gridOf),
    };
  };
  const topGrids = rows.grids
    .filter((g) => !g.parentGridCode || !gridCodes.has(g.parentGridCode))
    .sort((a, b) => a.code.localeCompare(b.code));

  const categories = [...rows.categories].sort((a, b) => a.code.localeCompare(b.code));
  return {
    unit: { code: unit.code, name: unit.name, kind: unit.kind },
    generatedAt: at.toISOString(),
    organisation: { heads, deputies, liaisons, others },
    duties: {
      statement: dutyStatement(unit.kind, categories.length),
      categories,
      standing: unit.kind === 'office' ? [] : standingDuties(policy),
    },
    grids: topGrids.map(gridOf),
    timetable: timetable(unit.code, rows.issues, at),
  };
}
