import type { Me } from '../api/types';
import type { MessageKey } from '../i18n';

export interface MenuEntry {
  path: string;
  label: MessageKey;
  /** Roles that see the entry; undefined: every member. */
  roles?: readonly string[];
  /** Only for 县环委办 and the county heads. */
  countyWide?: boolean;
}

const COUNTY_HEAD_ROLES = ['chief', 'deputy_chief'];

/** 县环委办 (the office unit) and the county heads see the whole county, as the API decides. */
export function isCountyWide(me: Pick<Me, 'unitKind' | 'roles'>): boolean {
  return me.unitKind === 'office' || me.roles.some((role) => COUNTY_HEAD_ROLES.includes(role));
}

/** The side menu, in the order a member works. */
export const MENU: readonly MenuEntry[] = [
  { path: '/', label: 'menu.work' },
  { path: '/report', label: 'menu.report' },
  { path: '/inbox', label: 'menu.inbox' },
  { path: '/ledgers', label: 'menu.ledgers' },
  { path: '/overview', label: 'menu.overview', countyWide: true },
  { path: '/reports', label: 'menu.reports' },
  { path: '/organisation', label: 'menu.organisation' },
];

export function menuFor(me: Pick<Me, 'unitKind' | 'roles'>): MenuEntry[] {
  return MENU.filter(
    (entry) =>
      (!entry.roles || entry.roles.some((role) => me.roles.includes(role))) &&
      (!entry.countyWide || isCountyWide(me)),
  );
}
