import type { MessageKey } from '../i18n';

export interface MenuEntry {
  path: string;
  label: MessageKey;
  /** Roles that see the entry; undefined: every member. */
  roles?: readonly string[];
}

/** The side menu: only screens that exist. Later screens add their entries here, with the roles they serve. */
export const MENU: readonly MenuEntry[] = [
  { path: '/', label: 'menu.work' },
  { path: '/inbox', label: 'menu.inbox' },
];

export function menuFor(roles: readonly string[]): MenuEntry[] {
  return MENU.filter((entry) => !entry.roles || entry.roles.some((role) => roles.includes(role)));
}
