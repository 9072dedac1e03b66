import type { GridKind } from './organisation.types';
import { holdsAny, type MemberRole } from './roles';

/**
 * 村级网格员反馈 (G8): "由村级网格员将相关情况第一时间反馈至乡镇网格员或副网格长". A village grid member's report goes to
 * the township's grid, which accepts it as an issue (its lifecycle starts) or answers it.
 */
export const VILLAGE_RELAY_STATUSES = ['submitted', 'accepted', 'answered'] as const;
export type VillageRelayStatus = (typeof VILLAGE_RELAY_STATUSES)[number];

export const VILLAGE_RELAY_STATUS_LABELS: Record<VillageRelayStatus, string> = {
  submitted: '待乡镇处理',
  accepted: '已受理为问题',
  answered: '已答复',
};

/** Who relays: the 村级网格员 (支部书记) and the 公益性岗位 covering a 分片. */
export const RELAY_REPORTER_ROLES: readonly MemberRole[] = ['village_member', 'public_welfare'];

/** Who takes a relay at the township: its 网格员 and 直接负责人, its 网格长 and 副网格长. */
export const RELAY_HANDLER_ROLES: readonly MemberRole[] = [
  'grid_member',
  'direct_leader',
  'grid_head',
  'grid_deputy',
];

export const mayRelay = (roles: readonly string[]) => holdsAny(roles, RELAY_REPORTER_ROLES);
export const mayHandleRelay = (roles: readonly string[]) => holdsAny(roles, RELAY_HANDLER_ROLES);

/** The village grid a member's relay goes through: their own grid, or the village grid of their 分片. */
export function relayGrid(grid: {
  code: string;
  kind: GridKind;
  parentGridCode: string | null;
}): string | null {
  if (grid.kind === 'village') return grid.code;
  if (grid.kind === 'sub_area') return grid.parentGridCode;
  return null;
}
