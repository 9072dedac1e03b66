import type { FormInstance } from 'antd';
import { ApiProblem } from '../api/client';
import type { Translate } from '../i18n';

type NamePath = Array<string | number>;

/** `milestones[0].date`, `milestones.0.date` or `data.reason` (a workflow's field) as a form name path. */
export function toNamePath(field: string): NamePath {
  const parts = field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '');
  if (parts[0] === 'data' && parts.length > 1) parts.shift();
  return parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function known(form: FormInstance, path: NamePath): boolean {
  const value: unknown = form.getFieldValue(path);
  if (value !== undefined) return true;
  return form.getFieldsError().some((entry) => entry.name.join('.') === path.join('.'));
}

/**
 * Shows a problem+json answer where it belongs: each `errors[]` entry (or the workflow's named `field`) next to its
 * field, and what names no field of this form in the summary. Returns the summary lines (title first).
 */
export function showProblem(form: FormInstance | null, error: unknown, t: Translate): string[] {
  if (!(error instanceof ApiProblem)) return [t('error.generic')];
  if (error.status === 0) return [t('error.network')];
  const unplaced: string[] = [];
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  for (const entry of error.errors) {
    const name = toNamePath(entry.field);
    if (form && name.length > 0 && known(form, name)) {
      const key = name.join('.');
      const slot = byField.get(key) ?? { name, errors: [] };
      slot.errors.push(entry.message);
      byField.set(key, slot);
    } else unplaced.push(entry.field ? `${entry.field}: ${entry.message}` : entry.message);
  }
  if (form && byField.size > 0) form.setFields([...byField.values()]);
  return [error.title, error.detail, ...unplaced].filter((line, i, all) => line && all.indexOf(line) === i);
}
