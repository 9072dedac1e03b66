import type { MemberRole } from './roles';

/** 网格 kinds: a department's sector grid, a township's village grid (行政村/社区), a village's sub-area (分片). */
export const GRID_KINDS = ['sector', 'village', 'sub_area'] as const;
export type GridKind = (typeof GRID_KINDS)[number];

/** Unit kinds as the organisation rules see them (same values as the `units.kind` column). */
export type OrganisationUnitKind =
  'county_government' | 'office' | 'department' | 'township' | 'village' | 'park';

/** Unit kinds as printed (作战图, assessment). */
export const UNIT_KIND_LABELS: Record<string, string> = {
  department: '县直部门',
  township: '乡镇（街道）',
  park: '园区',
  office: '县环委办',
  county_government: '县人民政府',
  village: '村（社区）',
};

export interface OrganisationUnit {
  code: string;
  name: string;
  kind: OrganisationUnitKind;
  parentCode: string | null;
}

/** 网格: an area a unit supervises, with its members. */
export interface OrganisationGrid {
  code: string;
  unitCode: string;
  name: string;
  kind: GridKind;
  /** The village grid a 分片 belongs to. */
  parentGridCode: string | null;
  /** 所在村 */
  village: string | null;
  /** 定区域 (G7): whether the grid's area is drawn; unknown when the reader did not look. */
  hasArea?: boolean;
}

export interface OrganisationMember {
  id: string;
  unitCode: string;
  gridCode: string | null;
  name: string;
  roles: readonly MemberRole[];
  /** 科级干部 */
  isSectionCadre: boolean;
  /** 岗位, e.g. 驻村第一书记 */
  post: string | null;
  active: boolean;
}

/** Posts named by the plan (seed 二(三)、(四)); free text is allowed, these are the ones the rules look for. */
export const POSTS = {
  firstSecretary: '驻村第一书记',
  villageCadreStationed: '驻村干部',
  branchSecretary: '支部书记',
  villageHead: '村主任',
  villageCadre: '村干部',
  forestRanger: '护林员',
  cleaner: '保洁员',
  waterKeeper: '管水员',
} as const;

/** 公益性岗位 (seed 二(四)): forest ranger, cleaner, water keeper. */
export const PUBLIC_WELFARE_POSTS: readonly string[] = [POSTS.forestRanger, POSTS.cleaner, POSTS.waterKeeper];

/** 行政村（社区）干部 posts that may cover a 分片. */
export const VILLAGE_CADRE_POSTS: readonly string[] = [
  POSTS.branchSecretary,
  POSTS.villageHead,
  POSTS.villageCadre,
  '村委委员',
  '村监委主任',
  '社区主任',
  '社区干部',
  '村民小组长',
];

export const GRID_KIND_LABELS: Record<GridKind, string> = {
  sector: '行业网格',
  village: '村级网格',
  sub_area: '分片网格',
};
