import type { Actor } from '../../domain/organisation/roles';
import type { IssueLifecycleInput, IssueReport } from '../../domain/issue/issue.types';
import { DEFAULT_CALENDAR } from '../../domain/calendar/working-days';
import { ISSUE_PROCESS } from '../../domain/process/issue-process.definition';

/** People of the demo county, as the API would build them from tokens. */
export const actors = {
  wrbMember: { id: 'wrb-1', name: '水务局网格员', unitCode: 'WRB', roles: ['grid_member'] },
  wrbLeader: {
    id: 'wrb-2',
    name: '水务局直接负责人',
    unitCode: 'WRB',
    roles: ['grid_member', 'direct_leader'],
  },
  wrbHead: { id: 'wrb-3', name: '水务局局长', unitCode: 'WRB', roles: ['sector_head'] },
  uleMember: { id: 'ule-1', name: '执法局网格员', unitCode: 'ULE', roles: ['grid_member'] },
  uleLeader: {
    id: 'ule-2',
    name: '执法局直接负责人',
    unitCode: 'ULE',
    roles: ['grid_member', 'direct_leader'],
  },
  uleHead: { id: 'ule-3', name: '执法局局长', unitCode: 'ULE', roles: ['sector_head'] },
  uleSignOffOfficer: {
    id: 'ule-4',
    name: '执法局销号签字人',
    unitCode: 'ULE',
    roles: ['grid_member', 'signoff_officer'],
  },
  agrMember: { id: 'agr-1', name: '农业农村局网格员', unitCode: 'AGR', roles: ['grid_member'] },
  eebMember: { id: 'eeb-1', name: '生态环境分局网格员', unitCode: 'EEB', roles: ['grid_member'] },
  forMember: { id: 'for-1', name: '林业局网格员', unitCode: 'FOR', roles: ['grid_member'] },
  township: { id: 'gz-1', name: '古州镇网格长', unitCode: 'T-GUZHOU', roles: ['grid_head'] },
  townshipMember: { id: 'gz-2', name: '古州镇网格员', unitCode: 'T-GUZHOU', roles: ['grid_member'] },
  /** 杨书记, the village Party branch secretary: the supervision group's leader, with an account of his own. */
  villageSecretary: { id: 'gz-sec', name: '杨书记', unitCode: 'T-GUZHOU', roles: ['village_member'] },
  eco: { id: 'eco-1', name: '县环委办干部', unitCode: 'ECO', roles: ['office_staff'] },
  chief: { id: 'chief', name: '县长', unitCode: 'COUNTY', roles: ['chief'] },
  deputyChief: { id: 'deputy', name: '副县长', unitCode: 'COUNTY', roles: ['deputy_chief'] },
} satisfies Record<string, Actor>;

export function report(overrides: Partial<IssueReport> = {}): IssueReport {
  return {
    title: '河道倾倒生活垃圾',
    description: '古州镇河段左岸堆放生活垃圾约20立方米',
    category: 'domestic_waste',
    severity: 'general',
    source: 'patrol',
    township: 'T-GUZHOU',
    finderUnit: 'WRB',
    reportedBy: '水务局网格员',
    evidence: ['photo-1'],
    ...overrides,
  };
}

/** A lifecycle input as the API builds it: domestic waste is owned by ULE (SPEC §2), found by WRB. */
export function lifecycleInput(
  code: string,
  overrides: Partial<IssueLifecycleInput> = {},
): IssueLifecycleInput {
  return {
    code,
    report: report(),
    sectorOwner: 'ULE',
    territorialOwner: 'T-GUZHOU',
    definitionVersion: ISSUE_PROCESS.version,
    reportedAt: '2026-11-29T00:00:00.000Z',
    policy: ISSUE_PROCESS.policy,
    calendar: DEFAULT_CALENDAR,
    organisation: { ecoOffice: 'ECO' },
    ...overrides,
  };
}

export const fivePlan = (timeLimit: string) => ({
  responsibleUnit: '县综合行政执法局',
  responsiblePerson: '执法局直接负责人',
  measures: '清运垃圾，设置围挡和警示牌，纳入日常保洁',
  timeLimit,
  target: '河段无垃圾堆放，群众满意',
});

export const supervisionGroup = [
  { name: '杨书记', kind: 'leader', title: '党支部书记', memberId: 'gz-sec' },
  { name: '吴村长', kind: 'deputy', title: '村主任' },
  { name: '党员甲', kind: 'party_member' },
  { name: '老干部乙', kind: 'retired_cadre' },
  { name: '老村干丙', kind: 'former_village_cadre' },
  { name: '组干丁', kind: 'village_group_cadre' },
  { name: '妇女代表戊', kind: 'women_representative' },
  { name: '村民己', kind: 'villager_representative' },
] as const;
